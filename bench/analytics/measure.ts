// The measured parts: the roll-up (everything at once, then a late event), the
// overview from the roll-ups against the same overview computed from the raw
// events, and ingest throughput against plain inserts of the same rows.
import { createHash, randomUUID } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import type { AnalyticsOverview } from '@companero/contracts';
import { type createPostgresDatabase, type Database, schema } from '@companero/db';
import { createAnalytics } from '@companero/server/src/modules/analytics/analytics.service.ts';
import { createAnalyticsOverview } from '@companero/server/src/modules/analytics/analytics-overview.ts';
import { createAnalyticsRollup } from '@companero/server/src/modules/analytics/analytics-rollup.ts';
import type { Cache } from '@companero/server/src/platform/cache/index.ts';
import { sql } from 'drizzle-orm';
import pino from 'pino';
import { median, round } from '../stats.ts';
import { byLabel, type Captured, capturingDb, explainReplay, labelOf } from './capture.ts';
import {
  addCpu,
  type CpuReading,
  cores,
  cpuMeter,
  type Latency,
  latencySummary,
  log,
  NO_CPU,
  type Rand,
  settings,
} from './common.ts';
import type { PlannedCreator } from './load.ts';

type PgDatabase = Awaited<ReturnType<typeof createPostgresDatabase>>;

/** Errors the product logs (a failed roll-up of one creator is logged, not thrown): counted and shown. */
export const loggedErrors: string[] = [];
export const logger = pino(
  { level: 'warn' },
  {
    write(line: string) {
      loggedErrors.push(line.trim());
    },
  },
);

const ms = (t0: number) => performance.now() - t0;

/** A database whose tenant transactions are timed per creator (the roll-up runs one per creator). */
function timedTenantDb(db: Database, times: Map<string, number>): Database {
  return {
    ...db,
    async withTenant(creatorId, fn) {
      const t0 = performance.now();
      try {
        return await db.withTenant(creatorId, fn);
      } finally {
        times.set(creatorId, (times.get(creatorId) ?? 0) + ms(t0));
      }
    },
  };
}

// ---------------------------------------------------------------------------
// Roll-up

export async function measureRollupAll(
  db: PgDatabase,
  adminUrl: string,
  plan: PlannedCreator[],
  events: number,
) {
  const times = new Map<string, number>();
  const big = plan[0]!;
  // The biggest creator's roll-up runs on a capturing connection: its statements are timed one by one.
  const captured: Captured[] = [];
  const rollup = createAnalyticsRollup({
    db: timedTenantDb(capturingDb(db, captured, new Set([big.id])), times),
    logger,
  });
  const meter = await cpuMeter(adminUrl);
  const t0 = performance.now();
  const progress = setInterval(() => {
    log(`roll-up: ${times.size} creators done after ${round(ms(t0) / 1000, 0)} s`);
  }, 30_000);
  let result: { creators: number; hours: number };
  try {
    result = await rollup.rollUpAll();
  } finally {
    clearInterval(progress);
  }
  const seconds = ms(t0) / 1000;
  const cpu = await meter.stop();
  // Autovacuum would analyze the new rows soon after; it is off on this server, so do it here.
  const analyzeT0 = performance.now();
  await db.unsafeExec(
    'analyze analytics_hourly; analyze analytics_daily; analyze analytics_user_days; analyze analytics_rollup_state',
  );
  const analyzeS = ms(analyzeT0) / 1000;
  const perCreator = latencySummary([...times.values()]);
  const tables = (
    await db.unsafeQuery<{ name: string; rows: number; size: string }>(`
      select relname as name, (select reltuples from pg_class x where x.oid = c.oid)::bigint as rows,
        pg_size_pretty(pg_total_relation_size(c.oid)) as size
      from pg_class c where relname in ('analytics_hourly', 'analytics_daily', 'analytics_user_days')
      order by relname`)
  ).rows;
  const bigRows = (
    await db.unsafeQuery<{ daily: number; user_days: number; hourly: number }>(
      `select (select count(*) from analytics_daily where creator_id = $1)::int as daily,
         (select count(*) from analytics_user_days where creator_id = $1)::int as user_days,
         (select count(*) from analytics_hourly where creator_id = $1)::int as hourly`,
      [big.id],
    )
  ).rows[0]!;
  const pending = (
    await db.unsafeQuery<{ n: number }>('select count(*)::int as n from analytics_rollup_queue')
  ).rows[0]!.n;
  return {
    creators: result.creators,
    hours: result.hours,
    seconds: round(seconds, 1),
    eventsPerS: Math.round(events / seconds),
    perCreatorMs: perCreator,
    biggestCreatorMs: round(times.get(big.id) ?? Number.NaN, 0),
    biggestCreatorEvents: big.events,
    biggestCreatorStatements: byLabel(captured),
    analyzeS: round(analyzeS, 1),
    leftInQueue: pending,
    cpu: cores(cpu),
    tables,
    biggestRows: bigRows,
  };
}

/** A late event for the biggest creator (`daysAgo` days old), its hour marked as write() does, then rollUp timed. */
export async function measureLateEvents(db: PgDatabase, creatorId: string, repeats: number) {
  const rollup = createAnalyticsRollup({ db, logger });
  const runs: { ms: number; hours: number; days: number }[] = [];
  const captured: Captured[] = [];
  for (let i = 0; i <= repeats; i++) {
    // The last run goes through a capturing connection (statement times, then EXPLAIN ANALYZE replayed and rolled back).
    const last = i === repeats;
    const at = new Date(Date.now() - 5 * 86_400_000 - i * 3_600_000 * 7);
    const hour = `${at.toISOString().slice(0, 13)}:00:00Z`;
    await db.withTenant(creatorId, async (tx) => {
      await tx.insert(schema.analyticsEvents).values({
        creatorId,
        type: 'message_received',
        occurredAt: at,
        endUserId: randomUUID(),
        data: { conversationId: randomUUID(), channel: 'web', sentiment: 'positive' },
      });
      await tx.execute(sql`
        insert into analytics_rollup_queue (creator_id, hour) values (${creatorId}::uuid, ${hour}::timestamptz)
        on conflict do nothing`);
    });
    if (last) {
      await createAnalyticsRollup({ db: capturingDb(db, captured), logger }).rollUp(creatorId);
      break;
    }
    const t0 = performance.now();
    const r = await rollup.rollUp(creatorId);
    runs.push({ ms: round(ms(t0), 1), hours: r.hours, days: r.days });
  }
  const plans = await explainReplay(db, creatorId, captured);
  const statements = captured.map((c, i) => ({
    label: labelOf(c.text),
    ms: round(c.ms, 1),
    rows: c.rows,
    plan: plans[i]!,
  }));
  return { runs, medianMs: round(median(runs.map((r) => r.ms)), 1), statements };
}

/**
 * Events keep arriving for an active creator: a fresh event (this hour, through
 * ingest) before each call. Times rollUp() alone, and overview() (cache
 * missing), which rolls the marked hour up first, as the dashboard does.
 */
export async function measureFreshEvents(db: PgDatabase, cache: Cache, creatorId: string, rounds: number) {
  const analytics = createAnalytics({ db, cache, logger });
  const rollup = createAnalyticsRollup({ db, logger });
  const ov = createAnalyticsOverview({ db, cache: missingCache, rollup, logger });
  const event = () => ({
    type: 'message_received',
    at: new Date().toISOString(),
    endUserId: randomUUID(),
    data: { conversationId: randomUUID(), channel: 'web', sentiment: 'neutral' },
  });
  const rollUpMs: number[] = [];
  const overviewMs: number[] = [];
  for (let k = 0; k < rounds; k++) {
    await analytics.ingest(creatorId, [event()]);
    let t0 = performance.now();
    await rollup.rollUp(creatorId);
    rollUpMs.push(ms(t0));
    await analytics.ingest(creatorId, [event()]);
    t0 = performance.now();
    await ov.overview(creatorId, PERIOD_30D);
    overviewMs.push(ms(t0));
  }
  return { rollUp: latencySummary(rollUpMs), overview: latencySummary(overviewMs) };
}

// ---------------------------------------------------------------------------
// Overview

/** A cache that never hits: the overview's statements run on every request. */
export const missingCache: Cache = {
  get: async () => null,
  set: async () => {},
  del: async () => {},
  incr: async () => 0,
  ping: async () => {},
  close: async () => {},
};

const PERIOD_30D = { period: '30d' } as const;
const PERIOD_90D = { period: '90d' } as const;

/** Differences between two overviews, `rolledUpAt` aside (paths and both values, at most `max`). */
export function overviewDiff(a: AnalyticsOverview, b: AnalyticsOverview, max = 8): string[] {
  const out: string[] = [];
  const walk = (x: unknown, y: unknown, path: string) => {
    if (out.length >= max || isDeepStrictEqual(x, y)) return;
    if (x && y && typeof x === 'object' && typeof y === 'object' && Array.isArray(x) === Array.isArray(y)) {
      if (Array.isArray(x) && Array.isArray(y) && x.length !== y.length)
        out.push(`${path}: length ${x.length} vs ${y.length}`);
      const keys = new Set([...Object.keys(x), ...Object.keys(y)]);
      for (const k of keys)
        walk((x as Record<string, unknown>)[k], (y as Record<string, unknown>)[k], `${path}.${k}`);
      return;
    }
    out.push(`${path}: ${JSON.stringify(x)} (roll-ups) vs ${JSON.stringify(y)} (raw)`);
  };
  walk({ ...a, rolledUpAt: null }, { ...b, rolledUpAt: null }, 'overview');
  return out;
}

export interface OverviewSeries {
  label: string;
  creators: number;
  latency: Latency;
}

export async function measureOverview(
  db: PgDatabase,
  redisCache: Cache,
  plan: PlannedCreator[],
  adminUrl: string,
  rand: Rand,
) {
  const rollup = createAnalyticsRollup({ db, logger });
  const uncached = createAnalyticsOverview({ db, cache: missingCache, rollup, logger });
  const cached = createAnalyticsOverview({ db, cache: redisCache, rollup, logger });
  const big = plan[0]!;

  // Correctness first: the roll-up overview must equal the raw one (biggest creator, one per zone, random ones).
  const checkSet = new Map<string, PlannedCreator>([[big.id, big]]);
  for (const tz of new Set(plan.map((p) => p.timeZone)))
    for (const p of plan.slice(1))
      if (p.timeZone === tz) {
        checkSet.set(p.id, p);
        break;
      }
  while (checkSet.size < Math.min(settings.checkCreators, plan.length)) {
    const p = plan[Math.floor(rand() * plan.length)]!;
    checkSet.set(p.id, p);
  }
  const checks: { creator: number; events: number; timeZone: string; differences: string[] }[] = [];
  for (const p of checkSet.values()) {
    const a = await uncached.overview(p.id, PERIOD_30D);
    const c = await uncached.overviewFromEvents(p.id, PERIOD_30D);
    const differences = overviewDiff(a, c);
    checks.push({ creator: p.idx, events: p.events, timeZone: p.timeZone, differences });
    if (differences.length)
      log(
        `WARNING: overview of creator #${p.idx} differs between roll-ups and raw events:\n  ${differences.join('\n  ')}`,
      );
  }
  log(`overview: checked ${checks.length} creators (roll-ups vs raw)`);

  // Warm-up (not counted).
  for (let i = 0; i < settings.warmup; i++) {
    const p = plan[Math.floor(rand() * plan.length)]!;
    await uncached.overview(p.id, PERIOD_30D);
    await uncached.overviewFromEvents(p.id, PERIOD_30D);
  }

  // Random creators, each once per variant, interleaved: roll-ups (no cache), raw, Redis miss, Redis hit.
  const order = plan.map((p) => p).sort(() => rand() - 0.5);
  const sample = order.slice(0, Math.min(settings.sample, plan.length));
  const lat = { rollups: [] as number[], raw: [] as number[], miss: [] as number[], hit: [] as number[] };
  const meterRandom = await cpuMeter(adminUrl);
  let i = 0;
  for (const p of sample) {
    let t0 = performance.now();
    await uncached.overview(p.id, PERIOD_30D);
    lat.rollups.push(ms(t0));
    t0 = performance.now();
    await uncached.overviewFromEvents(p.id, PERIOD_30D);
    lat.raw.push(ms(t0));
    t0 = performance.now();
    await cached.overview(p.id, PERIOD_30D);
    lat.miss.push(ms(t0));
    t0 = performance.now();
    await cached.overview(p.id, PERIOD_30D);
    lat.hit.push(ms(t0));
    if (++i % 50 === 0) log(`overview: ${i}/${sample.length} random creators`);
  }
  const cpuRandom = await meterRandom.stop();
  const sampleEvents = sample.map((p) => p.events).sort((a, b) => a - b);

  // The biggest creator, repeatedly: 30 days (roll-ups, raw, Redis hit), then 90 days (roll-ups, raw).
  const bigLat = { rollups: [] as number[], raw: [] as number[], hit: [] as number[] };
  const meterBig = await cpuMeter(adminUrl);
  await cached.overview(big.id, PERIOD_30D); // fills the cache
  for (let k = 0; k < settings.bigRequests; k++) {
    let t0 = performance.now();
    await uncached.overview(big.id, PERIOD_30D);
    bigLat.rollups.push(ms(t0));
    if (k < settings.bigRawRequests) {
      t0 = performance.now();
      await uncached.overviewFromEvents(big.id, PERIOD_30D);
      bigLat.raw.push(ms(t0));
    }
    t0 = performance.now();
    await cached.overview(big.id, PERIOD_30D);
    bigLat.hit.push(ms(t0));
  }
  const cpuBig = await meterBig.stop();
  log('overview: biggest creator, 30 days done');
  const big90 = { rollups: [] as number[], raw: [] as number[] };
  for (let k = 0; k < settings.requests90d; k++) {
    let t0 = performance.now();
    await uncached.overview(big.id, PERIOD_90D);
    big90.rollups.push(ms(t0));
    if (k >= settings.raw90dRequests) continue;
    t0 = performance.now();
    await uncached.overviewFromEvents(big.id, PERIOD_90D);
    big90.raw.push(ms(t0));
  }
  log('overview: biggest creator, 90 days done');

  const s = (label: string, creators: number, x: number[]): OverviewSeries => ({
    label,
    creators,
    latency: latencySummary(x),
  });
  const random = {
    rollups: s('roll-ups, cache always missing', sample.length, lat.rollups),
    miss: s('roll-ups + Redis, first request (miss, then stored)', sample.length, lat.miss),
    hit: s('roll-ups + Redis, second request (hit)', sample.length, lat.hit),
    raw: s('raw events (baseline)', sample.length, lat.raw),
  };
  const biggest = {
    rollups: s('roll-ups, cache always missing', 1, bigLat.rollups),
    hit: s('roll-ups + Redis (hit)', 1, bigLat.hit),
    raw: s('raw events (baseline)', 1, bigLat.raw),
  };
  const biggest90 = {
    rollups: s('roll-ups, cache always missing', 1, big90.rollups),
    raw: s('raw events (baseline)', 1, big90.raw),
  };
  const ratio = (raw: Latency, roll: Latency) => ({
    p50: round(raw.p50 / roll.p50, 1),
    p95: round(raw.p95 / roll.p95, 1),
  });
  return {
    checks,
    sample: {
      creators: sample.length,
      eventsMin: sampleEvents[0],
      eventsMedian: sampleEvents[Math.floor(sampleEvents.length / 2)],
      eventsMax: sampleEvents.at(-1),
    },
    random,
    randomRatio: ratio(random.raw.latency, random.rollups.latency),
    cpuRandom: cores(cpuRandom),
    biggest: { creator: big.idx, events: big.events, timeZone: big.timeZone, ...biggest },
    biggestRatio: ratio(biggest.raw.latency, biggest.rollups.latency),
    cpuBig: cores(cpuBig),
    biggest90,
    biggest90Ratio: ratio(biggest90.raw.latency, biggest90.rollups.latency),
  };
}

// ---------------------------------------------------------------------------
// What the overview runs, statement by statement (biggest creator), with EXPLAIN ANALYZE.

export async function profileOverview(
  db: PgDatabase,
  creatorId: string,
  source: 'rollups' | 'raw',
  runs: number,
  warmUp = true,
) {
  const captured: Captured[] = [];
  const cdb = capturingDb(db, captured);
  const rollup = createAnalyticsRollup({ db: cdb, logger });
  const ov = createAnalyticsOverview({ db: cdb, cache: missingCache, rollup, logger });
  // The first run warms up; then the median of each statement over the runs.
  const perRun: Captured[][] = [];
  const totals: number[] = [];
  for (let k = warmUp ? 0 : 1; k <= runs; k++) {
    captured.length = 0;
    const t0 = performance.now();
    if (source === 'rollups') await ov.overview(creatorId, PERIOD_30D);
    else await ov.overviewFromEvents(creatorId, PERIOD_30D);
    if (k > 0) {
      totals.push(ms(t0));
      perRun.push([...captured]);
    }
  }
  const last = perRun.at(-1)!;
  const plans = await explainReplay(db, creatorId, last, { separate: true });
  const main = last.findIndex((c) => labelOf(c.text) === 'overview statement');
  // The main statement once more without JIT (on by default on the server), unless it runs for long anyway.
  const [mainJitOff] =
    main >= 0 && last[main]!.ms < 10_000
      ? await explainReplay(db, creatorId, [last[main]!], { jitOff: true })
      : [];
  const statements = last.map((c, i) => ({
    label: labelOf(c.text),
    medianMs: round(median(perRun.map((r) => r[i]?.ms ?? Number.NaN)), 1),
    rows: c.rows,
    plan: plans[i]!,
  }));
  if (mainJitOff)
    statements.push({
      label: 'overview statement, jit = off',
      medianMs: Number.NaN,
      rows: 1,
      plan: mainJitOff,
    });
  return {
    runs,
    medianTotalMs: round(median(totals), 1),
    statements,
    mainSql: main >= 0 ? { text: last[main]!.text, params: last[main]!.params } : null,
  };
}

// ---------------------------------------------------------------------------
// Ingest

const uuidOf = (s: string) => {
  const h = createHash('md5').update(s).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
};

interface ApiEvent {
  type: string;
  at: string;
  endUserId: string;
  data: Record<string, unknown>;
}

/** One event as an app sends it, drawn with the same mix as the loaded data. */
function appEvent(rand: Rand, creatorId: string, users: number): ApiEvent {
  const u = Math.floor(users * rand() ** 2.5);
  const endUserId = uuidOf(`${creatorId}:u${u}`);
  const conversationId = uuidOf(`${creatorId}:c${u}:${Math.floor(rand() * 3)}`);
  const channel = (
    ['web', 'web', 'web', 'web', 'web', 'web', 'whatsapp', 'whatsapp', 'whatsapp', 'mobile'] as const
  )[u % 10]!;
  const at = new Date(Date.now() - rand() * 30 * 60_000).toISOString();
  const r = rand();
  const r1 = rand();
  const r2 = rand();
  const programId = uuidOf(`${creatorId}:p${Math.floor(r1 * 3)}`);
  const enrollmentId = uuidOf(`${creatorId}:e${u}:${programId}`);
  const ev = (type: string, data: Record<string, unknown>): ApiEvent => ({ type, at, endUserId, data });
  if (r < 0.4)
    return ev('message_received', {
      conversationId,
      channel,
      sentiment: r1 < 0.15 ? 'negative' : r1 < 0.7 ? 'neutral' : r1 < 0.9 ? 'positive' : null,
    });
  if (r < 0.6)
    return ev('message_sent', {
      conversationId,
      channel,
      role: r1 < 0.85 ? 'assistant' : r1 < 0.95 ? 'creator' : 'program',
    });
  if (r < 0.75) {
    const latencyMs = Math.round(200 * 25 ** r1);
    return ev('ai_answer', {
      conversationId,
      latencyMs,
      firstTokenMs: Math.round(latencyMs * (0.2 + 0.3 * r2)),
      inputTokens: 500 + Math.floor(3500 * r2),
      outputTokens: 50 + Math.floor(550 * rand()),
      groundedness: r2 < 0.3 ? null : Math.round(r2 * 1000) / 1000,
      noAnswer: rand() < 0.08,
      model: 'claude-sonnet-4-5',
      questionId: randomUUID(),
    });
  }
  if (r < 0.8) return ev('feedback', { messageId: randomUUID(), rating: r1 < 0.78 ? 'up' : 'down' });
  if (r < 0.85) return ev('conversation_started', { conversationId, channel });
  if (r < 0.9)
    return ev('document_cited', {
      documentId: uuidOf(`${creatorId}:d${Math.floor(30 * r1 ** 2)}`),
      chunkId: r2 < 0.1 ? null : randomUUID(),
      conversationId,
    });
  if (r < 0.906) return ev('program_enrolled', { programId, enrollmentId });
  if (r < 0.924)
    return ev('program_step_completed', {
      programId,
      enrollmentId,
      nodeId: `step-${1 + Math.floor(r2 * 6)}`,
    });
  if (r < 0.927) return ev('program_finished', { programId, enrollmentId });
  if (r < 0.93) return ev('program_dropped', { programId, enrollmentId, nodeId: null });
  if (r < 0.95)
    return ev('habit_logged', {
      habit: ['water', 'sleep', 'steps', 'meditation', 'journal'][Math.floor(r1 * 5)],
    });
  if (r < 0.97) return ev('widget_loaded', { visitorId: `v${u}` });
  if (r < 0.99) return ev('widget_opened', { visitorId: `v${u}` });
  if (r < 0.997) return ev('handoff', { conversationId, reason: r1 < 0.6 ? 'user_request' : 'creator' });
  const subscriptionId = `sub_${u}`;
  if (r < 0.9982)
    return ev('subscription_started', {
      subscriptionId,
      plan: 'monthly',
      amountCents: 2900,
      currency: 'EUR',
    });
  if (r < 0.9994)
    return ev('subscription_renewed', {
      subscriptionId,
      plan: 'monthly',
      amountCents: 2900,
      currency: 'EUR',
    });
  return ev('subscription_cancelled', { subscriptionId, plan: 'monthly' });
}

interface Batch {
  creatorId: string;
  events: ApiEvent[];
  rows: {
    creatorId: string;
    type: string;
    occurredAt: Date;
    endUserId: string;
    data: Record<string, unknown>;
  }[];
}

interface RunResult {
  batches: number;
  events: number;
  wallS: number;
  latencies: number[];
  rejected: number;
  cpu: CpuReading;
}

export async function measureIngest(
  db: PgDatabase,
  redisCache: Cache,
  plan: PlannedCreator[],
  adminUrl: string,
  rand: Rand,
) {
  const analytics = createAnalytics({ db, cache: redisCache, logger });
  const batches: Batch[] = Array.from({ length: 400 }, () => {
    const creatorId = plan[Math.floor(rand() * plan.length)]!.id;
    const events = Array.from({ length: settings.ingestBatch }, () =>
      appEvent(rand, creatorId, settings.users),
    );
    return {
      creatorId,
      events,
      rows: events.map((e) => ({
        creatorId,
        type: e.type,
        occurredAt: new Date(e.at),
        endUserId: e.endUserId,
        data: e.data,
      })),
    };
  });
  let next = 0;
  const creatorsTouched = new Set<string>();

  async function run(seconds: number, fn: (b: Batch) => Promise<number>): Promise<RunResult> {
    const latencies: number[] = [];
    let events = 0;
    let rejected = 0;
    const meter = await cpuMeter(adminUrl);
    const t0 = performance.now();
    const end = t0 + seconds * 1000;
    await Promise.all(
      Array.from({ length: settings.ingestConcurrency }, async () => {
        while (performance.now() < end) {
          const b = batches[next++ % batches.length]!;
          creatorsTouched.add(b.creatorId);
          const s = performance.now();
          rejected += await fn(b);
          latencies.push(ms(s));
          events += b.events.length;
        }
      }),
    );
    // The counters are incremented after ingest() answers, without waiting: wait for them here.
    await redisCache.ping();
    const wallS = ms(t0) / 1000;
    return { batches: latencies.length, events, wallS, latencies, rejected, cpu: await meter.stop() };
  }
  const product = async (b: Batch) => (await analytics.ingest(b.creatorId, b.events)).rejected.length;
  const plain = async (b: Batch) => {
    await db.withTenant(b.creatorId, (tx) => tx.insert(schema.analyticsEvents).values(b.rows));
    return 0;
  };

  await run(1, product); // warm-up
  await run(1, plain);
  const acc = {
    ingest: { batches: 0, events: 0, wallS: 0, latencies: [] as number[], rejected: 0, cpu: NO_CPU },
    plain: { batches: 0, events: 0, wallS: 0, latencies: [] as number[], rejected: 0, cpu: NO_CPU },
  };
  const add = (into: RunResult, r: RunResult) => {
    into.batches += r.batches;
    into.events += r.events;
    into.wallS += r.wallS;
    into.latencies.push(...r.latencies);
    into.rejected += r.rejected;
    into.cpu = addCpu(into.cpu, r.cpu);
  };
  const per = settings.ingestSeconds / Math.max(1, settings.ingestRounds);
  for (let round_ = 0; round_ < Math.max(1, settings.ingestRounds); round_++) {
    add(acc.ingest, await run(per, product));
    add(acc.plain, await run(per, plain));
    log(`ingest: round ${round_ + 1}/${settings.ingestRounds}`);
  }
  const summary = (r: RunResult) => ({
    batches: r.batches,
    events: r.events,
    rejected: r.rejected,
    eventsPerS: Math.round(r.events / r.wallS),
    batchMs: latencySummary(r.latencies),
    nodeCpuUsPerEvent: round((r.cpu.nodeS * 1e6) / r.events, 1),
    postgresCpuUsPerEvent: round((r.cpu.postgresS * 1e6) / r.events, 1),
    cpu: cores(r.cpu),
  });
  const ingest = summary(acc.ingest);
  const plainSummary = summary(acc.plain);

  // The worker's next roll-up after this traffic: the hours just marked (today's hour or two, per creator).
  const rollup = createAnalyticsRollup({ db, logger });
  const t0 = performance.now();
  const r = await rollup.rollUpAll();
  const afterIngestRollup = {
    creators: r.creators,
    hours: r.hours,
    seconds: round(ms(t0) / 1000, 2),
    msPerCreator: r.creators ? round(ms(t0) / r.creators, 1) : null,
  };
  return {
    batchSize: settings.ingestBatch,
    concurrency: settings.ingestConcurrency,
    ingest,
    plain: plainSummary,
    ratio: round(ingest.eventsPerS / plainSummary.eventsPerS, 2),
    p95Ratio: round(ingest.batchMs.p95 / plainSummary.batchMs.p95, 2),
    afterIngestRollup,
    creatorsTouched: [...creatorsTouched],
  };
}
