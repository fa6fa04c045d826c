import { type Database, schema, type TenantTx } from '@companero/db';
import { createKnowledgeRepository, indexChunks, type TsConfig } from '../knowledge.repository.ts';
import { type BeirDocument, chunkText } from './beir.ts';

/**
 * How the corpus gets into the index.
 * - `repository`: `insertDocument` + `replaceChunks` per document (the production
 *   ingestion path), many documents per transaction.
 * - `bulk`: the documents of a batch in one INSERT, then their chunks written and
 *   indexed by the repository's own indexing statement (`indexChunks`, which
 *   `replaceChunks` runs for one document) once for the whole batch.
 */
export type IndexMode = 'repository' | 'bulk';

export interface IndexOptions {
  mode: IndexMode;
  config: TsConfig;
  /** Documents per transaction. */
  batchSize: number;
  onProgress?: (done: number, total: number) => void;
}

/** Indexes every document as one knowledge document with one chunk; returns document id → corpus id. */
export async function indexCorpus(
  db: Database,
  creatorId: string,
  corpus: readonly BeirDocument[],
  opts: IndexOptions,
): Promise<Map<string, string>> {
  const toCorpusId = new Map<string, string>();
  for (let start = 0; start < corpus.length; start += opts.batchSize) {
    const batch = corpus.slice(start, start + opts.batchSize);
    const ids = await db.withTenant(creatorId, (tx) =>
      opts.mode === 'bulk' ? bulkBatch(tx, batch, opts.config) : repositoryBatch(tx, batch, opts.config),
    );
    for (const [i, id] of ids.entries()) toCorpusId.set(id, batch[i]!.id);
    opts.onProgress?.(Math.min(start + opts.batchSize, corpus.length), corpus.length);
  }
  return toCorpusId;
}

const repo = createKnowledgeRepository();

function documentValues(doc: BeirDocument) {
  return {
    title: doc.title.trim().slice(0, 300) || doc.id,
    kind: 'text' as const,
    visibility: 'public' as const,
    currentVersion: 1,
    status: 'ready' as const,
    language: 'en',
    sizeBytes: Buffer.byteLength(chunkText(doc)),
  };
}

async function repositoryBatch(tx: TenantTx, batch: readonly BeirDocument[], config: TsConfig) {
  const ids: string[] = [];
  for (const doc of batch) {
    const row = await repo.insertDocument(tx, documentValues(doc));
    await repo.replaceChunks(tx, row.id, 1, config, [
      { position: 0, content: chunkText(doc), page: null, pageEnd: null, headingPath: [] },
    ]);
    ids.push(row.id);
  }
  return ids;
}

/**
 * The documents of the batch in one INSERT, then `indexChunks` (chunks, postings
 * with impacts, kb_terms, kb_stats) once for all of them: the same statement as
 * `replaceChunks`, so the same index.
 */
async function bulkBatch(tx: TenantTx, batch: readonly BeirDocument[], config: TsConfig) {
  const docs = await tx
    .insert(schema.kbDocuments)
    .values(batch.map((doc) => ({ creatorId: tx.creatorId, ...documentValues(doc) })))
    .returning({ id: schema.kbDocuments.id });
  const ids = docs.map((d) => d.id);
  await indexChunks(
    tx,
    batch.map((doc, i) => ({
      documentId: ids[i]!,
      version: 1,
      config,
      chunks: [{ position: 0, content: chunkText(doc), page: null, pageEnd: null, headingPath: [] }],
    })),
  );
  return ids;
}
