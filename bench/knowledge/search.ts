// Search latency on PostgreSQL: one creator with a large knowledge base, other
// creators beside it (so row-level security has rows to exclude), loaded
// through the product's own repository (insertDocument, insertVersion,
// replaceChunks: the same rows, postings with impacts, term counts, kb_terms and
// kb_stats as ingestion), then BM25 queries through repo.search under
// db.readAsTenant, the same queries through the exact path (every posting) to
// measure what reading only the top N postings per term changes, queries with a
// selective tag filter, and the naive tsvector/GIN query the design replaced.
import { createHash } from 'node:crypto';
import {
  type createPostgresDatabase,
  type Database,
  drizzleOver,
  TENANT_PRELUDE,
  type TenantTx,
} from '@companero/db';
import {
  createKnowledgeRepository,
  type NewChunk,
  SEARCH_TOP_N,
  type SearchFilters,
  type SearchTuning,
} from '@companero/server/src/modules/knowledge/knowledge.repository.ts';
import { sql } from 'drizzle-orm';
import type { PoolClient } from 'pg';
import { round } from '../stats.ts';
import { adminQuery, cpuMeter, createCreator, latencySummary, log, settings } from './common.ts';
import {
  between,
  buildVocabulary,
  needlePhrases,
  pick,
  prng,
  prose,
  type Rand,
  type Vocabulary,
} from './text.ts';

type PgDatabase = Awaited<ReturnType<typeof createPostgresDatabase>>;
const repo = createKnowledgeRepository();

const DOC_CHUNKS = 200; // chunks per document (a ~120-page book)
const TX_DOCS = 5; // documents per loading transaction
const MAIN_NEEDLES = 250;
const FOREIGN_NEEDLES = 50;
// Tags for filtered searches: RARE_TAG on one document in 50 (2 % of the chunks),
// WIDE_TAG on one in 10 (10 %).
const RARE_TAG = 'rare-tag';
const WIDE_TAG = 'wide-tag';
const tagsOf = (d: number) => [...(d % 50 === 49 ? [RARE_TAG] : []), ...(d % 10 === 4 ? [WIDE_TAG] : [])];
/** The search knobs under test (the product's defaults unless BENCH_KB_TOP_N / BENCH_KB_RESCORE). */
const knobs: SearchTuning = {
  ...(settings.topN ? { topN: settings.topN } : {}),
  ...(settings.rescore ? { rescore: settings.rescore } : {}),
};

export interface CorpusPlan {
  /** Chunks per creator; index 0 is the measured creator. */
  chunks: number[];
}

interface Planted {
  /** creator index → chunk index → needle phrase. */
  at: Map<number, Map<number, string[]>>;
  main: string[][];
  foreign: string[][];
}

function plantNeedles(plan: CorpusPlan): Planted {
  const phrases = needlePhrases(MAIN_NEEDLES + FOREIGN_NEEDLES);
  const rand = prng(5);
  const at = new Map<number, Map<number, string[]>>();
  const place = (creator: number, phrase: string[]) => {
    const m = at.get(creator) ?? new Map<number, string[]>();
    at.set(creator, m);
    let i: number;
    do i = Math.floor(rand() * plan.chunks[creator]!);
    while (m.has(i));
    m.set(i, phrase);
  };
  const main = phrases.slice(0, MAIN_NEEDLES);
  const foreign = plan.chunks.length > 1 ? phrases.slice(MAIN_NEEDLES) : [];
  for (const p of main) place(0, p);
  foreign.forEach((p, i) => {
    place(1 + (i % (plan.chunks.length - 1)), p);
  });
  return { at, main, foreign };
}

/** The chunks of one document of one creator: 60–120 Zipf words each, a needle sentence where planted. */
function documentChunks(
  v: Vocabulary,
  rand: Rand,
  firstChunk: number,
  count: number,
  title: string,
  needles: Map<number, string[]> | undefined,
): NewChunk[] {
  const out: NewChunk[] = [];
  for (let i = 0; i < count; i++) {
    let content = prose(v, rand, between(rand, 60, 120));
    const needle = needles?.get(firstChunk + i);
    if (needle) content += ` Try the ${needle.join(' ')} exercise with your client.`;
    const page = 1 + Math.floor(i * 0.6);
    out.push({ position: i, content, page, pageEnd: null, headingPath: [title] });
  }
  return out;
}

/** Loads one creator's corpus in transactions of TX_DOCS documents, exactly as ingestion writes them. */
async function loadCreator(
  db: Database,
  v: Vocabulary,
  creatorIndex: number,
  creatorId: string,
  total: number,
  planted: Planted,
  progress: (n: number) => void,
) {
  const rand = prng(1000 + creatorIndex);
  const needles = planted.at.get(creatorIndex);
  const docs = Math.ceil(total / DOC_CHUNKS);
  for (let d0 = 0; d0 < docs; d0 += TX_DOCS) {
    const batch: { title: string; tags: string[]; chunks: NewChunk[] }[] = [];
    for (let d = d0; d < Math.min(docs, d0 + TX_DOCS); d++) {
      const first = d * DOC_CHUNKS;
      const title = `Guide ${creatorIndex}-${d}`;
      batch.push({
        title,
        tags: tagsOf(d),
        chunks: documentChunks(v, rand, first, Math.min(DOC_CHUNKS, total - first), title, needles),
      });
    }
    await db.withTenant(creatorId, async (tx) => {
      // Loading only: commit without waiting for the WAL flush (the rows are the same).
      await tx.execute(sql`set local synchronous_commit = off`);
      for (const { title, tags, chunks } of batch) {
        const text = chunks.map((c) => c.content).join('\n\n');
        const doc = await repo.insertDocument(tx, {
          title,
          tags,
          kind: 'pdf',
          currentVersion: 1,
          latestVersion: 1,
          status: 'ready',
          progress: 100,
          language: 'en',
          sizeBytes: text.length,
        });
        await repo.insertVersion(tx, {
          documentId: doc.id,
          version: 1,
          storageKey: `creator_${creatorId}/kb/${doc.id}/bench/${title}.pdf`,
          originalFilename: `${title}.pdf`,
          kind: 'pdf',
          sizeBytes: text.length,
          sha256: createHash('sha256').update(text).digest('hex'),
          status: 'ready',
          progress: 100,
          extractedText: text,
          pageCount: chunks[chunks.length - 1]?.page ?? null,
          language: 'en',
          chunkCount: chunks.length,
          createdBy: 'creator:bench',
          ingestedAt: new Date(),
        });
        await repo.replaceChunks(tx, doc.id, 1, 'english', chunks);
      }
    });
    progress(batch.reduce((n, b) => n + b.chunks.length, 0));
  }
}

export async function loadCorpus(
  db: Database,
  plan: CorpusPlan,
  lanes: number,
  urls: { admin: string; scratch: string },
) {
  const v = buildVocabulary();
  const planted = plantNeedles(plan);
  const ids: string[] = [];
  for (let k = 0; k < plan.chunks.length; k++)
    ids.push(await createCreator(db, k === 0 ? 'main' : `other${k}`));
  const total = plan.chunks.reduce((a, b) => a + b, 0);
  let done = 0;
  const started = performance.now();
  let lastLog = started;
  const progress = (n: number) => {
    done += n;
    const now = performance.now();
    if (now - lastLog > 15_000) {
      lastLog = now;
      const s = (now - started) / 1000;
      log(`loading: ${done}/${total} chunks, ${round(done / s, 0)} chunks/s, ${round(s, 0)} s`);
    }
  };
  // Creators, largest first, dealt to the lane with the least work: one creator per lane at a time
  // (concurrent transactions of one creator would queue on its kb_stats row).
  const order = plan.chunks.map((n, k) => ({ n, k })).sort((a, b) => b.n - a.n);
  const laneWork = Array.from({ length: Math.max(1, lanes) }, () => ({ n: 0, ks: [] as number[] }));
  for (const { n, k } of order) {
    const lane = laneWork.reduce((a, b) => (b.n < a.n ? b : a));
    lane.n += n;
    lane.ks.push(k);
  }
  const meter = await cpuMeter(urls.admin);
  await Promise.all(
    laneWork.map(async (lane) => {
      for (const k of lane.ks) await loadCreator(db, v, k, ids[k]!, plan.chunks[k]!, planted, progress);
    }),
  );
  const loadS = (performance.now() - started) / 1000;
  const loadCpu = await meter.stop();
  log(`loaded ${total} chunks in ${round(loadS, 0)} s; vacuum analyze`);
  const t = performance.now();
  // What autovacuum would do after a bulk load (visibility map for index-only scans, fresh statistics);
  // done here so it does not run in the middle of the measurements.
  await adminQuery(
    urls.scratch,
    'vacuum (analyze) kb_chunks, kb_postings, kb_terms, kb_documents, kb_document_versions, kb_stats, creators',
  );
  const vacuumS = (performance.now() - t) / 1000;
  return { ids, planted, vocab: v, loadS: round(loadS, 1), vacuumS: round(vacuumS, 1), loadCpu, total };
}

/** Finds a corpus left by BENCH_KB_KEEP=1 (same plan): creators by chunk count, largest first. */
export async function findCorpus(db: PgDatabase, plan: CorpusPlan) {
  const r = await db.unsafeQuery<{ creator_id: string; chunk_count: number }>(
    'select creator_id, chunk_count from kb_stats order by chunk_count desc',
  );
  const rows = r.rows.filter((x) => plan.chunks.includes(Number(x.chunk_count)));
  if (rows.length !== plan.chunks.length || Number(rows[0]?.chunk_count) !== plan.chunks[0])
    throw new Error('BENCH_KB_REUSE=1: the scratch database does not hold a corpus of this plan');
  return {
    ids: rows.map((x) => x.creator_id),
    planted: plantNeedles(plan),
    vocab: buildVocabulary(),
    loadS: null,
    vacuumS: null,
    loadCpu: null,
    total: plan.chunks.reduce((a, b) => a + b, 0),
  };
}

// ---------------------------------------------------------------- queries

type QueryClass = 'common' | 'content' | 'rare' | 'mixed' | 'needle' | 'foreign';
export interface BenchQuery {
  cls: QueryClass;
  text: string;
  /** needle: the planted words the top hit must contain; foreign: expect no hit at all. */
  expect?: string[];
}

const PHRASINGS = [
  'how to {q}',
  '{q}',
  'what is the best {q}',
  '{q} tips',
  'why does my {q} fail',
  '{q} for beginners',
];

/** A deterministic mix of 1–5-term queries over the vocabulary's bands, shuffled. */
export function buildQueries(v: Vocabulary, planted: Planted, n: number): BenchQuery[] {
  const rand = prng(31);
  const content = () => v.words[between(rand, v.contentStart, v.tailStart - 1)]!;
  const mid = () => v.words[between(rand, v.tailStart, 5_000)]!;
  const rare = () => v.words[between(rand, 10_000, v.words.length - 1)]!;
  const topic = () => pick(rand, v.topic);
  const phrase = (terms: string[]) => pick(rand, PHRASINGS).replace('{q}', terms.join(' '));
  const times = (k: number, f: () => string) => Array.from({ length: k }, f);
  const share: [QueryClass, number][] = [
    ['common', 0.2],
    ['content', 0.25],
    ['rare', 0.2],
    ['mixed', 0.15],
    ['needle', 0.15],
    ['foreign', 0.05],
  ];
  const out: BenchQuery[] = [];
  let mainNeedle = 0;
  let foreignNeedle = 0;
  for (const [cls, s] of share) {
    const count = cls === 'foreign' && planted.foreign.length === 0 ? 0 : Math.round(n * s);
    for (let i = 0; i < count; i++) {
      switch (cls) {
        case 'common':
          out.push({
            cls,
            text: phrase([...times(between(rand, 1, 3), topic), ...times(between(rand, 0, 1), content)]),
          });
          break;
        case 'content':
          out.push({
            cls,
            text: phrase([...times(between(rand, 1, 3), content), ...times(between(rand, 0, 1), mid)]),
          });
          break;
        case 'rare':
          out.push({ cls, text: times(between(rand, 1, 3), rare).join(' ') });
          break;
        case 'mixed':
          out.push({ cls, text: [topic(), content(), ...times(between(rand, 1, 3), rare)].join(' ') });
          break;
        case 'needle': {
          const p = planted.main[mainNeedle++ % planted.main.length]!;
          out.push({ cls, text: rand() < 0.5 ? p.join(' ') : `${p.join(' ')} ${topic()}`, expect: p });
          break;
        }
        case 'foreign': {
          const p = planted.foreign[foreignNeedle++ % planted.foreign.length]!;
          out.push({ cls, text: p.join(' '), expect: [] });
          break;
        }
      }
    }
  }
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

type SearchPath = Parameters<NonNullable<SearchTuning['onPath']>>[0];

const searchOnce = (
  db: Database,
  creatorId: string,
  text: string,
  opts: { filters?: SearchFilters; tuning?: SearchTuning } = {},
) =>
  db.readAsTenant(creatorId, (tx) =>
    repo.search(
      tx,
      {
        text,
        limit: 10,
        offset: 0,
        audience: { kind: 'creator' },
        filters: opts.filters ?? {},
        sort: 'relevance',
      },
      opts.tuning,
    ),
  );

/** The first SQL statement and parameters repo.search sends for this query (captured, not run). */
async function searchStatement(creatorId: string, text: string) {
  let captured: { text: string; params: unknown[] } | undefined;
  const fake = Object.assign(
    drizzleOver(async (t, params) => {
      captured ??= { text: t, params };
      return { rows: [], rowCount: 0 };
    }),
    { creatorId },
  ) as unknown as TenantTx;
  await repo.search(fake, {
    text,
    limit: 10,
    offset: 0,
    audience: { kind: 'creator' },
    filters: {},
    sort: 'relevance',
  });
  return captured!;
}

/**
 * Runs `fn` on one pooled connection inside a transaction that is rolled back
 * afterwards: as the tenant (the product's prelude: role app_tenant, RLS on)
 * or, with `creatorId` null, as the connecting superuser (RLS bypassed).
 */
async function inTransaction<T>(db: PgDatabase, creatorId: string | null, fn: (c: PoolClient) => Promise<T>) {
  const client = await db.pool.connect();
  try {
    await client.query('begin');
    if (creatorId) await client.query(TENANT_PRELUDE, [creatorId]);
    await client.query("set local statement_timeout = '120s'");
    return await fn(client);
  } finally {
    await client.query('rollback');
    client.release();
  }
}

/** EXPLAIN (ANALYZE, BUFFERS) of a statement, as the tenant (or the owner with null). */
const explainAs = (db: PgDatabase, creatorId: string | null, text: string, params: unknown[]) =>
  inTransaction(db, creatorId, async (client) => {
    const r = await client.query<{ 'QUERY PLAN': string }>(`explain (analyze, buffers) ${text}`, params);
    return r.rows.map((x) => x['QUERY PLAN']);
  });

/** The plan lines that show how kb_postings is read (each node with its Index Cond / Filter lines). */
function postingsLines(plan: string[]): string[] {
  const out: string[] = [];
  plan.forEach((line, i) => {
    if (!/on kb_postings|kb_postings_pkey|kb_postings_impact|kb_terms/.test(line)) return;
    out.push(line);
    for (let j = i + 1; j < plan.length && !plan[j]!.includes('->'); j++)
      if (/Index Cond|Filter|Heap Fetches|Buffers/.test(plan[j]!)) out.push(plan[j]!);
  });
  return out;
}

const summaryLines = (plan: string[]) =>
  plan.filter((l) => /^(Planning Time|Execution Time|JIT:|\s+Timing:)/.test(l));

async function timeQueries(
  db: Database,
  creatorId: string,
  queries: BenchQuery[],
  concurrency: number,
  opts: { filters?: SearchFilters; exact?: boolean } = {},
) {
  const ms: number[] = new Array(queries.length);
  const hits: number[] = new Array(queries.length);
  const top: (string | undefined)[] = new Array(queries.length);
  const ids: string[][] = new Array(queries.length);
  const scores: number[][] = new Array(queries.length);
  const paths: SearchPath[] = new Array(queries.length);
  const chunkIds = new Set<string>();
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let i = next++; i < queries.length; i = next++) {
        const t = performance.now();
        const rows = await searchOnce(db, creatorId, queries[i]!.text, {
          filters: opts.filters,
          tuning: {
            ...knobs,
            exact: opts.exact,
            onPath: (p) => {
              paths[i] = p;
            },
          },
        });
        ms[i] = performance.now() - t;
        hits[i] = rows.length;
        top[i] = rows[0]?.content;
        ids[i] = rows.map((r) => r.chunk_id);
        scores[i] = rows.map((r) => Number(r.score));
        for (const r of rows) chunkIds.add(r.chunk_id);
      }
    }),
  );
  const pathCounts: Record<string, number> = {};
  for (const p of paths) pathCounts[p] = (pathCounts[p] ?? 0) + 1;
  return {
    ms,
    hits,
    top,
    ids,
    scores,
    paths,
    pathCounts,
    chunkIds,
    wallS: (performance.now() - started) / 1000,
  };
}

/**
 * What reading only the top N postings per term changes, against the exact
 * path on the same queries. Both return exact BM25 scores (the truncated path
 * re-scores its hits), and many chunks tie (same term counts, same length), so
 * the comparison is by score, not by chunk id: a hit is right if its score
 * reaches the exact k-th score. Reported: the share of right hits in the top
 * 10, the queries whose top 10 scores all equal the exact ones and whose first
 * hit does, and nDCG@10 with the exact scores as gains (1 = as good as exact).
 */
function agreement(exact: number[][], truncated: number[][]) {
  const same = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b));
  let right = 0;
  let identical = 0;
  let sameFirst = 0;
  let ndcg = 0;
  let n = 0;
  exact.forEach((ex, i) => {
    const tr = truncated[i] ?? [];
    if (ex.length === 0) return;
    n++;
    const kth = ex[ex.length - 1]!;
    right += tr.filter((x) => x >= kth || same(x, kth)).length / ex.length;
    if (ex.length === tr.length && ex.every((x, k) => same(tr[k]!, x))) identical++;
    if (tr[0] !== undefined && same(tr[0], ex[0]!)) sameFirst++;
    const dcg = (list: number[]) => list.slice(0, 10).reduce((sum, x, k) => sum + x / Math.log2(k + 2), 0);
    ndcg += dcg(tr) / dcg(ex);
  });
  return {
    queries: n,
    overlapAt10: round(right / Math.max(1, n), 4),
    identicalTop10: identical,
    sameFirstHit: sameFirst,
    ndcgAt10VsExact: round(ndcg / Math.max(1, n), 4),
  };
}

export async function runSearchBenchmark(opts: {
  db: PgDatabase;
  adminUrl: string;
  scratchUrl: string;
  corpus: Awaited<ReturnType<typeof loadCorpus>> | Awaited<ReturnType<typeof findCorpus>>;
  queries: number;
  warmupQueries: number;
  concurrency: number;
  baselineQueries: number;
}) {
  const { db, corpus } = opts;
  const main = corpus.ids[0]!;
  const queries = buildQueries(corpus.vocab, corpus.planted, opts.queries);

  // Warm-up (unmeasured): the driver path, the plan cache of the catalog, the first pages.
  log(`search: ${Math.min(opts.warmupQueries, queries.length)} warm-up queries`);
  for (const q of queries.slice(0, opts.warmupQueries)) await searchOnce(db, main, q.text);

  log(`search: ${queries.length} queries sequentially`);
  const meterSeq = await cpuMeter(opts.adminUrl);
  const seq = await timeQueries(db, main, queries, 1);
  const cpuSeq = await meterSeq.stop();
  log(`search: ${queries.length} queries with ${opts.concurrency} concurrent clients`);
  const meterConc = await cpuMeter(opts.adminUrl);
  const conc = await timeQueries(db, main, queries, opts.concurrency);
  const cpuConc = await meterConc.stop();

  // The same queries through the exact path (every posting of every term; what sort=newest and the fallback run).
  log(`search: ${queries.length} queries through the exact path`);
  const exact = await timeQueries(db, main, queries, 1, { exact: true });
  const approximation = {
    topN: knobs.topN ?? SEARCH_TOP_N,
    rescore: knobs.rescore ?? null,
    ...agreement(exact.scores, seq.scores),
  };

  // Tag filters (2 % and 10 % of the documents) over the common-word and content queries: the
  // truncated candidates hold few of their chunks, so these measure how filters are handled.
  const filteredQueries = queries.filter((q) => q.cls === 'common' || q.cls === 'content').slice(0, 40);
  const filteredRun = async (tag: string) => {
    log(`search: ${filteredQueries.length} queries filtered by ${tag}`);
    const filters = { tag };
    const run = await timeQueries(db, main, filteredQueries, 1, { filters });
    const exactRun = await timeQueries(db, main, filteredQueries, 1, { filters, exact: true });
    const owners = await db.unsafeQuery<{ wrong: number }>(
      `select count(*)::int as wrong from kb_chunks c join kb_documents d on d.id = c.document_id
        where c.id = any($1::uuid[]) and not ($2 = any(d.tags))`,
      [[...run.chunkIds], tag],
    );
    return {
      tag,
      ...latencySummary(run.ms),
      paths: run.pathCounts,
      exactPath: latencySummary(exactRun.ms),
      ...agreement(exactRun.scores, run.scores),
      hits: run.hits.reduce((a, b) => a + b, 0),
      chunksWithoutTheTag: owners.rows[0]?.wrong ?? -1,
      queries: filteredQueries.length,
    };
  };
  const filtered = [await filteredRun(RARE_TAG), await filteredRun(WIDE_TAG)];

  // Answers: planted needles found first; other creators' needles never; every returned chunk the creator's own.
  let needleTop1 = 0;
  let needleTotal = 0;
  let foreignHits = 0;
  queries.forEach((q, i) => {
    if (q.cls === 'needle') {
      needleTotal++;
      if (q.expect!.every((w) => seq.top[i]?.includes(w))) needleTop1++;
    }
    if (q.cls === 'foreign') foreignHits += seq.hits[i]!;
  });
  const returned = [...new Set([...seq.chunkIds, ...conc.chunkIds])];
  const owners = await db.unsafeQuery<{ other: number }>(
    'select count(*)::int as other from kb_chunks where id = any($1::uuid[]) and creator_id <> $2',
    [returned, main],
  );
  const otherCreatorsChunks = owners.rows[0]?.other ?? -1;

  // Posting-list lengths of the query terms for the measured creator (what the exact cost follows).
  const terms = await db.readAsTenant(main, (tx) =>
    tx.execute<{ term: string; df: number }>(sql`
      with t as (select distinct lexeme from unnest(${sql.param(queries.map((q) => q.text))}::text[]) q,
                 unnest(to_tsvector('english', q)) x)
      select k.term, k.df from kb_terms k where k.term in (select lexeme from t)`),
  );
  const dfOf = new Map(terms.map((r) => [r.term, r.df]));
  const dfByClass: Record<string, { maxDf: number; medianMaxDf: number }> = {};
  const termsOf = await db.readAsTenant(main, (tx) =>
    tx.execute<{ i: number; lexemes: string[] }>(sql`
      select i::int, array(select lexeme from unnest(to_tsvector('english', q))) as lexemes
        from unnest(${sql.param(queries.map((q) => q.text))}::text[]) with ordinality as u(q, i)`),
  );
  const maxDfPerQuery = termsOf.map((r) => Math.max(0, ...r.lexemes.map((l) => dfOf.get(l) ?? 0)));
  for (const cls of new Set(queries.map((q) => q.cls))) {
    const ds = queries
      .map((q, i) => ({ q, d: maxDfPerQuery[i] ?? 0 }))
      .filter((x) => x.q.cls === cls)
      .map((x) => x.d)
      .sort((a, b) => a - b);
    dfByClass[cls] = { maxDf: ds[ds.length - 1] ?? 0, medianMaxDf: ds[Math.floor(ds.length / 2)] ?? 0 };
  }

  const byClass = Object.fromEntries(
    [...new Set(queries.map((q) => q.cls))].map((cls) => [
      cls,
      {
        ...latencySummary(seq.ms.filter((_, i) => queries[i]!.cls === cls)),
        concurrent: latencySummary(conc.ms.filter((_, i) => queries[i]!.cls === cls)),
        exact: latencySummary(exact.ms.filter((_, i) => queries[i]!.cls === cls)),
        agreement: agreement(
          exact.scores.filter((_, i) => queries[i]!.cls === cls),
          seq.scores.filter((_, i) => queries[i]!.cls === cls),
        ),
        fallbacks: seq.paths.filter((p, i) => p === 'fallback' && queries[i]!.cls === cls).length,
        ...dfByClass[cls],
        example: queries.find((q) => q.cls === cls)?.text,
      },
    ]),
  );

  // EXPLAIN of a typical query (a content query of 2–3 terms) and of the slowest common one.
  const typical = queries.find((q) => q.cls === 'content' && q.text.split(' ').length <= 4) ?? queries[0]!;
  let slowestCommon = typical;
  let slowestMs = -1;
  queries.forEach((q, i) => {
    if (q.cls === 'common' && seq.ms[i]! > slowestMs) {
      slowestMs = seq.ms[i]!;
      slowestCommon = q;
    }
  });
  const explain = async (q: BenchQuery) => {
    const st = await searchStatement(main, q.text);
    const plan = await explainAs(db, main, st.text, st.params);
    return { query: q.text, cls: q.cls, postings: postingsLines(plan), summary: summaryLines(plan), plan };
  };
  const explainTypical = await explain(typical);
  const explainCommon = await explain(slowestCommon);
  // The top-N reads: kb_postings_impact with creator_id (the RLS policy) and term as index conditions.
  const btreeUnderRls = explainTypical.postings.some(
    (l, i, all) =>
      /kb_postings_impact/.test(l) &&
      all.slice(i + 1, i + 4).some((x) => /Index Cond: .*creator_id.*term/.test(x)),
  );

  const baseline = opts.baselineQueries > 0 ? await naiveBaseline(opts, queries, seq.ms) : null;

  return {
    creators: corpus.ids.length,
    chunksTotal: corpus.total,
    queries: queries.length,
    checks: { needleTop1, needleTotal, foreignHits, returnedChunks: returned.length, otherCreatorsChunks },
    sequential: {
      ...latencySummary(seq.ms),
      qps: round(queries.length / seq.wallS, 1),
      cpu: cpuSeq,
      paths: seq.pathCounts,
    },
    concurrent: {
      clients: opts.concurrency,
      ...latencySummary(conc.ms),
      qps: round(queries.length / conc.wallS, 1),
      cpu: cpuConc,
    },
    exact: { ...latencySummary(exact.ms), qps: round(queries.length / exact.wallS, 1) },
    approximation,
    filtered,
    byClass,
    emptyResults: seq.hits.filter((h) => h === 0).length,
    target: { p95Ms: 50 },
    explain: { btreeUnderRls, typical: explainTypical, slowestCommon: explainCommon },
    baseline,
  };
}

// ---------------------------------------------------------------- the naive baseline

const NAIVE_SQL = `
  select c.id, ts_rank(to_tsvector(c.ts_config, c.content), q.query) as score
    from kb_chunks c, websearch_to_tsquery('english', $1) as q(query)
   where to_tsvector(c.ts_config, c.content) @@ q.query
   order by score desc limit 10`;
// The same without RLS: the owner must name the tenant itself.
const NAIVE_OWNER_SQL = NAIVE_SQL.replace('where to_tsvector', 'where c.creator_id = $2 and to_tsvector');

/**
 * `to_tsvector @@ websearch_to_tsquery` ranked by ts_rank, with a GIN expression
 * index built for it: under the tenant (RLS, as the product would run it), and
 * for contrast as the owner with an explicit creator_id filter (no RLS).
 */
async function naiveBaseline(
  opts: { db: PgDatabase; scratchUrl: string; corpus: { ids: string[] }; baselineQueries: number },
  queries: BenchQuery[],
  bm25Ms: number[],
) {
  const { db } = opts;
  const main = opts.corpus.ids[0]!;
  log('baseline: building the GIN expression index');
  const t = performance.now();
  await adminQuery(
    opts.scratchUrl,
    `set maintenance_work_mem = '512MB';
     create index if not exists kb_chunks_fts_bench on kb_chunks using gin (to_tsvector(ts_config, content));
     analyze kb_chunks;`,
  );
  const ginBuildS = round((performance.now() - t) / 1000, 1);
  const ginSize = (
    (await adminQuery(opts.scratchUrl, `select pg_size_pretty(pg_relation_size('kb_chunks_fts_bench')) as s`))
      .rows[0] as { s: string }
  ).s;
  // A few queries of each kind.
  const wanted: BenchQuery['cls'][] = ['needle', 'rare', 'content', 'mixed', 'common'];
  const chosen: { q: BenchQuery; i: number }[] = [];
  for (let k = 0; chosen.length < opts.baselineQueries && k < 50; k++) {
    const cls = wanted[k % wanted.length]!;
    const i = queries.findIndex((q, j) => q.cls === cls && !chosen.some((c) => c.i === j));
    if (i >= 0) chosen.push({ q: queries[i]!, i });
  }
  const timed = (creatorId: string | null, text: string, params: unknown[]) =>
    inTransaction(db, creatorId, async (client) => {
      const t0 = performance.now();
      const r = await client.query(text, params);
      return { ms: performance.now() - t0, hits: r.rows.length };
    });
  const rows: Record<string, unknown>[] = [];
  for (const { q, i } of chosen) {
    log(`baseline: ${q.cls} "${q.text}"`);
    const rls = await timed(main, NAIVE_SQL, [q.text]);
    const owner = await timed(null, NAIVE_OWNER_SQL, [q.text, main]);
    rows.push({
      cls: q.cls,
      query: q.text,
      bm25Ms: round(bm25Ms[i]!, 1),
      naiveRlsMs: round(rls.ms, 1),
      naiveNoRlsGinMs: round(owner.ms, 1),
      naiveHits: rls.hits,
      naiveNoRlsHits: owner.hits,
    });
  }
  // Plans of the first chosen query: under RLS (no GIN) and as the owner (GIN).
  const q0 = chosen[0]!.q.text;
  const rlsPlan = await explainAs(db, main, NAIVE_SQL, [q0]);
  const ownerPlan = await explainAs(db, null, NAIVE_OWNER_SQL, [q0, main]);
  const scanLines = (plan: string[]) =>
    plan
      .filter((l) => /Scan|Filter|Index Cond|Recheck|Rows Removed|Execution Time/.test(l))
      .map((l) => l.trimEnd());
  return {
    ginBuildS,
    ginSize,
    rows,
    plans: { query: q0, underRls: scanLines(rlsPlan), ownerNoRls: scanLines(ownerPlan) },
  };
}
