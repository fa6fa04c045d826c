// Shared pieces of the knowledge-base benchmarks: settings, the scratch
// database, creators, timing and CPU accounting.
import { randomUUID } from 'node:crypto';
import { cpus, totalmem } from 'node:os';
import { type Database, schema } from '@companero/db';
import { adminQuery } from '@companero/db/testing';
import { cpuOfPids, machineBusyMicros } from '../cpu.ts';
import { percentile, round } from '../stats.ts';

export const HOST = '127.0.0.1';
export const SCRATCH_DB = 'companero_bench_kb';

const int = (name: string, fallback: number) => {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a non-negative integer, got ${raw}`);
  return n;
};

const full = process.env.BENCH_KB_FULL === '1';

export const settings = {
  pgAdminUrl: process.env.BENCH_PG_URL ?? `postgres://postgres@${HOST}:5432/postgres`,
  only: process.env.BENCH_KB_ONLY ?? '', // '' | 'ingestion' | 'search'
  keep: process.env.BENCH_KB_KEEP === '1',
  reuse: process.env.BENCH_KB_REUSE === '1',
  full,
  rounds: int('BENCH_KB_ROUNDS', 3),
  pages: int('BENCH_KB_PAGES', 200),
  mainChunks: int('BENCH_KB_MAIN_CHUNKS', 100_000),
  otherCreators: int('BENCH_KB_OTHER_CREATORS', full ? 99 : 4),
  otherChunks: int('BENCH_KB_OTHER_CHUNKS', full ? 9_091 : 25_000),
  queries: int('BENCH_KB_QUERIES', 300),
  warmupQueries: int('BENCH_KB_WARMUP_QUERIES', 50),
  concurrency: int('BENCH_KB_CONCURRENCY', 8),
  baselineQueries: int('BENCH_KB_BASELINE_QUERIES', 5),
  loadLanes: int('BENCH_KB_LOAD_LANES', 2),
  // Search knobs (0: the product's defaults), to measure other top-N / re-scoring depths.
  topN: int('BENCH_KB_TOP_N', 0),
  rescore: int('BENCH_KB_RESCORE', 0),
};

export function checkHost(url: string) {
  const host = new URL(url).hostname;
  if (host !== HOST) throw new Error(`BENCH_PG_URL must point at ${HOST}, got ${host}`);
}

export { adminQuery, withDatabaseName } from '@companero/db/testing';

/** A creator row, inserted as that tenant (as the integration tests do). */
export async function createCreator(db: Database, label: string): Promise<string> {
  const id = randomUUID();
  await db.withTenant(id, (tx) =>
    tx.insert(schema.creators).values({
      id,
      email: `${label}-${id.slice(0, 8)}@example.com`,
      displayName: label,
      passwordHash: 'x',
    }),
  );
  return id;
}

export async function machineFacts(pgUrl: string | undefined) {
  const facts: Record<string, unknown> = {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model.trim() ?? 'unknown',
    memoryGiB: round(totalmem() / 1024 ** 3, 1),
    node: process.version,
  };
  if (pgUrl) {
    const r = await adminQuery(
      pgUrl,
      `select name, current_setting(name) as setting from pg_settings
        where name in ('server_version', 'shared_buffers', 'work_mem', 'effective_cache_size', 'jit',
                       'random_page_cost', 'max_parallel_workers_per_gather', 'synchronous_commit')
        order by name`,
    );
    facts.postgres = Object.fromEntries(
      (r.rows as { name: string; setting: string }[]).map((x) => [x.name, x.setting]),
    );
  }
  return facts;
}

/** Summary of latencies in ms. */
export function latencySummary(ms: number[]) {
  const sorted = Float64Array.from(ms).sort();
  return {
    n: sorted.length,
    p50: round(percentile(sorted, 50), 1),
    p95: round(percentile(sorted, 95), 1),
    p99: round(percentile(sorted, 99), 1),
    max: round(sorted[sorted.length - 1] ?? Number.NaN, 1),
  };
}

/**
 * CPU accounting over a measured phase: this process, the PostgreSQL backends
 * serving the scratch database, and everything else on the machine
 * ("background": another benchmark or build sharing the 2 cores makes the
 * numbers noisy, so it is reported next to them).
 */
export async function cpuMeter(adminUrl: string | undefined) {
  const backendPids = async () =>
    adminUrl
      ? (
          (await adminQuery(adminUrl, `select pid from pg_stat_activity where datname = '${SCRATCH_DB}'`))
            .rows as { pid: number }[]
        ).map((r) => r.pid)
      : [];
  const pidsBefore = await backendPids();
  const pgBefore = cpuOfPids(pidsBefore);
  const selfBefore = process.cpuUsage();
  const machineBefore = machineBusyMicros();
  const started = performance.now();
  return {
    async stop() {
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
        wallS: round(wallS, 2),
        nodeCores: round(selfMicros / 1e6 / wallS, 2),
        postgresCores: round(pgMicros / 1e6 / wallS, 2),
        backgroundCores:
          busy === undefined ? null : round(Math.max(0, busy - selfMicros - pgMicros) / 1e6 / wallS, 2),
      };
    },
  };
}

export const log = (msg: string) => process.stderr.write(`[bench:knowledge] ${msg}\n`);
