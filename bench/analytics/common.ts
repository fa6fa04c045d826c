// Shared pieces of the analytics benchmark: settings, the scratch database,
// timing and CPU accounting.
import { cpus, totalmem } from 'node:os';
import { adminQuery } from '@companero/db/testing';
import { cpuOfPids, machineBusyMicros } from '../cpu.ts';
import { percentile, round } from '../stats.ts';

export const HOST = '127.0.0.1';
export const SCRATCH_DB = 'companero_bench_analytics';

const int = (name: string, fallback: number) => {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a non-negative integer, got ${raw}`);
  return n;
};
const float = (name: string, fallback: number) => {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < 0) throw new Error(`${name} must be a non-negative number, got ${raw}`);
  return n;
};

export const settings = {
  pgAdminUrl: process.env.BENCH_PG_URL ?? `postgres://postgres@${HOST}:5432/postgres`,
  redisUrl: process.env.REDIS_URL ?? `redis://${HOST}:6379`,
  keep: process.env.BENCH_AN_KEEP === '1' || process.env.BENCH_AN_REUSE === '1',
  /** Reuse the kept scratch database (BENCH_AN_KEEP=1 before): no load, no first roll-up; it stays. */
  reuse: process.env.BENCH_AN_REUSE === '1',
  /** Creators, and events spread over the last `days` days between them (Zipf-like sizes). */
  creators: int('BENCH_AN_CREATORS', 1000),
  events: int('BENCH_AN_EVENTS', 10_000_000),
  days: int('BENCH_AN_DAYS', 90),
  /** Clients per creator (events drawn from them with a skew: a few are much more active). */
  users: int('BENCH_AN_USERS', 300),
  /** Creator i (0-based) gets a share proportional to (i + 1)^-zipf of the events. */
  zipf: float('BENCH_AN_ZIPF', 0.8),
  /** Overview: random creators measured once each, warm-up requests, repetitions on the biggest creator. */
  sample: int('BENCH_AN_SAMPLE', 200),
  warmup: int('BENCH_AN_WARMUP', 10),
  bigRequests: int('BENCH_AN_BIG_REQUESTS', 20),
  /** The raw baseline takes seconds on the biggest creator: it runs in the first rounds only. */
  bigRawRequests: int('BENCH_AN_BIG_RAW_REQUESTS', 3),
  requests90d: int('BENCH_AN_90D_REQUESTS', 10),
  raw90dRequests: int('BENCH_AN_90D_RAW_REQUESTS', 1),
  /** Creators whose roll-up overview is compared with the raw-event one. */
  checkCreators: int('BENCH_AN_CHECK', 8),
  /** Ingest: seconds per variant (split into interleaved rounds), batch size, concurrent callers. */
  ingestSeconds: int('BENCH_AN_INGEST_SECONDS', 15),
  ingestRounds: int('BENCH_AN_INGEST_ROUNDS', 3),
  ingestBatch: int('BENCH_AN_INGEST_BATCH', 100),
  ingestConcurrency: int('BENCH_AN_INGEST_CONCURRENCY', 4),
  seed: int('BENCH_AN_SEED', 42),
};

export function checkHost(url: string, name: string) {
  const host = new URL(url).hostname;
  if (host !== HOST) throw new Error(`${name} must point at ${HOST}, got ${host}`);
}

export { adminQuery, withDatabaseName } from '@companero/db/testing';

export async function machineFacts(pgUrl: string) {
  const r = await adminQuery(
    pgUrl,
    `select name, current_setting(name) as setting from pg_settings
      where name in ('server_version', 'shared_buffers', 'work_mem', 'effective_cache_size', 'jit',
                     'random_page_cost', 'max_parallel_workers_per_gather', 'synchronous_commit', 'autovacuum')
      order by name`,
  );
  return {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model.trim() ?? 'unknown',
    memoryGiB: round(totalmem() / 1024 ** 3, 1),
    node: process.version,
    postgres: Object.fromEntries(
      (r.rows as { name: string; setting: string }[]).map((x) => [x.name, x.setting]),
    ),
  };
}

export interface Latency {
  n: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
}

/** Summary of latencies in ms. */
export function latencySummary(ms: readonly number[]): Latency {
  const sorted = Float64Array.from(ms).sort();
  return {
    n: sorted.length,
    p50: round(percentile(sorted, 50), 1),
    p95: round(percentile(sorted, 95), 1),
    p99: round(percentile(sorted, 99), 1),
    max: round(sorted[sorted.length - 1] ?? Number.NaN, 1),
    mean: round(sorted.reduce((s, x) => s + x, 0) / (sorted.length || 1), 1),
  };
}

export interface CpuReading {
  wallS: number;
  /** CPU seconds of this process, of the PostgreSQL backends on the scratch database, and of everything else. */
  nodeS: number;
  postgresS: number;
  backgroundS: number | null;
}

/**
 * CPU accounting over a measured phase: this process, the PostgreSQL backends
 * serving the scratch database (parallel workers included: they carry the
 * database's name too), and everything else on the machine ("background":
 * other work sharing the 2 cores makes the numbers noisy, so it is reported).
 */
export async function cpuMeter(adminUrl: string) {
  const backendPids = async () =>
    (
      (await adminQuery(adminUrl, `select pid from pg_stat_activity where datname = '${SCRATCH_DB}'`))
        .rows as {
        pid: number;
      }[]
    ).map((r) => r.pid);
  const pidsBefore = await backendPids();
  const pgBefore = cpuOfPids(pidsBefore);
  const selfBefore = process.cpuUsage();
  const machineBefore = machineBusyMicros();
  const started = performance.now();
  return {
    async stop(): Promise<CpuReading> {
      const wallS = (performance.now() - started) / 1000;
      const self = process.cpuUsage(selfBefore);
      const machineAfter = machineBusyMicros();
      const pids = [...new Set([...pidsBefore, ...(await backendPids())])];
      const pgAfter = cpuOfPids(pids);
      let pgMicros = 0;
      for (const [pid, after] of pgAfter) pgMicros += after - (pgBefore.get(pid) ?? 0);
      const selfMicros = self.user + self.system;
      const busy =
        machineBefore === undefined || machineAfter === undefined ? undefined : machineAfter - machineBefore;
      return {
        wallS,
        nodeS: selfMicros / 1e6,
        postgresS: pgMicros / 1e6,
        backgroundS: busy === undefined ? null : Math.max(0, busy - selfMicros - pgMicros) / 1e6,
      };
    },
  };
}

/** Cores used on average over a reading (or several added up). */
export function cores(c: CpuReading) {
  return {
    wallS: round(c.wallS, 2),
    nodeCores: round(c.nodeS / c.wallS, 2),
    postgresCores: round(c.postgresS / c.wallS, 2),
    backgroundCores: c.backgroundS === null ? null : round(c.backgroundS / c.wallS, 2),
  };
}

export function addCpu(a: CpuReading, b: CpuReading): CpuReading {
  return {
    wallS: a.wallS + b.wallS,
    nodeS: a.nodeS + b.nodeS,
    postgresS: a.postgresS + b.postgresS,
    backgroundS: a.backgroundS === null || b.backgroundS === null ? null : a.backgroundS + b.backgroundS,
  };
}
export const NO_CPU: CpuReading = { wallS: 0, nodeS: 0, postgresS: 0, backgroundS: 0 };

/** Deterministic pseudo-random numbers in [0, 1) (mulberry32). */
export function prng(seed: number) {
  let s = seed | 0;
  return () => {
    s = (s + 0x6d2b79f5) | 0;
    let r = Math.imul(s ^ (s >>> 15), 1 | s);
    r = (r + Math.imul(r ^ (r >>> 7), 61 | r)) ^ r;
    return ((r ^ (r >>> 14)) >>> 0) / 4294967296;
  };
}
export type Rand = ReturnType<typeof prng>;

export const log = (msg: string) =>
  process.stderr.write(`[bench:analytics ${new Date().toISOString().slice(11, 19)}] ${msg}\n`);
