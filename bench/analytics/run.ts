// Analytics benchmark: roll-ups and the overview on a large event table
// (default 10M events across 1,000 creators over 90 days), against the same
// overview computed from the raw events in the same run, and the ingest rate
// on PostgreSQL + Redis against plain inserts of the same rows. Bounded: it
// stops by itself, only talks to 127.0.0.1, and drops its scratch database
// (and the Redis keys of its creators) at the end, also on Ctrl-C.
//
//   npm run bench:analytics -w @companero/bench
//   BENCH_AN_EVENTS=1000000 npm run bench:analytics -w @companero/bench   # quick run
//
// Writes bench/results/analytics.json (and the query plans of the overview to
// bench/results/analytics-explain.txt) and prints Markdown tables. See
// docs/benchmarks.md ("Analytics").
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createPostgresDatabase, migrate } from '@companero/db';
import { createRedisCache } from '@companero/server/src/platform/cache/index.ts';
import { Redis } from 'ioredis';
import { round } from '../stats.ts';
import { planSummary } from './capture.ts';
import {
  adminQuery,
  checkHost,
  type Latency,
  log,
  machineFacts,
  prng,
  SCRATCH_DB,
  settings,
  withDatabaseName,
} from './common.ts';
import {
  actualSizes,
  type LoadResult,
  loadDataSet,
  type PlannedCreator,
  planCreators,
  planFromDatabase,
} from './load.ts';
import {
  loggedErrors,
  measureFreshEvents,
  measureIngest,
  measureLateEvents,
  measureOverview,
  measureRollupAll,
  profileOverview,
} from './measure.ts';

const here = dirname(fileURLToPath(import.meta.url));
const resultsFile = join(here, '..', 'results', 'analytics.json');
const explainFile = join(here, '..', 'results', 'analytics-explain.txt');
const TARGET_P95_MS = 100;

checkHost(settings.pgAdminUrl, 'BENCH_PG_URL');
checkHost(settings.redisUrl, 'REDIS_URL');
const scratchUrl = withDatabaseName(settings.pgAdminUrl, SCRATCH_DB);
const started = performance.now();
let plan: PlannedCreator[] = [];
const ourCreators = new Set<string>();

let db: Awaited<ReturnType<typeof createPostgresDatabase>> | undefined;
const redis = new Redis(settings.redisUrl, { maxRetriesPerRequest: 3, lazyConnect: true });

/** Deletes the Redis keys of this run's creators (counters and cached overviews): others' keys are left alone. */
async function dropRedisKeys() {
  let cursor = '0';
  let deleted = 0;
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', 'analytics:creator_*', 'COUNT', 1000);
    cursor = next;
    const ours = keys.filter((k) =>
      ourCreators.has(k.slice('analytics:creator_'.length, 'analytics:creator_'.length + 36)),
    );
    if (ours.length) deleted += await redis.del(...ours);
  } while (cursor !== '0');
  return deleted;
}

async function cleanUp() {
  await db?.close().catch(() => {});
  db = undefined;
  if (redis.status === 'ready') {
    const n = await dropRedisKeys().catch(() => 0);
    if (n) log(`deleted ${n} Redis keys of the benchmark's creators`);
  }
  redis.disconnect();
  if (!settings.keep)
    await adminQuery(settings.pgAdminUrl, `drop database if exists ${SCRATCH_DB} with (force)`).catch(
      () => {},
    );
}
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    log(`${signal}: stopping${settings.keep ? '' : `, dropping ${SCRATCH_DB}`}`);
    void cleanUp().finally(() => process.exit(130));
  });
}

/** Results so far, written after each phase: an interrupted run still leaves what it measured. */
const partial: Record<string, unknown> = { complete: false, date: new Date().toISOString() };
function savePartial(part: Record<string, unknown>) {
  Object.assign(partial, part);
  mkdirSync(dirname(resultsFile), { recursive: true });
  writeFileSync(resultsFile, `${JSON.stringify(partial, null, 2)}\n`);
}

const lat = (x: Latency) => `${x.n} | ${x.p50} | **${x.p95}** | ${x.p99} | ${x.max}`;
const fmt = (n: number) => n.toLocaleString('en-US');
const met = (ok: boolean) => (ok ? 'met' : '**not met**');

try {
  const machine = await machineFacts(settings.pgAdminUrl);
  const load1 = loadavg()[0]!;
  await redis.connect();
  const redisCache = createRedisCache(redis);
  if (!settings.reuse) {
    await adminQuery(settings.pgAdminUrl, `drop database if exists ${SCRATCH_DB} with (force)`);
    await adminQuery(settings.pgAdminUrl, `create database ${SCRATCH_DB}`);
  }
  db = await createPostgresDatabase({ url: scratchUrl, poolSize: settings.ingestConcurrency + 2 });
  await migrate(db);
  const rand = prng(settings.seed);

  let load: LoadResult | null = null;
  if (settings.reuse) {
    plan = await planFromDatabase(db);
    for (const p of plan) ourCreators.add(p.id);
    log(`reusing ${SCRATCH_DB}: ${plan.length} creators`);
  } else {
    plan = planCreators();
    for (const p of plan) ourCreators.add(p.id);
    log(`load: ${fmt(settings.events)} events for ${settings.creators} creators over ${settings.days} days`);
    load = await loadDataSet(db, plan, settings.pgAdminUrl);
    await actualSizes(db, plan);
    log(
      `load: ${fmt(load.events)} events in ${load.seconds.total} s (${fmt(load.eventsPerS)} events/s generated)`,
    );
  }
  const totalEvents = plan.reduce((a, p) => a + p.events, 0);
  savePartial({ machine, settings: { ...settings, pgAdminUrl: undefined }, load });
  const sizes = plan.map((p) => p.events);
  const sortedSizes = [...sizes].sort((a, b) => a - b);
  const q = (p: number) =>
    sortedSizes[Math.min(sortedSizes.length - 1, Math.floor((p / 100) * sortedSizes.length))]!;
  const creatorSizes = {
    top5: sizes.slice(0, 5),
    p99: q(99),
    p90: q(90),
    median: q(50),
    p10: q(10),
    min: sortedSizes[0]!,
    shareOfTop10: round(sizes.slice(0, 10).reduce((a, b) => a + b, 0) / totalEvents, 3),
    over100k: sizes.filter((n) => n >= 100_000).length,
    over10k: sizes.filter((n) => n >= 10_000).length,
    under5k: sizes.filter((n) => n < 5_000).length,
  };
  const zones: Record<string, number> = {};
  for (const p of plan) {
    const z = p.hasSettings ? p.timeZone : 'UTC (no settings row)';
    zones[z] = (zones[z] ?? 0) + 1;
  }

  log('roll-up: rollUpAll()');
  const rollupAll = await measureRollupAll(db, settings.pgAdminUrl, plan, totalEvents);
  log(`roll-up: ${rollupAll.creators} creators, ${fmt(rollupAll.hours)} hours in ${rollupAll.seconds} s`);
  savePartial({ rollupAll });
  const late = await measureLateEvents(db, plan[0]!.id, 5);
  log(`roll-up: late event for the biggest creator, median ${late.medianMs} ms`);
  savePartial({ lateEventRuns: late.runs });
  const typical = plan[Math.floor(plan.length / 2)]!;
  const fresh = {
    biggest: await measureFreshEvents(db, redisCache, plan[0]!.id, 5),
    typical: {
      creator: typical.idx,
      events: typical.events,
      ...(await measureFreshEvents(db, redisCache, typical.id, 5)),
    },
  };
  log(
    `roll-up: fresh events, biggest creator: rollUp p50 ${fresh.biggest.rollUp.p50} ms, overview p50 ${fresh.biggest.overview.p50} ms`,
  );

  savePartial({ freshEvents: fresh });
  const overview = await measureOverview(db, redisCache, plan, settings.pgAdminUrl, rand);
  savePartial({ overview });
  const profile = await profileOverview(db, plan[0]!.id, 'rollups', 10);
  const profileRaw = await profileOverview(db, plan[0]!.id, 'raw', 1, false);
  log('overview: profiled');

  const ingest = await measureIngest(db, redisCache, plan, settings.pgAdminUrl, rand);
  log(`ingest: ${fmt(ingest.ingest.eventsPerS)} events/s (plain insert ${fmt(ingest.plain.eventsPerS)})`);

  const results = {
    complete: true,
    date: new Date().toISOString(),
    machine: {
      ...machine,
      loadAverage1mAtStart: round(load1, 2),
      loadAverage1mAtEnd: round(loadavg()[0]!, 2),
    },
    settings: { ...settings, pgAdminUrl: undefined },
    dataSet: {
      creators: plan.length,
      events: totalEvents,
      creatorSizes,
      zones,
      usersPerCreator: settings.users,
    },
    load,
    rollup: {
      all: rollupAll,
      freshEvents: fresh,
      lateEvent: {
        ...late,
        statements: late.statements.map(({ plan: p, ...x }) => ({ ...x, ...planSummary(p) })),
      },
    },
    overview,
    overviewStatements: profile.statements.map(({ plan: p, ...s }) => ({ ...s, ...planSummary(p) })),
    overviewStatementsRaw: profileRaw.statements.map(({ plan: p, ...s }) => ({ ...s, ...planSummary(p) })),
    ingest: { ...ingest, creatorsTouched: ingest.creatorsTouched.length },
    loggedErrors,
    totalSeconds: 0,
  };
  results.totalSeconds = round((performance.now() - started) / 1000, 1);
  mkdirSync(dirname(resultsFile), { recursive: true });
  writeFileSync(resultsFile, `${JSON.stringify(results, null, 2)}\n`);
  const explain = [profile, profileRaw]
    .flatMap((p, i) => [
      `==== ${i === 0 ? 'roll-ups' : 'raw events'}: overview of the biggest creator (30d), statement by statement ====`,
      ...p.statements.flatMap((s) => [`---- ${s.label} (${s.medianMs} ms, ${s.rows} rows)`, ...s.plan, '']),
      ...(p.mainSql
        ? ['---- SQL of the overview statement', p.mainSql.text, JSON.stringify(p.mainSql.params), '']
        : []),
    ])
    .concat([
      '==== roll-up of a late event (biggest creator), statement by statement, replayed and rolled back ====',
      ...late.statements.flatMap((s) => [`---- ${s.label} (${s.ms} ms, ${s.rows} rows)`, ...s.plan, '']),
    ])
    .join('\n');
  writeFileSync(explainFile, explain);

  const o = overview;
  const big = o.biggest;
  const targetRandom = o.random.rollups.latency.p95 <= TARGET_P95_MS;
  const targetBig = big.rollups.latency.p95 <= TARGET_P95_MS;
  const bg = (c: { backgroundCores: number | null }) => c.backgroundCores ?? 'n/a';
  const md = [
    `Machine: ${machine.cpus} CPUs (${machine.cpuModel}), ${machine.memoryGiB} GiB, Node ${machine.node}, PostgreSQL ${JSON.stringify(machine.postgres)}; load average ${results.machine.loadAverage1mAtStart} at start, ${results.machine.loadAverage1mAtEnd} at the end.`,
    `Data set: ${fmt(totalEvents)} events, ${plan.length} creators (sizes Zipf-like, exponent ${settings.zipf}: top 5 ${creatorSizes.top5.map(fmt).join(', ')}; p90 ${fmt(creatorSizes.p90)}, median ${fmt(creatorSizes.median)}, min ${fmt(creatorSizes.min)}; ${creatorSizes.over100k} creators ≥ 100k, ${creatorSizes.over10k} ≥ 10k, ${creatorSizes.under5k} < 5k; top 10 hold ${round(creatorSizes.shareOfTop10 * 100, 1)} %), ${settings.users} clients each, last ${settings.days} days; zones ${JSON.stringify(zones)}.`,
    load
      ? `Load: ${load.seconds.total} s (creators ${load.seconds.setup} s, events ${load.seconds.events} s = ${fmt(load.eventsPerS)} events/s, queue marking ${load.seconds.queue} s, indexes ${load.seconds.indexes} s [${load.rebuilt.join(', ')}], vacuum analyze ${load.seconds.vacuumAnalyze} s); sizes ${JSON.stringify(load.sizes)}.`
      : `Reused the kept database ${SCRATCH_DB} (BENCH_AN_REUSE=1): no load, and rollUpAll() below only rolled up what was still marked.`,
    '',
    '| roll-up | figure |',
    '|---|---:|',
    `| rollUpAll(): creators / hours | ${rollupAll.creators} / ${fmt(rollupAll.hours)} |`,
    `| rollUpAll(): total time | **${rollupAll.seconds} s** |`,
    `| rollUpAll(): events rolled up per second | **${fmt(rollupAll.eventsPerS)}** |`,
    `| per creator p50 / p95 / max (ms) | ${rollupAll.perCreatorMs.p50} / ${rollupAll.perCreatorMs.p95} / ${rollupAll.perCreatorMs.max} |`,
    `| biggest creator (${fmt(rollupAll.biggestCreatorEvents)} events), first roll-up (ms) | ${fmt(rollupAll.biggestCreatorMs)} |`,
    `| CPU during rollUpAll: node / PostgreSQL / other processes (cores) | ${rollupAll.cpu.nodeCores} / ${rollupAll.cpu.postgresCores} / ${bg(rollupAll.cpu)} |`,
    `| fresh event (this hour) then rollUp(), biggest creator: p50 / p95 (ms) | ${fresh.biggest.rollUp.p50} / ${fresh.biggest.rollUp.p95} |`,
    `| fresh event then overview() (rolls up first, cache missing), biggest creator: p50 / p95 (ms) | ${fresh.biggest.overview.p50} / **${fresh.biggest.overview.p95}** |`,
    `| the same for a median creator (#${fresh.typical.creator}, ${fmt(fresh.typical.events)} events): rollUp() / overview() p50 (ms) | ${fresh.typical.rollUp.p50} / ${fresh.typical.overview.p50} |`,
    `| late event 5 days old, biggest creator: rollUp() median (ms), runs | **${late.medianMs}** (${late.runs.map((r) => `${r.ms} ms: ${r.hours} h, ${r.days} d`).join('; ')}) |`,
    `| steady state after the ingest runs: rollUpAll() over ${ingest.afterIngestRollup.creators} creators, ${ingest.afterIngestRollup.hours} hours | ${ingest.afterIngestRollup.seconds} s (${ingest.afterIngestRollup.msPerCreator} ms per creator) |`,
    `| biggest creator's first roll-up, statement by statement (ms) | ${rollupAll.biggestCreatorStatements.map((x) => `${x.label}${x.count > 1 ? ` ×${x.count}` : ''} ${fmt(x.ms)}`).join('; ')} |`,
    `| late event roll-up, statement by statement (ms in the run; EXPLAIN ANALYZE execution / JIT) | ${results.rollup.lateEvent.statements.map((x) => `${x.label} ${x.ms} (${x.executionMs ?? '-'} / ${x.jitMs ?? '-'})`).join('; ')} |`,
    `| roll-up rows: ${rollupAll.tables.map((t) => `${t.name} ${fmt(Number(t.rows))} (${t.size})`).join(', ')}; biggest creator: daily ${fmt(rollupAll.biggestRows.daily)}, user-days ${fmt(rollupAll.biggestRows.user_days)}, hourly ${fmt(rollupAll.biggestRows.hourly)} | |`,
    '',
    `Overview latency, period 30d (ms). Random creators: ${o.sample.creators} drawn uniformly (events ${fmt(o.sample.eventsMin ?? 0)}–${fmt(o.sample.eventsMax ?? 0)}, median ${fmt(o.sample.eventsMedian ?? 0)}), each measured once per variant, interleaved. Biggest creator: #${big.creator}, ${fmt(big.events)} events (${big.timeZone}), ${settings.bigRequests} interleaved rounds (the raw baseline in the first ${settings.bigRawRequests}; 90d: ${settings.requests90d} rounds, raw in the first ${settings.raw90dRequests}).`,
    '',
    '| creators | variant | requests | p50 | p95 | p99 | max |',
    '|---|---|---:|---:|---:|---:|---:|',
    `| random | ${o.random.rollups.label} | ${lat(o.random.rollups.latency)} |`,
    `| random | ${o.random.miss.label} | ${lat(o.random.miss.latency)} |`,
    `| random | ${o.random.hit.label} | ${lat(o.random.hit.latency)} |`,
    `| random | ${o.random.raw.label} | ${lat(o.random.raw.latency)} |`,
    `| biggest | ${big.rollups.label} | ${lat(big.rollups.latency)} |`,
    `| biggest | ${big.hit.label} | ${lat(big.hit.latency)} |`,
    `| biggest | ${big.raw.label} | ${lat(big.raw.latency)} |`,
    `| biggest, 90d | ${o.biggest90.rollups.label} | ${lat(o.biggest90.rollups.latency)} |`,
    `| biggest, 90d | ${o.biggest90.raw.label} | ${lat(o.biggest90.raw.latency)} |`,
    '',
    `- Raw / roll-ups: random creators ${o.randomRatio.p50}× (p50), ${o.randomRatio.p95}× (p95); biggest creator ${o.biggestRatio.p50}× / ${o.biggestRatio.p95}×; biggest, 90d ${o.biggest90Ratio.p50}× / ${o.biggest90Ratio.p95}×.`,
    `- Target p95 ≤ ${TARGET_P95_MS} ms from the roll-ups (cache missing): random creators ${o.random.rollups.latency.p95} ms: ${met(targetRandom)}; biggest creator ${big.rollups.latency.p95} ms: ${met(targetBig)}.`,
    `- CPU while measuring: random creators node ${o.cpuRandom.nodeCores} / PostgreSQL ${o.cpuRandom.postgresCores} / other processes ${bg(o.cpuRandom)} cores; biggest creator ${o.cpuBig.nodeCores} / ${o.cpuBig.postgresCores} / ${bg(o.cpuBig)}.`,
    `- Roll-ups vs raw events, same overview (all fields but rolledUpAt) on ${o.checks.length} creators: ${
      o.checks.every((c) => c.differences.length === 0)
        ? 'identical'
        : `**DIFFERENT** for ${o.checks
            .filter((c) => c.differences.length)
            .map((c) => `#${c.creator} (${c.timeZone}): ${c.differences.slice(0, 3).join('; ')}`)
            .join(' | ')}`
    }.`,
    '',
    `What one overview request of the biggest creator runs (30d, roll-ups, cache missing; median of ${profile.runs} requests, ${profile.medianTotalMs} ms in all, each statement timed on its connection, then EXPLAIN ANALYZE; plans in bench/results/analytics-explain.txt):`,
    '',
    '| statement | ms in the request | rows | EXPLAIN ANALYZE: cost estimate, planning / execution / JIT ms |',
    '|---|---:|---:|---:|',
    ...results.overviewStatements.map(
      (s) =>
        `| ${s.label} | ${Number.isNaN(s.medianMs) ? '-' : s.medianMs} | ${s.rows} | ${s.costEstimate ?? '-'}, ${s.planningMs ?? '-'} / ${s.executionMs ?? '-'} / ${s.jitMs ?? '-'} |`,
    ),
    '',
    `The same from raw events (${profileRaw.medianTotalMs} ms in all):`,
    '',
    '| statement | ms in the request | rows | EXPLAIN ANALYZE: cost estimate, planning / execution / JIT ms |',
    '|---|---:|---:|---:|',
    ...results.overviewStatementsRaw.map(
      (s) =>
        `| ${s.label} | ${Number.isNaN(s.medianMs) ? '-' : s.medianMs} | ${s.rows} | ${s.costEstimate ?? '-'}, ${s.planningMs ?? '-'} / ${s.executionMs ?? '-'} / ${s.jitMs ?? '-'} |`,
    ),
    '',
    `Ingest: batches of ${ingest.batchSize} valid events for random creators (${ingest.creatorsTouched.length} touched), ${ingest.concurrency} concurrent callers, ${settings.ingestSeconds} s per variant in ${settings.ingestRounds} interleaved rounds; PostgreSQL + Redis (${settings.redisUrl}).`,
    '',
    '| variant | batches | events/s | batch p50 ms | batch p95 ms | batch p99 ms | node CPU µs/event | PostgreSQL CPU µs/event | other processes (cores) |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|',
    `| analytics.ingest() (validate, insert, mark hours, Redis counters) | ${fmt(ingest.ingest.batches)} | **${fmt(ingest.ingest.eventsPerS)}** | ${ingest.ingest.batchMs.p50} | **${ingest.ingest.batchMs.p95}** | ${ingest.ingest.batchMs.p99} | ${ingest.ingest.nodeCpuUsPerEvent} | ${ingest.ingest.postgresCpuUsPerEvent} | ${bg(ingest.ingest.cpu)} |`,
    `| plain insert (db.withTenant + insert, same rows) | ${fmt(ingest.plain.batches)} | ${fmt(ingest.plain.eventsPerS)} | ${ingest.plain.batchMs.p50} | ${ingest.plain.batchMs.p95} | ${ingest.plain.batchMs.p99} | ${ingest.plain.nodeCpuUsPerEvent} | ${ingest.plain.postgresCpuUsPerEvent} | ${bg(ingest.plain.cpu)} |`,
    '',
    `- ingest / plain insert: ${ingest.ratio}× the events/s, ${ingest.p95Ratio}× the batch p95; events rejected by validation: ${ingest.ingest.rejected}.`,
    ...(loggedErrors.length
      ? [
          `- **Errors logged by the product: ${loggedErrors.length}** (first: ${loggedErrors[0]?.slice(0, 300)})`,
        ]
      : []),
  ];
  process.stdout.write(`${md.join('\n')}\n\nTotal ${results.totalSeconds} s; results in ${resultsFile}\n`);
} finally {
  await cleanUp();
}
