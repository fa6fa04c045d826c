// HTTP/database benchmark: see docs/benchmarks.md.
//
// Starts each server variant as a child process pinned to core 0, one load
// generator child pinned to core 1, runs them round-robin for a bounded number
// of rounds, prints a Markdown table of medians, writes results/latest.json,
// then stops every child and drops the scratch database.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import { adminQuery, withDatabaseName } from '@companero/db/testing';
import { cpuOfPids, machineBusyMicros } from './cpu.ts';
import type { LoadRequest, LoadResult, ServerKind, ServerReady, ServerStats } from './protocol.ts';
import { median, round } from './stats.ts';

const BENCH_DIR = dirname(fileURLToPath(import.meta.url));
const HOST = '127.0.0.1';
const SCRATCH_DB = 'companero_bench';
const LIST_PATH = '/api/v1/end-users?limit=20';

function intEnv(name: string, fallback: number, min = 1): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min)
    throw new Error(`${name} must be an integer >= ${min}, got ${raw}`);
  return value;
}

const settings = {
  rounds: intEnv('BENCH_ROUNDS', 5),
  seconds: intEnv('BENCH_SECONDS', 5),
  warmupSeconds: intEnv('BENCH_WARMUP_SECONDS', 3),
  /**
   * After the rounds, one run per variant with this few connections: latency
   * at low concurrency (autocannon's fixed-rate mode sends in bursts, so it is
   * not used). 0 skips it.
   */
  latencyConnections: intEnv('BENCH_LATENCY_CONNECTIONS', 10, 0),
  /** Before each measured run, wait up to this long for other processes to leave the CPUs alone. */
  quietWaitSeconds: intEnv('BENCH_QUIET_WAIT_SECONDS', 0, 0),
  connections: intEnv('BENCH_CONNECTIONS', 100),
  endUsers: intEnv('BENCH_END_USERS', 200),
  poolSize: intEnv('BENCH_POOL_SIZE', 20),
  pgAdminUrl: process.env.BENCH_PG_URL ?? `postgres://postgres@${HOST}:5432/postgres`,
};

const targets = { appOverFloorMin: 0.7, p99MaxMs: 25 };

type VariantId = 'hello' | 'floor' | 'tenant' | 'tenant-sql' | 'app-pg' | 'app-pglite';

interface Variant {
  id: VariantId;
  title: string;
  server: ServerKind;
  /** Started after these (it needs what they return). */
  after?: VariantId;
  /** Diagnostic: only run when BENCH_VARIANTS names it. */
  optIn?: boolean;
  env(ctx: Context): Record<string, string>;
  path: string;
  headers(ctx: Context): Record<string, string>;
}

interface Running {
  variant: Variant;
  child: ChildProcess;
  ready: ServerReady;
  url: string;
}

interface Context {
  /** Whether the scratch PostgreSQL database is in use in this run. */
  usesPg: boolean;
  pgUrl: string;
  dataDir: string;
  jwtSecret: string;
  running: Map<VariantId, Running>;
}

const appEnv = (ctx: Context): Record<string, string> => ({
  BENCH_SERVER: 'app',
  BENCH_SEED_END_USERS: String(settings.endUsers),
  // development: the dev mailbox lets the seed verify emails; nothing on the request path reads NODE_ENV.
  NODE_ENV: 'development',
  LOG_LEVEL: 'silent',
  JWT_SECRET: ctx.jwtSecret,
  ACCESS_TOKEN_TTL_SECONDS: '86400',
  RATE_LIMIT_PER_MINUTE: '100000000',
  DATABASE_POOL_SIZE: String(settings.poolSize),
});

/** For the servers that query the creator app-pg seeded, with a plain pool like the app's. */
function dbEnv(ctx: Context): Record<string, string> {
  const creatorId = ctx.running.get('app-pg')?.ready.creatorId;
  if (!creatorId) throw new Error('needs the creator app-pg seeded');
  return { BENCH_PG_URL: ctx.pgUrl, BENCH_POOL_SIZE: String(settings.poolSize), BENCH_CREATOR_ID: creatorId };
}

const bearer = (ctx: Context, of: VariantId): Record<string, string> => {
  const token = ctx.running.get(of)?.ready.accessToken;
  if (!token) throw new Error(`${of} returned no access token`);
  return { authorization: `Bearer ${token}` };
};

const ALL_VARIANTS: Variant[] = [
  {
    id: 'hello',
    title: '1. Fastify hello (HTTP ceiling)',
    server: 'hello',
    env: () => ({ BENCH_SERVER: 'hello' }),
    path: '/hello',
    headers: () => ({}),
  },
  {
    id: 'floor',
    title: '2. Fastify + pg, same SQL (DB floor)',
    server: 'floor',
    after: 'app-pg',
    env: (ctx) => ({ ...dbEnv(ctx), BENCH_SERVER: 'floor' }),
    path: LIST_PATH,
    headers: () => ({}),
  },
  {
    id: 'tenant',
    title: '2b. Fastify + our end-users service (no HTTP stack)',
    server: 'tenant',
    after: 'app-pg',
    env: (ctx) => ({ ...dbEnv(ctx), BENCH_SERVER: 'tenant' }),
    path: LIST_PATH,
    headers: () => ({}),
  },
  {
    id: 'tenant-sql',
    title: '2c. Fastify + readAsTenant, SQL string (no query builder)',
    server: 'tenant-sql',
    after: 'app-pg',
    optIn: true,
    env: (ctx) => ({ ...dbEnv(ctx), BENCH_SERVER: 'tenant-sql' }),
    path: LIST_PATH,
    headers: () => ({}),
  },
  {
    id: 'app-pg',
    title: '3. GET /api/v1/end-users, PostgreSQL',
    server: 'app',
    env: (ctx) => ({ ...appEnv(ctx), DATABASE_URL: ctx.pgUrl }),
    path: LIST_PATH,
    headers: (ctx) => bearer(ctx, 'app-pg'),
  },
  {
    id: 'app-pglite',
    title: '3. GET /api/v1/end-users, PGlite',
    server: 'app',
    env: (ctx) => ({ ...appEnv(ctx), DATA_DIR: ctx.dataDir }),
    path: LIST_PATH,
    headers: (ctx) => bearer(ctx, 'app-pglite'),
  },
];

function selectedVariants(): Variant[] {
  const defaults = ALL_VARIANTS.filter((v) => !v.optIn).map((v) => v.id);
  const wanted = (process.env.BENCH_VARIANTS ?? defaults.join(','))
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  for (const id of wanted) {
    if (!ALL_VARIANTS.some((v) => v.id === id)) throw new Error(`unknown variant ${id} in BENCH_VARIANTS`);
  }
  // The floor and the diagnostic variants read the data app-pg seeds.
  const needsSeed = ALL_VARIANTS.some((v) => v.after === 'app-pg' && wanted.includes(v.id));
  if (needsSeed && !wanted.includes('app-pg')) wanted.push('app-pg');
  return ALL_VARIANTS.filter((v) => wanted.includes(v.id));
}

/** Only loopback: refuse anything that would load a remote host. */
function checkPgUrl(url: string) {
  const host = new URL(url).hostname;
  if (host !== HOST) throw new Error(`BENCH_PG_URL must point at ${HOST}, got ${host}`);
}

function canPin(): boolean {
  if (availableParallelism() < 2) return false;
  try {
    execFileSync('taskset', ['-c', '0', 'true'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

// Children get a minimal environment: nothing from the caller's shell (DATABASE_URL,
// REDIS_URL, NODE_OPTIONS...) leaks in and changes what is measured.
function childEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const base: NodeJS.ProcessEnv = {};
  for (const key of ['PATH', 'HOME', 'LANG', 'TMPDIR']) if (process.env[key]) base[key] = process.env[key];
  return { ...base, ...extra };
}

const children = new Set<ChildProcess>();

function spawnChild(script: string, core: number | null, env: Record<string, string>) {
  const node = [process.execPath, '--import', 'tsx', join(BENCH_DIR, script)];
  const [command, ...args] = core === null ? node : ['taskset', '-c', String(core), ...node];
  const child = spawn(command!, args, {
    cwd: BENCH_DIR,
    env: childEnv(env),
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}

/** The next IPC message of `type` from `child`; fails if it exits first or takes too long. */
function nextMessage<T extends { type: string }>(
  child: ChildProcess,
  type: T['type'],
  timeoutMs: number,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => done(new Error(`no ${type} message within ${timeoutMs} ms`)), timeoutMs);
    const onMessage = (msg: T) => {
      if (msg?.type === type) done(undefined, msg);
    };
    const onExit = (code: number | null) =>
      done(new Error(`child exited (code ${code}) before sending ${type}`));
    function done(err?: Error, msg?: T) {
      clearTimeout(timer);
      child.off('message', onMessage);
      child.off('exit', onExit);
      if (err) reject(err);
      else resolve(msg!);
    }
    child.on('message', onMessage);
    child.once('exit', onExit);
  });
}

async function stopChild(child: ChildProcess) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

async function getJson<T>(
  url: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: T }> {
  const res = await fetch(url, { headers });
  return { status: res.status, body: (await res.json()) as T };
}

const serverStats = async (r: Running) => (await getJson<ServerStats>(`${r.url}/__bench/stats`)).body;

interface EndUsersPage {
  items: { displayName: string | null }[];
  nextCursor: string | null;
}

/** Before measuring: every variant answers 200 with the right body; the floor and diagnostics return exactly what the API does. */
async function verify(ctx: Context, variants: Variant[]) {
  const bodies = new Map<VariantId, unknown>();
  for (const v of variants) {
    const r = ctx.running.get(v.id)!;
    const { status, body } = await getJson<unknown>(`${r.url}${v.path}`, v.headers(ctx));
    if (status !== 200) throw new Error(`${v.id}: GET ${v.path} answered ${status}: ${JSON.stringify(body)}`);
    bodies.set(v.id, body);
    if (v.path !== LIST_PATH) continue;
    const page = body as EndUsersPage;
    if (page.items.length !== 20 || !page.nextCursor)
      throw new Error(`${v.id}: expected a full page with a next cursor`);
    // The seed named the first creator's clients "Client 0-*"; any other row means tenancy leaked.
    if (!page.items.every((item) => item.displayName?.startsWith('Client 0-'))) {
      throw new Error(`${v.id}: the page holds another creator's end users`);
    }
  }
  for (const id of ['floor', 'tenant', 'tenant-sql'] as const) {
    if (bodies.has(id) && !isDeepStrictEqual(bodies.get(id), bodies.get('app-pg'))) {
      throw new Error(`${id} and the API return different pages: they are not doing the same work`);
    }
  }
}

interface RoundResult extends Omit<LoadResult, 'type'> {
  round: number;
  variant: VariantId;
  roundTripsPerRequest: number;
  /** CPU microseconds per request served: the server process, the PostgreSQL processes, the load generator. */
  serverCpuPerRequest: number;
  postgresCpuPerRequest: number | null;
  loadCpuPerRequest: number;
  /** Share of one core the server process used during the run (1 = saturated). */
  serverCpuShare: number;
  /**
   * Cores' worth of CPU used during the run by processes that are not part of
   * the benchmark (tests, builds): anything above ~0.1 makes the round noisy.
   */
  backgroundCores: number | null;
}

/**
 * CPU used so far by the PostgreSQL backends serving the scratch database, per
 * pid (not the whole cluster: other work may use the same server). Undefined
 * when PostgreSQL is not in use or its processes are not readable here.
 */
async function scratchBackendsCpu(ctx: Context): Promise<Map<number, number> | undefined> {
  if (!ctx.usesPg) return undefined;
  const { rows } = await adminQuery(
    settings.pgAdminUrl,
    `select pid from pg_stat_activity where datname = '${SCRATCH_DB}'`,
  );
  const pids = (rows as { pid: number }[]).map((r) => r.pid);
  const cpu = cpuOfPids(pids);
  return pids.length && !cpu.size ? undefined : cpu;
}

/** CPU the backends used between two readings: backends that appeared in between count in full. */
function backendsCpuDelta(before: Map<number, number> | undefined, after: Map<number, number> | undefined) {
  if (!before || !after) return undefined;
  let total = 0;
  for (const [pid, cpu] of after) total += cpu - (before.get(pid) ?? 0);
  return total;
}

/** Waits (at most quietWaitSeconds) until the machine is nearly idle between runs: our servers idle too. */
async function waitForQuiet() {
  const deadline = performance.now() + settings.quietWaitSeconds * 1000;
  while (performance.now() < deadline) {
    const before = machineBusyMicros();
    const started = performance.now();
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const after = machineBusyMicros();
    if (before === undefined || after === undefined) return;
    if ((after - before) / ((performance.now() - started) * 1000) < 0.1) return;
  }
}

async function measure(
  ctx: Context,
  load: ChildProcess,
  v: Variant,
  seconds: number,
  round: number,
  connections = settings.connections,
): Promise<RoundResult> {
  const r = ctx.running.get(v.id)!;
  if (round > 0 && settings.quietWaitSeconds > 0) await waitForQuiet();
  const before = await serverStats(r);
  const pgBefore = await scratchBackendsCpu(ctx);
  const machineBefore = machineBusyMicros();
  const runnerBefore = process.cpuUsage();
  const started = performance.now();
  const request: LoadRequest = {
    type: 'load',
    url: `${r.url}${v.path}`,
    headers: v.headers(ctx),
    connections,
    seconds,
  };
  load.send(request);
  const { type: _type, ...result } = await nextMessage<LoadResult>(load, 'result', (seconds + 60) * 1000);
  // Let the last in-flight requests finish before reading the counters again.
  await new Promise((resolve) => setTimeout(resolve, 300));
  const after = await serverStats(r);
  const pgAfter = await scratchBackendsCpu(ctx);
  const machineAfter = machineBusyMicros();
  const runner = process.cpuUsage(runnerBefore);
  const elapsedMicros = (performance.now() - started) * 1000;
  const served = Math.max(1, after.requests - before.requests);
  const serverCpu = after.cpuMicros - before.cpuMicros;
  const pgCpu = backendsCpuDelta(pgBefore, pgAfter);
  return {
    round,
    variant: v.id,
    ...result,
    roundTripsPerRequest: (after.roundTrips - before.roundTrips) / served,
    serverCpuPerRequest: serverCpu / served,
    postgresCpuPerRequest: pgCpu === undefined ? null : pgCpu / served,
    loadCpuPerRequest: result.cpuMicros / served,
    serverCpuShare: serverCpu / elapsedMicros,
    backgroundCores:
      machineBefore === undefined || machineAfter === undefined
        ? null
        : Math.max(
            0,
            machineAfter -
              machineBefore -
              serverCpu -
              result.cpuMicros -
              (pgCpu ?? 0) -
              runner.user -
              runner.system,
          ) / elapsedMicros,
  };
}

interface Summary {
  variant: VariantId;
  title: string;
  requestsPerSecond: number;
  requestsPerSecondRange: [number, number];
  p50: number;
  p95: number;
  p99: number;
  errors: number;
  non2xx: number;
  roundTripsPerRequest: number;
  serverCpuPerRequest: number;
  postgresCpuPerRequest: number | null;
  loadCpuPerRequest: number;
  serverCpuShare: number;
}

function summarize(v: Variant, rounds: RoundResult[]): Summary {
  const mine = rounds.filter((r) => r.variant === v.id);
  const rps = mine.map((r) => r.requestsPerSecond);
  return {
    variant: v.id,
    title: v.title,
    requestsPerSecond: round(median(rps), 0),
    requestsPerSecondRange: [round(Math.min(...rps), 0), round(Math.max(...rps), 0)],
    p50: round(median(mine.map((r) => r.p50))),
    p95: round(median(mine.map((r) => r.p95))),
    p99: round(median(mine.map((r) => r.p99))),
    errors: mine.reduce((n, r) => n + r.errors + r.timeouts, 0),
    non2xx: mine.reduce((n, r) => n + r.non2xx, 0),
    roundTripsPerRequest: round(median(mine.map((r) => r.roundTripsPerRequest))),
    serverCpuPerRequest: round(median(mine.map((r) => r.serverCpuPerRequest)), 0),
    postgresCpuPerRequest: mine.every((r) => r.postgresCpuPerRequest !== null)
      ? round(median(mine.map((r) => r.postgresCpuPerRequest!)), 0)
      : null,
    loadCpuPerRequest: round(median(mine.map((r) => r.loadCpuPerRequest)), 0),
    serverCpuShare: round(median(mine.map((r) => r.serverCpuShare))),
  };
}

const verdict = (ok: boolean) => (ok ? 'PASS' : 'FAIL');

/** Median over rounds of a/b measured in the same round: robust to load that drifts across the run. */
function pairedRatio(rounds: RoundResult[], a: VariantId, b: VariantId): number | undefined {
  const ratios: number[] = [];
  for (const r of rounds) {
    if (r.variant !== a) continue;
    const other = rounds.find((o) => o.round === r.round && o.variant === b);
    if (other) ratios.push(r.requestsPerSecond / other.requestsPerSecond);
  }
  return ratios.length ? round(median(ratios)) : undefined;
}

// No database (hello) or an embedded one (PGlite: no network, its CPU is the server's).
const dbColumns = (s: Summary) =>
  s.variant === 'hello' ? '-' : s.variant === 'app-pglite' ? 'in-process' : String(s.roundTripsPerRequest);
const pgColumn = (s: Summary) =>
  s.variant === 'hello'
    ? '-'
    : s.variant === 'app-pglite'
      ? 'in server'
      : String(s.postgresCpuPerRequest ?? 'n/a');

function report(
  summaries: Summary[],
  rounds: RoundResult[],
  pinned: boolean,
  machine: Record<string, unknown>,
) {
  const by = new Map(summaries.map((s) => [s.variant, s]));
  const lines = [
    `Machine: ${machine.cpus} CPUs (${machine.cpuModel}), Node ${machine.node}, ${machine.postgres ?? 'no PostgreSQL'}`,
    `Load: autocannon, ${settings.connections} connections, ${settings.rounds} rounds x ${settings.seconds} s per variant, ` +
      'round-robin, medians over rounds; ' +
      (pinned
        ? 'servers on core 0, load generator on core 1, PostgreSQL unpinned.'
        : 'NOT pinned (taskset missing or fewer than 2 CPUs).'),
    '',
    '| Variant | req/s (min-max) | p50 ms | p95 ms | p99 ms | errors | non-2xx | DB round trips/req | server CPU µs/req (core use) | PostgreSQL CPU µs/req |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...summaries.map(
      (s) =>
        `| ${s.title} | ${s.requestsPerSecond} (${s.requestsPerSecondRange[0]}-${s.requestsPerSecondRange[1]}) | ` +
        `${s.p50} | ${s.p95} | ${s.p99} | ${s.errors} | ${s.non2xx} | ${dbColumns(s)} | ` +
        `${s.serverCpuPerRequest} (${Math.round(s.serverCpuShare * 100)}%) | ${pgColumn(s)} |`,
    ),
    '',
  ];
  const checks: Record<string, { value: number; target: string; pass: boolean }> = {};
  const ratio = (a: VariantId, b: VariantId) => {
    const x = by.get(a);
    const y = by.get(b);
    return x && y ? round(x.requestsPerSecond / y.requestsPerSecond) : undefined;
  };
  const appOverHello = ratio('app-pg', 'hello');
  if (appOverHello !== undefined) lines.push(`- 3/1 (app on PostgreSQL / HTTP ceiling): ${appOverHello}`);
  const liteOverHello = ratio('app-pglite', 'hello');
  if (liteOverHello !== undefined) lines.push(`- 3/1 (app on PGlite / HTTP ceiling): ${liteOverHello}`);
  const appOverFloor = ratio('app-pg', 'floor');
  if (appOverFloor !== undefined) {
    const pass = appOverFloor >= targets.appOverFloorMin;
    checks.appOverFloor = { value: appOverFloor, target: `>= ${targets.appOverFloorMin}`, pass };
    lines.push(
      `- 3/2 (app on PostgreSQL / DB floor): ${appOverFloor} (per-round paired median ${pairedRatio(rounds, 'app-pg', 'floor')}; ` +
        `target >= ${targets.appOverFloorMin}: ${verdict(pass)})`,
    );
  }
  const tenantOverFloor = ratio('tenant', 'floor');
  const appOverTenant = ratio('app-pg', 'tenant');
  if (tenantOverFloor !== undefined && appOverTenant !== undefined) {
    lines.push(
      `- 2b/2 (tenant scope + Drizzle / DB floor): ${tenantOverFloor}; 3/2b (HTTP stack): ${appOverTenant}`,
    );
  }
  const app = by.get('app-pg');
  if (app) {
    const pass = app.p99 <= targets.p99MaxMs;
    checks.p99 = { value: app.p99, target: `<= ${targets.p99MaxMs} ms`, pass };
    lines.push(
      `- p99 of the app on PostgreSQL: ${app.p99} ms (target <= ${targets.p99MaxMs} ms: ${verdict(pass)})`,
    );
  }
  const clean = summaries.every((s) => s.errors === 0 && s.non2xx === 0);
  lines.push(
    `- errors and non-2xx: ${clean ? 'none (PASS)' : 'SOME (FAIL: the numbers above are not valid)'}`,
  );
  const background = rounds.map((r) => r.backgroundCores).filter((c): c is number => c !== null);
  if (background.length) {
    const worst = Math.max(...background);
    lines.push(
      `- background CPU from other processes during the runs: median ${round(median(background))} cores, ` +
        `max ${round(worst)}${worst > 0.1 ? ' (NOISY: other work shared the machine; rerun when it is idle)' : ''}`,
    );
  }
  return { text: lines.join('\n'), checks, clean };
}

/** Latency with few connections, one run per variant: the queueing that 100 connections add is gone. */
function lowConcurrencyReport(runs: RoundResult[]) {
  const title = (id: VariantId) => ALL_VARIANTS.find((v) => v.id === id)?.title ?? id;
  return [
    `Low concurrency: ${settings.latencyConnections} connections, one ${settings.seconds} s run per variant`,
    '',
    '| Variant | req/s | p50 ms | p95 ms | p99 ms | errors | non-2xx |',
    '|---|---:|---:|---:|---:|---:|---:|',
    ...runs.map(
      (r) =>
        `| ${title(r.variant)} | ${round(r.requestsPerSecond, 0)} | ${round(r.p50)} | ${round(r.p95)} | ${round(r.p99)} | ` +
        `${r.errors + r.timeouts} | ${r.non2xx} |`,
    ),
  ].join('\n');
}

async function main() {
  const variants = selectedVariants();
  const usesPg = variants.some((v) => v.id === 'app-pg');
  checkPgUrl(settings.pgAdminUrl);
  const pinned = canPin();
  if (!pinned) console.warn('warning: taskset unavailable or fewer than 2 CPUs: running without CPU pinning');

  const ctx: Context = {
    usesPg,
    pgUrl: withDatabaseName(settings.pgAdminUrl, SCRATCH_DB),
    dataDir: mkdtempSync(join(tmpdir(), 'companero-bench-')),
    jwtSecret: randomBytes(32).toString('hex'),
    running: new Map(),
  };
  let dbCreated = false;
  let interrupted = false;
  const cleanup = async () => {
    await Promise.all([...children].map(stopChild));
    if (dbCreated) {
      // Our own scratch database (fixed name, never user input).
      await adminQuery(settings.pgAdminUrl, `drop database if exists ${SCRATCH_DB} with (force)`);
      dbCreated = false;
    }
    rmSync(ctx.dataDir, { recursive: true, force: true });
  };
  const onSignal = () => {
    if (interrupted) process.exit(130);
    interrupted = true;
    console.error('\ninterrupted: stopping children and dropping the scratch database');
    cleanup().finally(() => process.exit(130));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  try {
    const machine: Record<string, unknown> = {
      cpus: availableParallelism(),
      cpuModel: cpus()[0]?.model.trim() ?? 'unknown',
      node: process.version,
      pinned,
    };
    if (usesPg) {
      const version = await adminQuery(settings.pgAdminUrl, 'show server_version');
      machine.postgres = `PostgreSQL ${(version.rows[0] as { server_version: string }).server_version}`;
      await adminQuery(settings.pgAdminUrl, `drop database if exists ${SCRATCH_DB} with (force)`);
      await adminQuery(settings.pgAdminUrl, `create database ${SCRATCH_DB}`);
      dbCreated = true;
    }

    // Servers start in dependency order (the floor queries the creator app-pg seeded).
    const profiledIds = new Set((process.env.BENCH_PROFILE ?? '').split(',').filter(Boolean));
    const profileDir = join(BENCH_DIR, 'results', 'profiles');
    const order = [...variants].sort((a, b) => Number(Boolean(a.after)) - Number(Boolean(b.after)));
    for (const v of order) {
      const env = { ...v.env(ctx), BENCH_PROFILE_FILE: join(profileDir, `${v.id}.cpuprofile`) };
      const child = spawnChild('server.ts', pinned ? 0 : null, env);
      const ready = await nextMessage<ServerReady>(child, 'ready', 180_000);
      ctx.running.set(v.id, { variant: v, child, ready, url: `http://${HOST}:${ready.port}` });
      console.error(`started ${v.id} on port ${ready.port}${ready.sql ? `\n  SQL: ${ready.sql}` : ''}`);
    }
    await verify(ctx, variants);

    const load = spawnChild('load.ts', pinned ? 1 : null, {});
    for (const v of variants) {
      console.error(`warm-up ${v.id} (${settings.warmupSeconds} s)`);
      await measure(ctx, load, v, settings.warmupSeconds, 0);
    }
    const profiled = variants.filter((v) => profiledIds.has(v.id)).map((v) => ctx.running.get(v.id)!);
    for (const r of profiled) await fetch(`${r.url}/__bench/profile/start`, { method: 'POST' });
    const rounds: RoundResult[] = [];
    for (let n = 1; n <= settings.rounds; n++) {
      for (const v of variants) {
        const result = await measure(ctx, load, v, settings.seconds, n);
        rounds.push(result);
        console.error(
          `round ${n}/${settings.rounds} ${v.id}: ${round(result.requestsPerSecond, 0)} req/s, p99 ${round(result.p99)} ms, ` +
            `background ${result.backgroundCores === null ? 'n/a' : round(result.backgroundCores)} cores`,
        );
      }
    }

    for (const r of profiled) {
      const { file } = (await (await fetch(`${r.url}/__bench/profile/stop`, { method: 'POST' })).json()) as {
        file: string;
      };
      console.error(`CPU profile of ${r.variant.id} (its numbers above are perturbed by profiling): ${file}`);
    }

    const lowConcurrency: RoundResult[] = [];
    if (settings.latencyConnections > 0) {
      for (const v of variants) {
        const result = await measure(
          ctx,
          load,
          v,
          settings.seconds,
          settings.rounds + 1,
          settings.latencyConnections,
        );
        lowConcurrency.push(result);
        console.error(`${settings.latencyConnections} connections ${v.id}: p99 ${round(result.p99)} ms`);
      }
    }

    const summaries = variants.map((v) => summarize(v, rounds));
    const { text, checks, clean } = report(summaries, rounds, pinned, machine);
    console.log(`\n${text}`);
    if (lowConcurrency.length) console.log(`\n${lowConcurrencyReport(lowConcurrency)}`);
    const resultsDir = join(BENCH_DIR, 'results');
    mkdirSync(resultsDir, { recursive: true });
    writeFileSync(
      join(resultsDir, 'latest.json'),
      `${JSON.stringify({ date: new Date().toISOString(), machine, settings: { ...settings, pgAdminUrl: undefined }, targets, summaries, checks, rounds, lowConcurrency }, null, 2)}\n`,
    );
    console.error(`\nwrote ${join(resultsDir, 'latest.json')}`);
    if (!clean || lowConcurrency.some((r) => r.errors + r.timeouts + r.non2xx > 0)) process.exitCode = 1;
  } finally {
    await cleanup();
  }
}

main().catch((err: Error) => {
  console.error(err);
  process.exit(1);
});
