import type { Database, SystemTx } from '@companero/db';
import { sql } from 'drizzle-orm';
import type { Logger } from 'pino';
import type { AiGateway } from '../../platform/ai/ai-gateway.ts';
import type { KnowledgeRepository } from './knowledge.repository.ts';
import type { DenseRetrieval } from './knowledge-search.service.ts';

const BATCH = 64;
const QUERY_CACHE = 500;
const QUERY_TIMEOUT_MS = 5000;

/**
 * Dense retrieval's two halves: chunk vectors written by the worker (in
 * batches, gaps only) and query vectors for search (cached, time-boxed).
 */
export function createKnowledgeEmbeddingService(deps: {
  db: Database;
  repo: KnowledgeRepository;
  ai: Pick<AiGateway, 'embed' | 'embeddingModel'>;
  logger: Pick<Logger, 'info' | 'warn'>;
}): DenseRetrieval & {
  embedVersion(job: { creatorId: string; documentId: string; version: number }): Promise<number>;
  versionsMissingVectors(): Promise<{ creatorId: string; documentId: string; version: number }[]>;
} {
  const { db, repo, ai } = deps;
  const model = ai.embeddingModel;
  if (!model) throw new Error('createKnowledgeEmbeddingService needs an embedding model');
  const cache = new Map<string, number[]>();

  return {
    model,
    async embedQuery(text) {
      const key = text.trim().toLowerCase();
      const hit = cache.get(key);
      if (hit) return hit;
      const { embeddings } = await ai.embed([text], AbortSignal.timeout(QUERY_TIMEOUT_MS));
      const vector = embeddings[0] ?? null;
      if (vector) {
        if (cache.size >= QUERY_CACHE) cache.delete(cache.keys().next().value as string);
        cache.set(key, vector);
      }
      return vector;
    },

    async embedVersion({ creatorId, documentId, version }) {
      let written = 0;
      for (;;) {
        const chunks = await db.readAsTenant(creatorId, (tx) =>
          repo.chunksToEmbed(tx, documentId, version, model, BATCH),
        );
        if (chunks.length === 0) break;
        // The heading path gives a chunk its context ("Sleep > Caffeine").
        const texts = chunks.map((c) => [...c.heading_path, c.content].join('\n'));
        const { embeddings } = await ai.embed(texts);
        await db.withTenant(creatorId, (tx) =>
          repo.insertEmbeddings(
            tx,
            model,
            chunks.map((c, i) => ({ chunkId: c.id, embedding: embeddings[i]! })),
          ),
        );
        written += chunks.length;
        if (chunks.length < BATCH) break;
      }
      if (written > 0) deps.logger.info({ creatorId, documentId, version, written }, 'chunks embedded');
      return written;
    },

    /** Current versions with chunks lacking a vector (after the model changed, or on first enabling). */
    versionsMissingVectors() {
      return db.withSystem('dense retrieval: find document versions to embed', async (tx: SystemTx) => {
        const rows = await tx.execute<{ creator_id: string; document_id: string; version: number }>(sql`
          select distinct c.creator_id, c.document_id, c.version
            from kb_chunks c
            join kb_documents d on d.creator_id = c.creator_id and d.id = c.document_id and d.current_version = c.version
           where not exists (
             select 1 from kb_chunk_embeddings e
              where e.creator_id = c.creator_id and e.chunk_id = c.id and e.model = ${model})
           limit 10000`);
        return rows.map((r) => ({
          creatorId: r.creator_id,
          documentId: r.document_id,
          version: Number(r.version),
        }));
      });
    },
  };
}
