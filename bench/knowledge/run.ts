// Knowledge-base benchmarks: ingestion throughput (bare extractor vs the
// product's pipeline on PostgreSQL and PGlite) and BM25 search latency under
// row-level security (vs the naive tsvector/GIN query). Bounded: it stops by
// itself, only talks to 127.0.0.1, and drops its scratch database at the end.
//
//   npm run bench:knowledge -w @companero/bench
//
// Writes bench/results/knowledge.json and prints Markdown tables. See
// docs/benchmarks.md ("Knowledge base") for what it measures and the settings.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createPostgresDatabase, migrate } from '@companero/db';
import { round } from '../stats.ts';
import {
  adminQuery,
  checkHost,
  log,
  machineFacts,
  SCRATCH_DB,
  settings,
  withDatabaseName,
} from './common.ts';
import { runIngestionBenchmark } from './ingestion.ts';
import { type CorpusPlan, findCorpus, loadCorpus, runSearchBenchmark } from './search.ts';

const here = dirname(fileURLToPath(import.meta.url));
const resultsFile = join(here, '..', 'results', 'knowledge.json');

checkHost(settings.pgAdminUrl);
const scratchUrl = withDatabaseName(settings.pgAdminUrl, SCRATCH_DB);
const started = performance.now();

let db: Awaited<ReturnType<typeof createPostgresDatabase>> | undefined;
async function cleanUp() {
  await db?.close().catch(() => {});
  db = undefined;
  if (!settings.keep)
    await adminQuery(settings.pgAdminUrl, `drop database if exists ${SCRATCH_DB} with (force)`).catch(
      () => {},
    );
}
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    log(`${signal}: dropping ${SCRATCH_DB}`);
    void cleanUp().finally(() => process.exit(130));
  });
}

type Ingestion = Awaited<ReturnType<typeof runIngestionBenchmark>>;
type Search = Awaited<ReturnType<typeof runSearchBenchmark>>;

function ingestionTable(r: Ingestion): string {
  const s = r.summary;
  const line = (name: keyof typeof s, vsBare: string) => {
    const x = s[name] as Record<string, unknown>;
    const ms = (k: string) => (x[k] === undefined ? '' : String(x[k]));
    return `| ${name} | ${x.medianMs} | ${x.pagesPerS} | ${x.mbPerS} | ${ms('extractMs')} | ${ms('chunkMs')} | ${ms('indexTxMs')} | ${ms('otherDbMs')} | ${vsBare} |`;
  };
  return [
    `Ingestion: ${r.file.pages}-page PDF, ${round(r.file.bytes / 1024 ** 2, 2)} MB, ${r.file.words} words, ${s['pipeline-pg'].chunks} chunks, ${s['pipeline-pg'].postings} postings; medians of ${r.rounds} interleaved rounds (pipeline-pg-2-at-once ingests two copies concurrently per run; its pages/s counts both; pipeline-pg-at-end indexes the whole document after parsing, without page batches).`,
    '',
    '| variant | median ms per run | pages/s | MB/s | extract ms | chunk ms | index tx ms | progress tx + batch wait ms | throughput vs bare |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|',
    line('bare', '1.00'),
    line('pipeline-pg', `**${r.ratioPg}** (target ≥ ${r.target})`),
    line('pipeline-pg-at-end', `${r.ratioPgAtEnd}`),
    line('pipeline-pglite', `${r.ratioPglite}`),
    line('pipeline-pg-2-at-once', `${r.ratioPgTwoAtOnce}`),
    '',
    'The index transaction on PostgreSQL, statement by statement (one extra run on one connection):',
    '',
    '| statement | ms |',
    '|---|---:|',
    ...r.indexStatements.map((x) => `| ${x.statement} | ${x.ms} |`),
  ].join('\n');
}

function searchTables(r: Search, load: Record<string, unknown>): string {
  const lat = (x: { n: number; p50: number; p95: number; p99: number; max: number }) =>
    `${x.n} | ${x.p50} | ${x.p95} | ${x.p99} | ${x.max}`;
  const out = [
    `Search: ${r.creators} creators, ${r.chunksTotal} chunks (measured creator: ${load.mainChunks}); ${r.queries} queries, limit 10, via db.readAsTenant + repo.search.`,
    `Loaded in ${load.loadS ?? '(reused)'} s, vacuum analyze ${load.vacuumS ?? '-'} s; sizes: ${load.sizes}.`,
    `Checks: planted needle ranked first ${r.checks.needleTop1}/${r.checks.needleTotal}; hits for other creators' needles ${r.checks.foreignHits} and other creators' chunks among the ${r.checks.returnedChunks} returned ${r.checks.otherCreatorsChunks} (both must be 0); top-N reads through kb_postings_impact with creator_id and term under RLS: ${r.explain.btreeUnderRls ? 'yes' : 'NO'}.`,
    '',
    '| mode | queries | p50 ms | p95 ms | p99 ms | max ms | queries/s | background cores |',
    '|---|---:|---:|---:|---:|---:|---:|---:|',
    `| sequential | ${lat(r.sequential)} | ${r.sequential.qps} | ${r.sequential.cpu.backgroundCores} |`,
    `| ${r.concurrent.clients} concurrent clients | ${lat(r.concurrent)} | ${r.concurrent.qps} | ${r.concurrent.cpu.backgroundCores} |`,
    `| sequential, exact path (every posting) | ${lat(r.exact)} | ${r.exact.qps} | |`,
    '',
    `Paths (sequential): ${JSON.stringify(r.sequential.paths)}. Top ${r.approximation.topN} postings per term${r.approximation.rescore ? `, ${r.approximation.rescore} re-scored,` : ''} against the exact path on the same ${r.approximation.queries} queries (by score, ties count as equal): ${round(r.approximation.overlapAt10 * 100, 1)} % of the top 10 right, top 10 identical for ${r.approximation.identicalTop10}, same first hit for ${r.approximation.sameFirstHit}, nDCG@10 with exact scores as gains ${r.approximation.ndcgAt10VsExact}.`,
    '',
    '| tag filter (40 common/content queries) | p50 ms | p95 ms | max ms | paths | exact path p50 / p95 ms | top 10 right (by score) | top 10 identical | hits (without the tag) |',
    '|---|---:|---:|---:|---|---:|---:|---:|---:|',
    ...r.filtered.map(
      (f) =>
        `| ${f.tag} | ${f.p50} | ${f.p95} | ${f.max} | ${JSON.stringify(f.paths)} | ${f.exactPath.p50} / ${f.exactPath.p95} | ${round(f.overlapAt10 * 100, 1)} % | ${f.identicalTop10}/${f.queries} | ${f.hits} (${f.chunksWithoutTheTag}) |`,
    ),
    '',
    '| query class | example | longest posting list (median / max) | p50 ms | p95 ms | max ms | p95 ms, 8 clients | exact path p95 ms | fallbacks | top 10 right (by score) | nDCG@10 vs exact |',
    '|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...Object.entries(r.byClass).map(
      ([cls, x]) =>
        `| ${cls} (${x.n}) | \`${x.example}\` | ${x.medianMaxDf} / ${x.maxDf} | ${x.p50} | ${x.p95} | ${x.max} | ${x.concurrent.p95} | ${x.exact.p95} | ${x.fallbacks} | ${round(x.agreement.overlapAt10 * 100, 1)} % | ${x.agreement.ndcgAt10VsExact} |`,
    ),
  ];
  out.push(
    '',
    `EXPLAIN (ANALYZE, BUFFERS) of \`${r.explain.typical.query}\` as the tenant, kb_postings nodes:`,
    '',
    '```',
    ...r.explain.typical.postings.map((l) => l.trim()),
    ...r.explain.typical.summary,
    '```',
  );
  if (r.baseline) {
    out.push(
      '',
      `Naive baseline (GIN expression index built in ${r.baseline.ginBuildS} s, ${r.baseline.ginSize}); one run each:`,
      '',
      '| class | query | BM25 (ours) ms | naive under RLS ms | naive as owner, no RLS (GIN) ms |',
      '|---|---|---:|---:|---:|',
      ...r.baseline.rows.map(
        (x) => `| ${x.cls} | \`${x.query}\` | ${x.bm25Ms} | ${x.naiveRlsMs} | ${x.naiveNoRlsGinMs} |`,
      ),
      '',
      `Plans of \`${r.baseline.plans.query}\`, under RLS and as the owner:`,
      '',
      '```',
      ...r.baseline.plans.underRls.map((l) => l.trim()),
      '--- owner, no RLS:',
      ...r.baseline.plans.ownerNoRls.map((l) => l.trim()),
      '```',
    );
  }
  return out.join('\n');
}

try {
  const machine = await machineFacts(settings.pgAdminUrl);
  if (!settings.reuse) {
    await adminQuery(settings.pgAdminUrl, `drop database if exists ${SCRATCH_DB} with (force)`);
    await adminQuery(settings.pgAdminUrl, `create database ${SCRATCH_DB}`);
  }
  db = await createPostgresDatabase({ url: scratchUrl, poolSize: settings.concurrency + 2 });
  await migrate(db);
  const results: Record<string, unknown> = {
    date: new Date().toISOString(),
    machine,
    settings: { ...settings, pgAdminUrl: undefined },
  };
  const md: string[] = [];

  if (settings.only !== 'search' && !settings.reuse) {
    const ingestion = await runIngestionBenchmark({
      pgDb: db,
      adminUrl: settings.pgAdminUrl,
      rounds: settings.rounds,
      pages: settings.pages,
    });
    results.ingestion = ingestion;
    md.push(ingestionTable(ingestion));
  }

  if (settings.only !== 'ingestion') {
    const plan: CorpusPlan = {
      chunks: [
        settings.mainChunks,
        ...Array.from({ length: settings.otherCreators }, () => settings.otherChunks),
      ],
    };
    log(
      `search: loading ${plan.chunks.reduce((a, b) => a + b, 0)} chunks for ${plan.chunks.length} creators`,
    );
    const corpus = settings.reuse
      ? await findCorpus(db, plan)
      : await loadCorpus(db, plan, settings.loadLanes, { admin: settings.pgAdminUrl, scratch: scratchUrl });
    const sizes = (
      await adminQuery(
        scratchUrl,
        `select string_agg(format('%s %s', relname, pg_size_pretty(pg_total_relation_size(oid))), ', ' order by relname)
           as s from pg_class where relname in ('kb_chunks', 'kb_postings', 'kb_document_versions')`,
      )
    ).rows[0] as { s: string };
    const postings = (await adminQuery(scratchUrl, 'select count(*)::int as n from kb_postings')).rows[0] as {
      n: number;
    };
    const load = {
      mainChunks: settings.mainChunks,
      loadS: corpus.loadS,
      vacuumS: corpus.vacuumS,
      loadCpu: corpus.loadCpu,
      postings: postings.n,
      sizes: `${sizes.s} (kb_postings ${postings.n} rows)`,
    };
    const search = await runSearchBenchmark({
      db,
      adminUrl: settings.pgAdminUrl,
      scratchUrl,
      corpus,
      queries: settings.queries,
      warmupQueries: settings.warmupQueries,
      concurrency: settings.concurrency,
      baselineQueries: settings.baselineQueries,
    });
    results.search = { load, ...search };
    md.push(searchTables(search, load));
  }

  results.totalSeconds = round((performance.now() - started) / 1000, 1);
  mkdirSync(dirname(resultsFile), { recursive: true });
  writeFileSync(resultsFile, `${JSON.stringify(results, null, 2)}\n`);
  const m = machine as { cpus: number; cpuModel: string; memoryGiB: number; node: string; postgres?: object };
  md.unshift(
    `Machine: ${m.cpus} CPUs (${m.cpuModel}), ${m.memoryGiB} GiB, Node ${m.node}, PostgreSQL ${JSON.stringify(m.postgres)}`,
  );
  process.stdout.write(`${md.join('\n\n')}\n\nTotal ${results.totalSeconds} s; results in ${resultsFile}\n`);
} finally {
  await cleanUp();
}
