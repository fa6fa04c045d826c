// Conversation-engine benchmark (see docs/benchmarks.md, "Conversation engine"):
//
//   1. Server-added latency to the first token: the app streaming (SSE) from a
//      fake OpenAI-compatible model that waits a fixed time before its first
//      token, at 1, 50 and 200 concurrent conversations, next to a bare
//      node:http SSE proxy to the same fake model (the baseline).
//   2. Offline replies (no model) over a 10,000-chunk knowledge base: JSON
//      end-to-end latency at concurrency 1 and 10, next to the bare knowledge
//      search for the same questions.
//
//   npm run bench:assistant -w @companero/bench
//
// The app and the proxy run pinned to core 0, the load generator and the fake
// model to core 1 (taskset), PostgreSQL unpinned. Scratch database
// companero_bench_assistant, dropped at the end (also on Ctrl-C). Prints
// Markdown tables and writes bench/results/assistant-latest.json.
import type { ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPostgresDatabase, migrate } from '@companero/db';
import { isFollowUp } from '@companero/server/src/modules/assistant/conversation-engine.ts';
import { createAccessTokens } from '@companero/server/src/platform/security/access-tokens.ts';
import { cpuOfPids, machineBusyMicros } from '../cpu.ts';
import {
  adminQuery,
  checkHost,
  latencySummary,
  machineFacts,
  withDatabaseName,
} from '../knowledge/common.ts';
import { loadCorpus } from '../knowledge/search.ts';
import { median, round } from '../stats.ts';
import {
  ASSISTANT_DIR,
  ask,
  type Call,
  canPin,
  children,
  HOST,
  type LoadJob,
  type LoadResult,
  log,
  type Mode,
  nextMessage,
  type Ready,
  type Sample,
  SCRATCH_DB,
  type Stats,
  settings,
  spawnChild,
  stopChild,
  targets,
} from './common.ts';
import { buildQuestions, type Question } from './questions.ts';

const resultsFile = join(ASSISTANT_DIR, '..', 'results', 'assistant-latest.json');
const profileDir = join(ASSISTANT_DIR, '..', 'results', 'profiles');

checkHost(settings.pgAdminUrl);
const scratchUrl = withDatabaseName(settings.pgAdminUrl, SCRATCH_DB);
const started = performance.now();
const dataDir = mkdtempSync(join(tmpdir(), 'companero-bench-assistant-'));
const jwtSecret = randomBytes(32).toString('hex');
const pinned = canPin();

let dbCreated = false;
async function cleanUp() {
  await Promise.all([...children].map(stopChild));
  await monitor?.close().catch(() => {});
  monitor = undefined;
  if (dbCreated) {
    dbCreated = false;
    await adminQuery(settings.pgAdminUrl, `drop database if exists ${SCRATCH_DB} with (force)`).catch(
      () => {},
    );
  }
  rmSync(dataDir, { recursive: true, force: true });
}
let interrupted = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (interrupted) process.exit(130);
    interrupted = true;
    log(`${signal}: stopping the children and dropping ${SCRATCH_DB}`);
    void cleanUp().finally(() => process.exit(130));
  });
}

// ---------------------------------------------------------------- servers

interface Server {
  name: string;
  child: ChildProcess;
  origin: string;
  port: number;
}

async function startServer(name: string, kind: string, core: number | null, env: Record<string, string>) {
  const child = spawnChild('servers.ts', pinned ? core : null, { ...env, BENCH_ASSISTANT_SERVER: kind });
  const ready = await nextMessage<Ready>(child, (m) => m?.type === 'ready', 180_000);
  log(`started ${name} on port ${ready.port}`);
  return { name, child, origin: `http://${HOST}:${ready.port}`, port: ready.port } satisfies Server;
}

const appEnv = (extra: Record<string, string>): Record<string, string> => ({
  NODE_ENV: 'production',
  LOG_LEVEL: 'silent',
  DATABASE_URL: scratchUrl,
  DATABASE_POOL_SIZE: String(settings.poolSize),
  RUN_MIGRATIONS: 'false',
  DATA_DIR: dataDir,
  JWT_SECRET: jwtSecret,
  ACCESS_TOKEN_TTL_SECONDS: '86400',
  RATE_LIMIT_PER_MINUTE: '100000000',
  ...extra,
});

/** End users and conversations of the measured creator, made through the API (as a client would). */
async function createConversations(app: Server, token: string, count: number): Promise<string[]> {
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  const post = async (path: string, body: object) => {
    const res = await fetch(`${app.origin}/api/v1${path}`, {
      method: 'POST',
      headers,
      body: JSON.stringify(body),
    });
    const json = (await res.json()) as { id: string };
    if (res.status !== 201) throw new Error(`POST ${path} answered ${res.status}: ${JSON.stringify(json)}`);
    return json.id;
  };
  const ids: string[] = new Array(count);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(8, count) }, async () => {
      for (let i = next++; i < count; i = next++) {
        const endUserId = await post('/end-users', {
          widgetVisitorId: `bench-${randomUUID()}`,
          locale: 'en',
        });
        ids[i] = await post('/conversations', { endUserId, channel: 'web' });
      }
    }),
  );
  return ids;
}

/** `conversations` sessions of `per` questions each, drawn in order from `questions` starting at `offset`. */
function sessionsOf(conversations: string[], per: number, questions: Question[], offset: number): Call[][] {
  return conversations.map((conversationId, k) =>
    Array.from({ length: per }, (_, j) => {
      const text = questions[(offset + k * per + j) % questions.length]!.text;
      // The engine's rule: a question after an earlier one, with few topic words or a follow-up cue.
      return { conversationId, text, followUp: j > 0 && isFollowUp(text) };
    }),
  );
}

// ---------------------------------------------------------------- measuring

async function scratchBackendPids(): Promise<number[]> {
  const r = await adminQuery(
    settings.pgAdminUrl,
    `select pid from pg_stat_activity where datname = '${SCRATCH_DB}'`,
  );
  return (r.rows as { pid: number }[]).map((x) => x.pid);
}

async function snapshot(server: Server, others: ChildProcess[]) {
  const stats = await ask<Stats>(server.child, { type: 'stats' });
  const otherCpu = await Promise.all(others.map((c) => ask<Stats>(c, { type: 'stats' })));
  const pids = await scratchBackendPids();
  return {
    stats,
    othersMicros: otherCpu.reduce((n, s) => n + s.cpuMicros, 0),
    byModel: Object.assign({}, ...otherCpu.map((s) => s.byModel ?? {})) as Record<string, number>,
    pids,
    pg: cpuOfPids(pids),
    machine: machineBusyMicros(),
    runner: process.cpuUsage(),
    at: performance.now(),
  };
}

interface Run {
  phase: 'stream' | 'offline';
  server: string;
  mode: Mode;
  concurrency: number;
  round: number;
  debug: boolean;
  /** The paced run (think time between messages) rather than back to back. */
  paced: boolean;
  requests: number;
  errors: number;
  firstErrors: string[];
  /** Share of replies citing a passage (search: share with at least one hit). */
  hitShare: number;
  perSecond: number;
  total: ReturnType<typeof latencySummary>;
  firstDelta: ReturnType<typeof latencySummary> | null;
  /**
   * First delta minus the fake model's fixed waits on the way: its delay before
   * the first token, plus (app, follow-ups) the classify model's delay for the rewrite.
   */
  serverAdded: ReturnType<typeof latencySummary> | null;
  /** The same for standalone questions and for follow-ups (rewritten by the classify model) apart. */
  serverAddedStandalone: ReturnType<typeof latencySummary> | null;
  serverAddedFollowUp: ReturnType<typeof latencySummary> | null;
  /** Messages that are follow-ups by the engine's rule, and the calls the fake model counted, by model. */
  followUps: number;
  modelCalls: Record<string, number> | null;
  /** From the reply's metadata: receiving the message to the first token (app only). */
  serverFirstToken: ReturnType<typeof latencySummary> | null;
  timings: Record<string, { p50: number; p95: number }> | null;
  roundTripsPerRequest: number;
  serverCpuPerRequestUs: number;
  serverCores: number;
  postgresCpuPerRequestUs: number;
  postgresCores: number;
  loadCpuPerRequestUs: number;
  /** The fake model's process (stream phase). */
  fakeCores: number;
  /** Everything else on the machine: above ~0.1 core the run shared the 2 cores and is noisy. */
  backgroundCores: number | null;
  /** Average number of the scratch database's backends in each state (pg_stat_activity sampled every 100 ms). */
  backends: Record<string, number>;
  /** The app's pg pool on average: connections in use, requests waiting for one. */
  pool: { busy: number; waiting: number } | null;
  /** Every successful request in completion order: ms to the first delta (SSE) and to the end. */
  raw: { firstDeltaMs: number[]; totalMs: number[] };
}

let monitor: Awaited<ReturnType<typeof createPostgresDatabase>> | undefined;

/**
 * What the scratch database's backends are doing, sampled every 100 ms while
 * a run lasts: running, waiting for a lock (the per-day usage row apart),
 * waiting for the app inside a transaction, or another wait (IO, LWLock...).
 */
function sampleBackends() {
  const sums: Record<string, number> = {};
  let samples = 0;
  let stopped = false;
  const loop = (async () => {
    while (!stopped && monitor) {
      const r = await monitor.unsafeQuery<{ cls: string; n: number }>(
        `select cls, count(*)::int as n from (
           select case
             when state = 'active' and wait_event_type = 'Lock' and query ilike '%ai_usage_daily%' then 'lock wait: ai_usage_daily'
             when state = 'active' and wait_event_type = 'Lock' then 'lock wait: other'
             when state = 'active' and wait_event_type is null then 'running'
             when state = 'active' then 'other wait: ' || wait_event_type || '/' || wait_event
             when state like 'idle in transaction%' then 'idle in transaction'
           end as cls
             from pg_stat_activity
            where datname = $1 and backend_type = 'client backend') x
          where cls is not null group by cls`,
        [SCRATCH_DB],
      );
      samples += 1;
      for (const row of r.rows) sums[row.cls] = (sums[row.cls] ?? 0) + row.n;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  })();
  return {
    async stop() {
      stopped = true;
      await loop;
      return Object.fromEntries(
        Object.entries(sums)
          .map(([k, v]) => [k, round(v / Math.max(1, samples), 1)] as const)
          .sort((a, b) => b[1] - a[1]),
      );
    },
  };
}

/** Waits (at most quietWaitSeconds) until the machine is nearly idle: our own processes idle between runs too. */
async function waitForQuiet() {
  const deadline = performance.now() + settings.quietWaitSeconds * 1000;
  while (performance.now() < deadline) {
    const before = machineBusyMicros();
    const t = performance.now();
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const after = machineBusyMicros();
    if (before === undefined || after === undefined) return;
    if ((after - before) / ((performance.now() - t) * 1000) < 0.15) return;
  }
  log(`the machine is still busy after ${settings.quietWaitSeconds} s; measuring anyway`);
}

const summaryOf = (xs: number[]) => (xs.length ? latencySummary(xs) : null);

async function measure(opts: {
  phase: Run['phase'];
  server: Server;
  load: ChildProcess;
  others: ChildProcess[];
  job: LoadJob;
  round: number;
  /** The paced run (reported on its own row). */
  paced?: boolean;
}): Promise<Run> {
  const { server, job } = opts;
  if (opts.round > 0 && settings.quietWaitSeconds > 0) await waitForQuiet();
  const before = await snapshot(server, opts.others);
  const backends = sampleBackends();
  const result = await ask<LoadResult>(opts.load, { type: 'run', job }, 600_000);
  const backendAverages = await backends.stop();
  // Let the server finish what it does after the last response (the reply's save runs after the last delta).
  await new Promise((resolve) => setTimeout(resolve, 200));
  const after = await snapshot(server, opts.others);
  const wallUs = (after.at - before.at) * 1000;
  const served = Math.max(1, after.stats.requests - before.stats.requests);
  const serverCpu = after.stats.cpuMicros - before.stats.cpuMicros;
  const othersCpu = after.othersMicros - before.othersMicros;
  let pgCpu = 0;
  for (const [pid, cpu] of after.pg) pgCpu += cpu - (before.pg.get(pid) ?? 0);
  const runner = process.cpuUsage(before.runner);
  const busy =
    before.machine === undefined || after.machine === undefined ? undefined : after.machine - before.machine;
  const samples = result.samples;
  const ok = samples.filter((s) => s.error === null);
  const firstDeltas = ok.map((s) => s.firstDeltaMs).filter((x): x is number => x !== null);
  // Only the engine rewrites follow-ups (one classify call before retrieval); the proxy never does.
  const rewrites = job.mode === 'sse' && server.name !== 'proxy';
  const added = (s: Sample) =>
    s.firstDeltaMs === null
      ? null
      : s.firstDeltaMs -
        settings.fakeInitialDelayMs -
        (rewrites && s.followUp ? settings.fakeClassifyDelayMs : 0);
  const addedOf = (xs: Sample[]) =>
    job.mode === 'sse' ? summaryOf(xs.map(added).filter((x): x is number => x !== null)) : null;
  const modelCalls = Object.fromEntries(
    Object.entries(after.byModel).map(([m, n]) => [m, n - (before.byModel[m] ?? 0)]),
  );
  const timingKeys = ['loadMs', 'retrieveMs', 'firstTokenMs', 'generateMs', 'saveMs', 'totalMs'];
  const withTimings = ok.filter((s): s is Sample & { timings: Record<string, number> } => !!s.timings);
  const timings = withTimings.length
    ? Object.fromEntries(
        timingKeys.map((k) => {
          const s = latencySummary(withTimings.map((x) => x.timings[k] ?? Number.NaN));
          return [k, { p50: s.p50, p95: s.p95 }];
        }),
      )
    : null;
  const poolBefore = before.stats.pool;
  const poolAfter = after.stats.pool;
  const poolSamples = poolBefore && poolAfter ? poolAfter.samples - poolBefore.samples : 0;
  const run: Run = {
    phase: opts.phase,
    server: server.name,
    mode: job.mode,
    concurrency: job.concurrency,
    round: opts.round,
    debug: job.debug === true,
    paced: opts.paced === true,
    requests: samples.length,
    errors: samples.length - ok.length,
    firstErrors: [...new Set(samples.filter((s) => s.error).map((s) => s.error!))].slice(0, 3),
    hitShare: round(ok.filter((s) => s.hit).length / Math.max(1, ok.length), 2),
    perSecond: round(samples.length / (result.wallMs / 1000), 1),
    total: latencySummary(ok.map((s) => s.totalMs)),
    firstDelta: job.mode === 'sse' ? summaryOf(firstDeltas) : null,
    serverAdded: addedOf(ok),
    serverAddedStandalone: rewrites ? addedOf(ok.filter((s) => !s.followUp)) : null,
    serverAddedFollowUp: rewrites ? addedOf(ok.filter((s) => s.followUp)) : null,
    followUps: samples.filter((s) => s.followUp).length,
    modelCalls: job.mode === 'sse' ? modelCalls : null,
    serverFirstToken: summaryOf(ok.map((s) => s.serverFirstTokenMs).filter((x): x is number => x !== null)),
    timings,
    roundTripsPerRequest: round((after.stats.roundTrips - before.stats.roundTrips) / served, 1),
    serverCpuPerRequestUs: round(serverCpu / served, 0),
    serverCores: round(serverCpu / wallUs, 2),
    postgresCpuPerRequestUs: round(pgCpu / served, 0),
    postgresCores: round(pgCpu / wallUs, 2),
    loadCpuPerRequestUs: round(result.cpuMicros / Math.max(1, samples.length), 0),
    fakeCores: round(othersCpu / wallUs, 2),
    backgroundCores:
      busy === undefined
        ? null
        : round(
            Math.max(
              0,
              busy - serverCpu - othersCpu - pgCpu - result.cpuMicros - runner.user - runner.system,
            ) / wallUs,
            2,
          ),
    backends: backendAverages,
    raw: {
      firstDeltaMs: firstDeltas.map((x) => round(x, 1)),
      totalMs: ok.map((s) => round(s.totalMs, 1)),
    },
    pool:
      poolBefore && poolAfter && poolSamples > 0
        ? {
            busy: round((poolAfter.busy - poolBefore.busy) / poolSamples, 1),
            waiting: round((poolAfter.waiting - poolBefore.waiting) / poolSamples, 1),
          }
        : null,
  };
  const lat = run.serverAdded ?? run.total;
  log(
    `${run.phase} ${run.server} ${run.mode}${run.debug ? ' (debug)' : ''}${run.paced ? ' (paced)' : ''} c=${run.concurrency}: ${run.requests} requests, ` +
      `${run.serverAdded ? 'server-added' : 'total'} p50 ${lat.p50} p95 ${lat.p95} p99 ${lat.p99} ms, ${run.perSecond}/s, ` +
      `errors ${run.errors}, server ${run.serverCores} cores, postgres ${run.postgresCores}, background ${run.backgroundCores}`,
  );
  if (run.errors) log(`  errors: ${run.firstErrors.join(' | ')}`);
  return run;
}

async function profiled<T>(server: Server, name: string, fn: () => Promise<T>): Promise<T> {
  if (!settings.profile) return fn();
  await ask(server.child, { type: 'profile-start' });
  try {
    return await fn();
  } finally {
    const file = join(profileDir, `assistant-${name}.cpuprofile`);
    await ask(server.child, { type: 'profile-stop', file }, 60_000);
    log(`CPU profile of ${server.name} (its numbers are perturbed by profiling): ${file}`);
  }
}

// ---------------------------------------------------------------- phases

async function streamPhase(load: ChildProcess, token: string, questions: Question[]) {
  const fake = await startServer('fake model', 'fake-llm', 1, {
    BENCH_LLM_INITIAL_DELAY_MS: String(settings.fakeInitialDelayMs),
    BENCH_LLM_DELTA_DELAY_MS: String(settings.fakeDeltaDelayMs),
    BENCH_LLM_CLASSIFY_DELAY_MS: String(settings.fakeClassifyDelayMs),
  });
  const baseUrl = `${fake.origin}/v1`;
  const app = await startServer('app', 'app', 0, {
    ...appEnv({
      OPENAI_BASE_URL: baseUrl,
      OPENAI_API_KEY: 'sk-bench',
      AI_CHAT_MODEL: 'openai:bench',
      AI_CLASSIFY_MODEL: 'openai:bench-classify',
    }),
  });
  const proxy = await startServer('proxy', 'proxy', 0, { BENCH_LLM_BASE_URL: baseUrl });
  const others = [fake.child];
  const runs: Run[] = [];
  const job = (mode: Mode, concurrency: number, sessions: Call[][], debug = false): LoadJob => ({
    mode,
    origin: '',
    token,
    concurrency,
    sessions,
    thinkMs: settings.thinkMs,
    debug,
  });
  const on = (server: Server, j: LoadJob) => ({ ...j, origin: server.origin });

  if (settings.warmupRequests > 0) {
    const warm = sessionsOf(await createConversations(app, token, settings.warmupRequests), 1, questions, 0);
    for (const server of [proxy, app]) {
      log(`warm-up ${server.name}: ${warm.length} requests`);
      await measure({
        phase: 'stream',
        server,
        load,
        others,
        job: on(server, job('sse', 10, warm)),
        round: 0,
      });
    }
  }
  let offset = 1000;
  await profiled(app, 'stream', async () => {
    for (const level of settings.streamLevels) {
      for (let r = 1; r <= settings.rounds; r++) {
        const count = Math.max(level, Math.ceil(settings.streamMinRequests / settings.perConversation));
        const sessions = sessionsOf(
          await createConversations(app, token, count),
          settings.perConversation,
          questions,
          offset,
        );
        offset += count * settings.perConversation;
        // Alternate the order across rounds so drift on the machine hits both alike.
        const order = r % 2 ? [proxy, app] : [app, proxy];
        for (const server of order)
          runs.push(
            await measure({
              phase: 'stream',
              server,
              load,
              others,
              job: on(server, job('sse', level, sessions)),
              round: r,
            }),
          );
      }
    }
  });
  if (settings.pacedConversations > 0) {
    const n = settings.pacedConversations;
    const sessions = sessionsOf(
      await createConversations(app, token, n),
      settings.pacedMessages,
      questions,
      offset,
    );
    offset += n * settings.pacedMessages;
    log(
      `paced: ${n} conversations, ${settings.pacedMessages} messages each, think time ~${settings.pacedThinkMs} ms`,
    );
    runs.push(
      await measure({
        phase: 'stream',
        server: app,
        load,
        others,
        job: { ...on(app, job('sse', n, sessions)), thinkMs: settings.pacedThinkMs },
        round: 1,
        paced: true,
      }),
    );
  }
  // Diagnostic (not measured runs): the engine's own timings (?debug=true) at the lowest and the highest level.
  for (const level of [
    ...new Set([Math.min(...settings.streamLevels), Math.max(...settings.streamLevels)]),
  ]) {
    const count =
      level === 1 ? Math.ceil(Math.min(60, settings.streamMinRequests) / settings.perConversation) : level;
    const per = level === 1 ? settings.perConversation : 1;
    const debugSessions = sessionsOf(await createConversations(app, token, count), per, questions, offset);
    offset += count * per;
    runs.push(
      await measure({
        phase: 'stream',
        server: app,
        load,
        others,
        job: on(app, job('sse', level, debugSessions, true)),
        round: 0,
      }),
    );
  }
  await Promise.all([app, proxy, fake].map((s) => stopChild(s.child)));
  return runs;
}

async function offlinePhase(load: ChildProcess, token: string, questions: Question[]) {
  const app = await startServer('app (offline)', 'app', 0, appEnv({}));
  const runs: Run[] = [];
  const job = (mode: Mode, concurrency: number, sessions: Call[][], debug = false): LoadJob => ({
    mode,
    origin: app.origin,
    token,
    concurrency,
    sessions,
    thinkMs: 0,
    debug,
  });
  if (settings.warmupRequests > 0) {
    const warm = sessionsOf(await createConversations(app, token, settings.warmupRequests), 1, questions, 0);
    log(`warm-up: ${warm.length} replies and searches`);
    for (const mode of ['json', 'search'] as const)
      await measure({ phase: 'offline', server: app, load, others: [], job: job(mode, 4, warm), round: 0 });
  }
  let offset = 5000;
  const searchServer = { ...app, name: 'knowledge search' };
  await profiled(app, 'offline', async () => {
    for (const level of settings.offlineLevels) {
      for (let r = 1; r <= settings.rounds; r++) {
        const count = Math.ceil(settings.offlineRequests / settings.perConversation);
        const sessions = sessionsOf(
          await createConversations(app, token, count),
          settings.perConversation,
          questions,
          offset,
        );
        offset += count * settings.perConversation;
        const order = r % 2 ? (['search', 'json'] as const) : (['json', 'search'] as const);
        for (const mode of order)
          runs.push(
            await measure({
              phase: 'offline',
              server: mode === 'json' ? app : searchServer,
              load,
              others: [],
              job: job(mode, level, sessions),
              round: r,
            }),
          );
      }
    }
  });
  // Diagnostic: the engine's own timings (?debug=true) at each level.
  for (const level of settings.offlineLevels) {
    const count = Math.ceil(Math.min(60, settings.offlineRequests) / settings.perConversation);
    const sessions = sessionsOf(
      await createConversations(app, token, count),
      settings.perConversation,
      questions,
      offset,
    );
    offset += count * settings.perConversation;
    runs.push(
      await measure({
        phase: 'offline',
        server: app,
        load,
        others: [],
        job: job('json', level, sessions, true),
        round: 0,
      }),
    );
  }
  await stopChild(app.child);
  return runs;
}

// ---------------------------------------------------------------- report

const verdict = (ok: boolean) => (ok ? 'met' : 'NOT met');
const lat = (x: { p50: number; p95: number; p99: number } | null) =>
  x ? `${x.p50} / ${x.p95} / ${x.p99}` : '-';

/** Median over rounds of each measured (non-warm-up, non-debug) run's numbers. */
function merged(runs: Run[], pick: (r: Run) => boolean, paced = false) {
  const mine = runs.filter((r) => r.round > 0 && !r.debug && r.paced === paced && pick(r));
  if (!mine.length) return undefined;
  const med = (f: (r: Run) => number) => round(median(mine.map(f)), 1);
  const medLat = (f: (r: Run) => { p50: number; p95: number; p99: number } | null) =>
    mine.every((r) => f(r))
      ? { p50: med((r) => f(r)!.p50), p95: med((r) => f(r)!.p95), p99: med((r) => f(r)!.p99) }
      : null;
  return {
    requests: mine.reduce((n, r) => n + r.requests, 0),
    errors: mine.reduce((n, r) => n + r.errors, 0),
    hitShare: med((r) => r.hitShare),
    perSecond: med((r) => r.perSecond),
    total: medLat((r) => r.total)!,
    firstDelta: medLat((r) => r.firstDelta),
    serverAdded: medLat((r) => r.serverAdded),
    serverAddedStandalone: medLat((r) => r.serverAddedStandalone),
    serverAddedFollowUp: medLat((r) => r.serverAddedFollowUp),
    followUps: mine.reduce((n, r) => n + r.followUps, 0),
    classifyCalls: mine.reduce((n, r) => n + (r.modelCalls?.['bench-classify'] ?? 0), 0),
    serverFirstToken: medLat((r) => r.serverFirstToken),
    roundTrips: med((r) => r.roundTripsPerRequest),
    serverCpuUs: med((r) => r.serverCpuPerRequestUs),
    serverCores: med((r) => r.serverCores),
    postgresCpuUs: med((r) => r.postgresCpuPerRequestUs),
    postgresCores: med((r) => r.postgresCores),
    loadCpuUs: med((r) => r.loadCpuPerRequestUs),
    fakeCores: med((r) => r.fakeCores),
    background: mine.some((r) => r.backgroundCores === null) ? null : med((r) => r.backgroundCores!),
  };
}

function streamReport(runs: Run[]) {
  const lines = [
    `### 1. Time to first token, SSE, fake model waiting ${settings.fakeInitialDelayMs} ms before its first token`,
    '',
    `${settings.perConversation} messages per conversation, back to back${settings.thinkMs ? ` (${settings.thinkMs} ms think time)` : ''}; ` +
      `concurrency = conversations in flight; at least ${settings.streamMinRequests} requests per level. ` +
      '"server-added" = client-measured time to the first `delta` event minus the fake model\'s fixed delays on the way ' +
      "(its delay before the first token, and for follow-ups the rewrite call's delay).",
    '',
    '| conversations | server | requests | first delta p50 / p95 / p99 ms | **server-added p50 / p95 / p99 ms** | engine-measured first token p50 / p95 / p99 ms | reply complete p50 / p95 ms | replies/s | errors | DB round trips / reply | server CPU µs / reply (cores) | PostgreSQL CPU µs / reply (cores) | background cores |',
    '|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  const checks: Record<string, unknown> = {};
  const rows = [
    ...settings.streamLevels.flatMap((level) =>
      ['proxy', 'app'].map((name) => ({ level, name, paced: false, label: String(level) })),
    ),
    {
      level: settings.pacedConversations,
      name: 'app',
      paced: true,
      label: `${settings.pacedConversations}, paced (${settings.pacedMessages} messages, ~${settings.pacedThinkMs / 1000} s think time)`,
    },
  ];
  for (const { level, name, paced, label } of rows) {
    const m = merged(
      runs,
      (r) => r.phase === 'stream' && r.server === name && r.concurrency === level,
      paced,
    );
    if (!m) continue;
    lines.push(
      `| ${label} | ${name === 'app' ? 'app (engine)' : 'bare SSE proxy'} | ${m.requests} | ${lat(m.firstDelta)} | ${lat(m.serverAdded)} | ` +
        `${lat(m.serverFirstToken)} | ${m.total.p50} / ${m.total.p95} | ${m.perSecond} | ${m.errors} | ${m.roundTrips} | ` +
        `${m.serverCpuUs} (${m.serverCores}) | ${m.postgresCpuUs} (${m.postgresCores}) | ${m.background ?? 'n/a'} |`,
    );
    if (name === 'app' && !paced && level === targets.streamAtLevel && m.serverAdded) {
      const pass = m.serverAdded.p95 <= targets.streamServerAddedP95Ms;
      checks.streamServerAddedP95 = {
        value: m.serverAdded.p95,
        target: `<= ${targets.streamServerAddedP95Ms} ms`,
        pass,
      };
    }
  }
  lines.push(
    '',
    `Follow-ups: a message after an earlier question with few topic words or a cue ("and why?") is first rewritten ` +
      `into a standalone query by the classify model (here the fake, answering after ${settings.fakeClassifyDelayMs} ms), ` +
      'then retrieved: one more model call before the first token. Their server-added time above has that delay taken out too.',
    '',
    '| conversations | messages | follow-ups (engine rule) | rewrite calls the fake model saw | server-added, standalone p50 / p95 / p99 ms | server-added, follow-ups p50 / p95 / p99 ms |',
    '|---|---:|---:|---:|---:|---:|',
  );
  for (const { level, name, paced, label } of rows) {
    if (name !== 'app') continue;
    const m = merged(
      runs,
      (r) => r.phase === 'stream' && r.server === name && r.concurrency === level,
      paced,
    );
    if (m)
      lines.push(
        `| ${label} | ${m.requests} | ${m.followUps} | ${m.classifyCalls} | ${lat(m.serverAddedStandalone)} | ${lat(m.serverAddedFollowUp)} |`,
      );
  }
  const c = checks.streamServerAddedP95 as { value: number; pass: boolean } | undefined;
  if (c)
    lines.push(
      '',
      `Target: server-added p95 ≤ ${targets.streamServerAddedP95Ms} ms at ${targets.streamAtLevel} conversations: ${c.value} ms, **${verdict(c.pass)}**.`,
    );
  for (const r of runs.filter((x) => x.phase === 'stream' && x.debug && x.timings))
    lines.push('', timingsLine(r));
  return { text: lines.join('\n'), checks };
}

function timingsLine(r: Run) {
  const t = r.timings!;
  const part = (k: string, label: string) => `${label} ${t[k]?.p50} / ${t[k]?.p95}`;
  return (
    `Engine timings (\`?debug=true\`, diagnostic run, ${r.requests} requests at ${r.concurrency}; p50 / p95 ms): ` +
    [
      part('loadMs', 'load (first transaction)'),
      part('retrieveMs', 'retrieve'),
      part('firstTokenMs', 'first token'),
      part('generateMs', 'generate'),
      part('saveMs', 'save (second transaction)'),
      part('totalMs', 'total'),
    ].join(', ')
  );
}

function offlineReport(runs: Run[], chunks: number) {
  const lines = [
    `### 2. Offline replies (no model), JSON, ${chunks.toLocaleString('en')}-chunk knowledge base`,
    '',
    '| concurrency | what | requests | p50 / p95 / p99 ms | answered with a citation (search: any hit) | req/s | errors | DB round trips / req | server CPU µs / req (cores) | PostgreSQL CPU µs / req (cores) | background cores |',
    '|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  const checks: Record<string, unknown> = {};
  for (const level of settings.offlineLevels) {
    for (const mode of ['search', 'json'] as const) {
      const m = merged(runs, (r) => r.phase === 'offline' && r.mode === mode && r.concurrency === level);
      if (!m) continue;
      lines.push(
        `| ${level} | ${mode === 'json' ? 'POST …/messages (engine reply)' : 'GET /knowledge/search (baseline)'} | ${m.requests} | ${lat(m.total)} | ` +
          `${m.hitShare} | ${m.perSecond} | ${m.errors} | ${m.roundTrips} | ${m.serverCpuUs} (${m.serverCores}) | ` +
          `${m.postgresCpuUs} (${m.postgresCores}) | ${m.background ?? 'n/a'} |`,
      );
      if (mode === 'json')
        checks[`offlineP95AtConcurrency${level}`] = {
          value: m.total.p95,
          target: `<= ${targets.offlineP95Ms} ms`,
          pass: m.total.p95 <= targets.offlineP95Ms,
        };
    }
  }
  lines.push(
    '',
    `Target: p95 ≤ ${targets.offlineP95Ms} ms: ` +
      settings.offlineLevels
        .map((l) => {
          const c = checks[`offlineP95AtConcurrency${l}`] as { value: number; pass: boolean } | undefined;
          return c ? `concurrency ${l}: ${c.value} ms, **${verdict(c.pass)}**` : '';
        })
        .filter(Boolean)
        .join('; ') +
      '.',
  );
  for (const r of runs.filter((x) => x.phase === 'offline' && x.debug && x.timings))
    lines.push('', timingsLine(r));
  return { text: lines.join('\n'), checks };
}

/** Where the app's requests wait: the database's backends by state and the app's pool, averaged over each run. */
function waitsReport(runs: Run[]) {
  const measured = runs.filter((r) => r.server !== 'proxy' && r.round > 0 && !r.debug);
  const other = (b: Record<string, number>) =>
    Object.entries(b)
      .filter(([k]) => k.startsWith('other wait'))
      .map(([k, v]) => `${k.slice('other wait: '.length)} ${v}`)
      .join(', ') || '0';
  return [
    `### Where the app's requests wait (averages over each run: PostgreSQL backends of the scratch database by state, sampled every 100 ms; the app's pool of ${settings.poolSize}, sampled every 20 ms)`,
    '',
    '| run | backends running | idle in transaction (waiting for the app) | waiting for the ai_usage_daily row lock | other lock waits | other waits | pool connections in use | requests waiting for a connection |',
    '|---|---:|---:|---:|---:|---|---:|---:|',
    ...measured.map((r) => {
      const b = r.backends;
      const what =
        r.phase === 'stream'
          ? `SSE, ${r.concurrency} conversations${r.paced ? ' (paced)' : ''}${settings.rounds > 1 ? `, round ${r.round}` : ''}`
          : `${r.mode === 'json' ? 'offline reply' : 'knowledge search'}, concurrency ${r.concurrency}${settings.rounds > 1 ? `, round ${r.round}` : ''}`;
      return (
        `| ${what} | ${b.running ?? 0} | ${b['idle in transaction'] ?? 0} | ${b['lock wait: ai_usage_daily'] ?? 0} | ` +
        `${b['lock wait: other'] ?? 0} | ${other(b)} | ${r.pool?.busy ?? '-'} | ${r.pool?.waiting ?? '-'} |`
      );
    }),
  ].join('\n');
}

// ---------------------------------------------------------------- main

try {
  const machine = await machineFacts(settings.pgAdminUrl);
  await adminQuery(settings.pgAdminUrl, `drop database if exists ${SCRATCH_DB} with (force)`);
  await adminQuery(settings.pgAdminUrl, `create database ${SCRATCH_DB}`);
  dbCreated = true;
  const db = await createPostgresDatabase({ url: scratchUrl, poolSize: 4 });
  let corpus: Awaited<ReturnType<typeof loadCorpus>>;
  try {
    await migrate(db);
    const plan = {
      chunks: [
        settings.chunks,
        ...Array.from({ length: settings.otherCreators }, () => settings.otherChunks),
      ],
    };
    log(`loading ${plan.chunks.reduce((a, b) => a + b, 0)} chunks for ${plan.chunks.length} creators`);
    corpus = await loadCorpus(db, plan, 2, { admin: settings.pgAdminUrl, scratch: scratchUrl });
  } finally {
    await db.close();
  }
  monitor = await createPostgresDatabase({ url: settings.pgAdminUrl, poolSize: 1 });
  const creatorId = corpus.ids[0]!;
  const questions = buildQuestions(corpus.vocab, corpus.planted, 400);
  const tokens = createAccessTokens({ secret: jwtSecret, ttlSeconds: 86_400 });
  const { token } = await tokens.sign({ creatorId, familyId: randomUUID() });

  const load = spawnChild('load.ts', pinned ? 1 : null, {});
  await nextMessage<Ready>(load, (m) => m?.type === 'ready', 60_000);
  const runs: Run[] = [];
  if (settings.only !== 'offline') runs.push(...(await streamPhase(load, token, questions)));
  if (settings.only !== 'stream') runs.push(...(await offlinePhase(load, token, questions)));
  await stopChild(load);

  const stream = settings.only !== 'offline' ? streamReport(runs) : undefined;
  const offline = settings.only !== 'stream' ? offlineReport(runs, settings.chunks) : undefined;
  const totalSeconds = round((performance.now() - started) / 1000, 1);
  const m = machine as { cpus: number; cpuModel: string; memoryGiB: number; node: string; postgres?: object };
  const md = [
    `Machine: ${m.cpus} CPUs (${m.cpuModel}), ${m.memoryGiB} GiB, Node ${m.node}, PostgreSQL ${JSON.stringify(m.postgres)}; ` +
      (pinned
        ? 'app and proxy pinned to core 0, load generator and fake model to core 1, PostgreSQL unpinned.'
        : 'NOT pinned (taskset missing or fewer than 2 CPUs).'),
    `Corpus: ${corpus.total} chunks (${settings.chunks} for the measured creator, ${settings.otherCreators} others × ${settings.otherChunks}), loaded in ${corpus.loadS} s; ` +
      `${questions.length} questions (${Object.entries(
        questions.reduce<Record<string, number>>((acc, q) => {
          acc[q.cls] = (acc[q.cls] ?? 0) + 1;
          return acc;
        }, {}),
      )
        .map(([k, v]) => `${k} ${v}`)
        .join(
          ', ',
        )}), e.g. "${questions.find((q) => q.cls === 'content')?.text}", "${questions.find((q) => q.cls === 'needle')?.text}".`,
    stream?.text,
    offline?.text,
    waitsReport(runs),
  ].filter(Boolean);
  mkdirSync(join(ASSISTANT_DIR, '..', 'results'), { recursive: true });
  writeFileSync(
    resultsFile,
    `${JSON.stringify(
      {
        date: new Date().toISOString(),
        machine: { ...machine, pinned },
        settings: { ...settings, pgAdminUrl: undefined },
        targets,
        corpus: { total: corpus.total, loadS: corpus.loadS, vacuumS: corpus.vacuumS },
        checks: { ...stream?.checks, ...offline?.checks },
        runs,
        totalSeconds,
      },
      null,
      2,
    )}\n`,
  );
  process.stdout.write(`${md.join('\n\n')}\n\nTotal ${totalSeconds} s; results in ${resultsFile}\n`);
  if (runs.some((r) => r.errors > 0)) process.exitCode = 1;
} finally {
  await cleanUp();
}
