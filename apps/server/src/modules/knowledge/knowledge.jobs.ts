import { z } from 'zod';
import { defineJob } from '../../platform/queue/index.ts';

/**
 * Extract, chunk and index one version of a document. Idempotent: the
 * singleton key is `<documentId>:<version>`, and the handler replaces the
 * document's chunks in one transaction, so a crash mid-way retries cleanly.
 */
export const ingestVersionJob = defineJob({
  name: 'knowledge.ingest-version',
  payload: z.object({ creatorId: z.uuid(), documentId: z.uuid(), version: z.number().int().min(1) }),
  retryLimit: 3,
  retryDelaySeconds: 10,
  retryBackoff: true,
  expireInSeconds: 900,
});
