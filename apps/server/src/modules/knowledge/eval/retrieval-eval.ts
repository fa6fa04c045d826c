import { randomBytes, randomUUID } from 'node:crypto';
import { createPgliteDatabase, createPostgresDatabase, type Database, migrate, schema } from '@companero/db';
import { adminQuery, withDatabaseName } from '@companero/db/testing';
import { sql } from 'drizzle-orm';
import { createKnowledgeRepository, type SearchTuning, type TsConfig } from '../knowledge.repository.ts';
import type { BeirDataset } from './beir.ts';
import { type IndexMode, indexCorpus } from './indexer.ts';
import { mean, mrrAt, ndcgAt, percentile, recallAt } from './metrics.ts';

/** Published BM25 numbers on BEIR SciFact test (see the dataset README). */
export const SCIFACT_BASELINES = {
  beirPaperBm25: { label: 'BM25, BEIR paper (Elasticsearch)', ndcg10: 0.665 },
  anseriniFlat: { label: 'BM25 flat, Anserini', ndcg10: 0.6789, recall100: 0.9253 },
  anseriniMultifield: { label: 'BM25 multifield, Anserini', ndcg10: 0.6647, recall100: 0.9076 },
} as const;
export const TARGET_NDCG10 = 0.665;

export interface EvalDatabase {
  db: Database;
  label: string;
  close(): Promise<void>;
}

/**
 * An empty, migrated database: PGlite in memory, or (with `url`) a scratch
 * database created on that server and dropped again by `close`.
 */
export async function openEvalDatabase(url?: string): Promise<EvalDatabase> {
  if (!url) {
    const db = await createPgliteDatabase({});
    await migrate(db);
    return { db, label: 'pglite (in memory)', close: () => db.close() };
  }
  const name = `companero_eval_${randomBytes(6).toString('hex')}`;
  // The name is generated from hex digits only.
  await adminQuery(url, `create database ${name}`);
  const dropScratch = () => adminQuery(url, `drop database if exists ${name} with (force)`);
  try {
    const db = await createPostgresDatabase({ url: withDatabaseName(url, name), poolSize: 2 });
    await migrate(db);
    const host = new URL(url).host;
    return {
      db,
      label: `postgres ${host}/${name} (scratch)`,
      async close() {
        await db.close();
        await dropScratch();
      },
    };
  } catch (err) {
    await dropScratch();
    throw err;
  }
}

export interface EvalOptions {
  config?: TsConfig;
  indexMode?: IndexMode;
  batchSize?: number;
  /** Evaluate only the first n judged queries (all when unset). */
  queryCount?: number;
  /** Also search with limit 100 for Recall@100 (one more search per query). */
  recall100?: boolean;
  /**
   * ANALYZE the knowledge tables after indexing. PGlite has no autovacuum, so
   * without this its planner never has statistics (as in a PGlite deployment);
   * PostgreSQL's autovacuum gets them eventually.
   */
  analyze?: boolean;
  /** Search knobs (top N postings per term, re-scored candidates, exact path); product defaults when unset. */
  tuning?: Omit<SearchTuning, 'onPath'>;
  /**
   * Recompute every impact after indexing with this average chunk length
   * instead of the creator's average at indexing time: a number (a fixed
   * reference length) or 'current' (the final average, i.e. exact BM25).
   */
  reimpact?: number | 'current';
  log?: (line: string) => void;
}

export interface QueryResult {
  id: string;
  ndcg10: number;
  recall10: number;
  recall100: number | null;
  rr10: number;
  /** Corpus ids of the top 10, best first. */
  top10: string[];
  relevant: string[];
}

export interface EvalResult {
  documents: number;
  queries: number;
  metrics: { ndcg10: number; recall10: number; recall100: number | null; mrr10: number };
  indexing: {
    mode: IndexMode;
    seconds: number;
    docsPerSecond: number;
    postings: number;
    avgTerms: number;
    analyzed: boolean;
    /** The average chunk length impacts were computed with, when not the one at indexing time. */
    reimpact: number | 'current' | null;
  };
  /** How many searches each path answered (truncated lists, exact, exact after too few results). */
  paths: Record<string, number>;
  latencyMs: {
    limit10: { p50: number; p95: number; mean: number };
    limit100: { p50: number; p95: number; mean: number } | null;
  };
  perQuery: QueryResult[];
}

const repo = createKnowledgeRepository();

/** Indexes the corpus into `db` under a new creator, runs the judged queries through `search`, scores them. */
export async function runRetrievalEval(
  db: Database,
  data: BeirDataset,
  opts: EvalOptions = {},
): Promise<EvalResult> {
  const log = opts.log ?? (() => {});
  const indexMode = opts.indexMode ?? 'bulk';
  const creatorId = randomUUID();
  await db.withTenant(creatorId, (tx) =>
    tx.insert(schema.creators).values({
      id: creatorId,
      email: `eval-${creatorId}@example.invalid`,
      displayName: 'Retrieval eval',
      passwordHash: 'x',
    }),
  );

  const started = performance.now();
  let lastLog = 0;
  const toCorpusId = await indexCorpus(db, creatorId, data.corpus, {
    mode: indexMode,
    config: opts.config ?? 'english',
    batchSize: opts.batchSize ?? (indexMode === 'bulk' ? 1000 : 500),
    onProgress(done, total) {
      if (performance.now() - lastLog > 5000 || done === total) {
        lastLog = performance.now();
        log(`  indexed ${done}/${total} documents`);
      }
    },
  });
  const seconds = (performance.now() - started) / 1000;
  if (opts.reimpact !== undefined) {
    const avgdl =
      opts.reimpact === 'current'
        ? sql`(select term_total::float8 / greatest(chunk_count, 1) from kb_stats)`
        : sql`${opts.reimpact}::float8`;
    await db.withTenant(creatorId, (tx) =>
      tx.execute(sql`
        update kb_postings p set impact = app.kb_impact(p.tf, c.term_count, ${avgdl})
          from kb_chunks c where c.id = p.chunk_id`),
    );
  }
  if (opts.analyze) await db.unsafeExec('analyze kb_documents, kb_chunks, kb_postings, kb_terms, kb_stats');
  const [stats] = await db.withTenant(creatorId, (tx) =>
    tx.execute<{ postings: number; chunks: number; terms: number }>(
      'select (select count(*)::int from kb_postings) as postings, chunk_count::int as chunks, term_total::int as terms from kb_stats',
    ),
  );

  const queries = data.queries.slice(0, opts.queryCount ?? data.queries.length);
  const paths: Record<string, number> = {};
  const tuning: SearchTuning = {
    ...opts.tuning,
    onPath: (p) => {
      paths[p] = (paths[p] ?? 0) + 1;
    },
  };
  const search = (text: string, limit: number) =>
    db.withTenant(creatorId, (tx) =>
      repo.search(
        tx,
        {
          text,
          limit,
          offset: 0,
          audience: { kind: 'creator' },
          filters: {},
          sort: 'relevance',
        },
        tuning,
      ),
    );
  const ranked = (hits: { document_id: string }[]) => [
    ...new Set(hits.map((h) => toCorpusId.get(h.document_id) ?? `unknown:${h.document_id}`)),
  ];

  const lat10: number[] = [];
  const lat100: number[] = [];
  const perQuery: QueryResult[] = [];
  for (const q of queries) {
    const judged = data.qrels.get(q.id) ?? new Map<string, number>();
    let t = performance.now();
    const top10 = ranked(await search(q.text, 10));
    lat10.push(performance.now() - t);
    let recall100: number | null = null;
    if (opts.recall100 ?? true) {
      t = performance.now();
      const top100 = ranked(await search(q.text, 100));
      lat100.push(performance.now() - t);
      recall100 = recallAt(top100, judged, 100);
    }
    perQuery.push({
      id: q.id,
      ndcg10: ndcgAt(top10, judged, 10),
      recall10: recallAt(top10, judged, 10),
      recall100,
      rr10: mrrAt(top10, judged, 10),
      top10,
      relevant: [...judged.entries()].filter(([, rel]) => rel > 0).map(([id]) => id),
    });
  }

  const summary = (xs: number[]) => ({ p50: percentile(xs, 50), p95: percentile(xs, 95), mean: mean(xs) });
  return {
    documents: data.corpus.length,
    queries: queries.length,
    metrics: {
      ndcg10: mean(perQuery.map((r) => r.ndcg10)),
      recall10: mean(perQuery.map((r) => r.recall10)),
      recall100: lat100.length ? mean(perQuery.map((r) => r.recall100 ?? 0)) : null,
      mrr10: mean(perQuery.map((r) => r.rr10)),
    },
    indexing: {
      mode: indexMode,
      seconds,
      docsPerSecond: data.corpus.length / seconds,
      postings: stats?.postings ?? 0,
      avgTerms: stats && stats.chunks > 0 ? stats.terms / stats.chunks : 0,
      analyzed: opts.analyze ?? false,
      reimpact: opts.reimpact ?? null,
    },
    paths,
    latencyMs: { limit10: summary(lat10), limit100: lat100.length ? summary(lat100) : null },
    perQuery,
  };
}
