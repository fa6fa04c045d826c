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

/**
 * Embeds the chunks of one document version that have no vector from the
 * configured model yet (dense retrieval). Idempotent: it only fills gaps, so
 * retries after a provider failure continue where the last attempt stopped.
 */
export const embedVersionJob = defineJob({
  name: 'knowledge.embed-version',
  payload: z.object({ creatorId: z.uuid(), documentId: z.uuid(), version: z.number().int().min(1) }),
  retryLimit: 5,
  retryDelaySeconds: 30,
  retryBackoff: true,
  expireInSeconds: 1800,
});
