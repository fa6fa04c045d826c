import { type Database, schema, type TenantTx } from '@companero/db';
import { sql } from 'drizzle-orm';
import { createKnowledgeRepository, type TsConfig } from '../knowledge.repository.ts';
import { type BeirDocument, chunkText } from './beir.ts';

/**
 * How the corpus gets into the index.
 * - `repository`: `insertDocument` + `replaceChunks` per document (the production
 *   ingestion path), many documents per transaction.
 * - `bulk`: the same rows written with the same SQL shape, one statement per batch
 *   (what a `replaceChunksBulk` in the repository would do).
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
 * The statements of `replaceChunks` (chunks, postings from to_tsvector lexemes,
 * term counts, kb_stats), each run once for the whole batch of new documents.
 */
async function bulkBatch(tx: TenantTx, batch: readonly BeirDocument[], config: TsConfig) {
  const docs = await tx
    .insert(schema.kbDocuments)
    .values(batch.map((doc) => ({ creatorId: tx.creatorId, ...documentValues(doc) })))
    .returning({ id: schema.kbDocuments.id });
  const ids = docs.map((d) => d.id);
  await tx.insert(schema.kbChunks).values(
    batch.map((doc, i) => ({
      creatorId: tx.creatorId,
      documentId: ids[i]!,
      version: 1,
      position: 0,
      content: chunkText(doc),
      page: null,
      pageEnd: null,
      headingPath: [],
      tsConfig: config,
    })),
  );
  const docIds = sql`${sql.param(ids)}::uuid[]`;
  await tx.execute(sql`
    insert into kb_postings (creator_id, term, chunk_id, tf)
    select c.creator_id, t.lexeme, c.id, coalesce(array_length(t.positions, 1), 1)
      from kb_chunks c, unnest(to_tsvector(c.ts_config, c.content)) t
     where c.document_id = any(${docIds}) and c.version = 1`);
  const [added] = await tx.execute<{ chunks: number; terms: number }>(sql`
    with lengths as (
      select p.chunk_id, sum(p.tf)::int as n
        from kb_postings p join kb_chunks c on c.id = p.chunk_id
       where c.document_id = any(${docIds}) and c.version = 1
       group by p.chunk_id
    ), upd as (
      update kb_chunks c set term_count = lengths.n from lengths where c.id = lengths.chunk_id returning c.term_count
    ) select count(*)::int as chunks, coalesce(sum(term_count), 0)::int as terms from upd`);
  await tx.execute(sql`
    insert into kb_stats (creator_id, chunk_count, term_total)
    values (${tx.creatorId}, ${batch.length}, ${added?.terms ?? 0})
    on conflict (creator_id) do update
      set chunk_count = kb_stats.chunk_count + excluded.chunk_count,
          term_total = kb_stats.term_total + excluded.term_total`);
  return ids;
}
