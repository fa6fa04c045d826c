// WhatsApp webhook ingest benchmark: signed Meta-shaped deliveries POSTed to
// one api node. Target (the issue): p99 acknowledgement ≤ 50 ms at 500 req/s on
// one node with no errors; and end to end, inbound message → AI reply queued.
//
//   npm run bench:whatsapp-webhooks -w @companero/bench
//   BENCH_WHATSAPP_RATE=500 BENCH_WHATSAPP_SECONDS=20 BENCH_WHATSAPP_WARMUP_SECONDS=3
//   BENCH_WHATSAPP_CONNECTIONS=32 (open loop) BENCH_WHATSAPP_CONCURRENCY=64 BENCH_WHATSAPP_CLOSED_SECONDS=10 (0 skips)
//   BENCH_WHATSAPP_E2E_MESSAGES=200 (0 skips) BENCH_WHATSAPP_E2E_RATE=10 BENCH_WHATSAPP_E2E_SENDERS=<messages>
//   BENCH_WHATSAPP_E2E_QUEUE=shared|separate  BENCH_WHATSAPP_LOG_LEVEL=silent|info
//   BENCH_WHATSAPP_DB=pglite (default: PostgreSQL at BENCH_PG_URL)
//   BENCH_WHATSAPP_PROFILE_DIR=<dir>: CPU profile of each server in each measured window (perturbs the figures;
//   summarise with `npx tsx profile-summary.ts <dir>/whatsapp-app-open.cpuprofile`)
//
// Each server runs in a child process (server-child.ts): first a bare Fastify
// route that checks the same HMAC without a database (the floor), then the
// app (buildApp, the real job queue, no worker). For each, this process sends
// signed deliveries (distinct wamids, ~1 KB text messages, bodies and
// signatures computed before the run) on an open-loop schedule at a fixed
// rate, timing each from its scheduled send time to the end of the response
// (so a slow server's queueing counts: no coordinated omission), then runs a
// closed loop (N concurrent senders, each sending again on every answer) for
// the highest rate it sustains. Last, the worker role starts in the app's
// process and N inbound messages are sent at a modest rate; each is timed to
// its webhook job starting, the AI reply's send job being stored, and that
// reply reaching the fake Graph API.
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { Agent, request } from 'node:http';
import { availableParallelism, cpus } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { adminQuery } from '@companero/db/testing';
import { signWebhook } from '@companero/server/src/testing/fake-graph-server.ts';
import { backendsCpuDelta, childIpc, databaseBackendsCpu } from '../child-ipc.ts';
import { machineBusyMicros } from '../cpu.ts';
import { percentile, round } from '../stats.ts';
import type { ChildKind, ChildMessage, ParentMessage, Percentiles, WindowStats } from './protocol.ts';

const DIR = dirname(fileURLToPath(import.meta.url));
const HOST = '127.0.0.1';
const SCRATCH = 'companero_bench_whatsapp';
const WEBHOOK_PATH = '/api/v1/whatsapp/webhook';
const TARGETS = { rate: 500, p99Ms: 50, errors: 0 };
/** A request still unanswered this long after the last one was scheduled is an error. */
const DRAIN_TIMEOUT_MS = 30_000;
/** An inbound message whose reply has not reached the fake Graph API this long after the last send is missing. */
const E2E_TIMEOUT_MS = 60_000;
/**
 * Deliveries signed before the closed loop, per second of it (about what a bare
 * server answers here), at most 150,000 (~170 MB); past them, the generator signs
 * on the fly (and the report says how many).
 */
const closedLoopPool = (seconds: number) => Math.min(150_000, seconds * 10_000);
/** Approximate size of each delivery's body, bytes. */
const BODY_BYTES = 1024;

function int(name: string, fallback: number, min = 1) {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min) throw new Error(`${name} must be an integer >= ${min}, got ${raw}`);
  return n;
}
function oneOf<T extends string>(name: string, values: readonly T[], fallback: T): T {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!values.includes(raw as T)) throw new Error(`${name} must be one of ${values.join(', ')}, got ${raw}`);
  return raw as T;
}
const e2eMessages = int('BENCH_WHATSAPP_E2E_MESSAGES', 200, 0);
const settings = {
  rate: int('BENCH_WHATSAPP_RATE', TARGETS.rate),
  seconds: int('BENCH_WHATSAPP_SECONDS', 20),
  warmupSeconds: int('BENCH_WHATSAPP_WARMUP_SECONDS', 3, 0),
  connections: int('BENCH_WHATSAPP_CONNECTIONS', 32),
  concurrency: int('BENCH_WHATSAPP_CONCURRENCY', 64),
  closedSeconds: int('BENCH_WHATSAPP_CLOSED_SECONDS', 10, 0),
  e2eMessages,
  e2eRate: int('BENCH_WHATSAPP_E2E_RATE', 10),
  e2eSenders: Math.min(int('BENCH_WHATSAPP_E2E_SENDERS', Math.max(1, e2eMessages)), Math.max(1, e2eMessages)),
  e2eQueue: oneOf('BENCH_WHATSAPP_E2E_QUEUE', ['shared', 'separate'] as const, 'shared'),
  logLevel: oneOf(
    'BENCH_WHATSAPP_LOG_LEVEL',
    ['silent', 'fatal', 'error', 'warn', 'info', 'debug'] as const,
    'silent',
  ),
  db: process.env.BENCH_WHATSAPP_DB === 'pglite' ? ('pglite' as const) : ('postgres' as const),
  pgAdminUrl: process.env.BENCH_PG_URL ?? `postgres://postgres@${HOST}:5432/postgres`,
  profileDir: process.env.BENCH_WHATSAPP_PROFILE_DIR
    ? resolve(process.env.BENCH_WHATSAPP_PROFILE_DIR)
    : undefined,
};
const log = (m: string) => process.stderr.write(`[bench:whatsapp-webhooks] ${m}\n`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** Epoch milliseconds with sub-millisecond precision, comparable with the child's (same clock). */
const epochMs = (perfMs: number) => performance.timeOrigin + perfMs;

// ---------------------------------------------------------------------------
// Deliveries: Meta's body shape (webhook-events.ts), signed as Meta signs them.

interface Delivery {
  body: Buffer;
  signature: string;
  wamid: string;
  from: string;
}

interface Account {
  phoneNumberId: string;
  appSecret: string;
  accessToken: string;
}

const SENTENCES = [
  'How much sleep do I need before a long run on Saturday?',
  'I walked for forty minutes this morning and did the stretching routine after it.',
  'Could you suggest a simple breakfast with enough protein for a training day?',
  'My legs felt heavy during the intervals, should I take an easier day tomorrow?',
  'I drank two litres of water yesterday and had porridge with fruit before the session.',
  'What is a good way to warm up before strength training at the gym?',
  'This week I managed three sessions of twenty-five minutes each, more than last week.',
  'Is it fine to train in the evening if I go to bed at eleven?',
  'I am trying to cook at home more often, do you have ideas for quick dinners?',
  'The plan says two rest days, can one of them be a light bike ride with my kids?',
];
const NAMES = ['Ana Pérez', 'Luis García', 'Marta Ruiz', 'Jordi Puig', 'Sofía López', 'Pablo Martín'];

const runId = randomBytes(4).toString('hex');
let deliveryCounter = 0;

/** One text message from `from`, about BODY_BYTES long, with a wamid never used before. */
function makeDelivery(account: Account, from: string, seed: number): Delivery {
  deliveryCounter += 1;
  const wamid = `wamid.${Buffer.from(`HBgL${from}FQIAEhgU${runId}${deliveryCounter.toString(36).padStart(8, '0')}`).toString('base64')}`;
  const envelope = (text: string) =>
    JSON.stringify({
      object: 'whatsapp_business_account',
      entry: [
        {
          id: `9${account.phoneNumberId.slice(1)}`,
          changes: [
            {
              value: {
                messaging_product: 'whatsapp',
                metadata: { display_phone_number: '15550100000', phone_number_id: account.phoneNumberId },
                contacts: [{ profile: { name: NAMES[seed % NAMES.length] }, wa_id: from }],
                messages: [
                  {
                    from,
                    id: wamid,
                    timestamp: String(Math.floor(Date.now() / 1000)),
                    text: { body: text },
                    type: 'text',
                  },
                ],
              },
              field: 'messages',
            },
          ],
        },
      ],
    });
  let text = '';
  for (let k = 0; Buffer.byteLength(envelope(text)) < BODY_BYTES - 40; k++)
    text += `${text ? ' ' : ''}${SENTENCES[(seed + k) % SENTENCES.length]}`;
  const json = envelope(text);
  return { body: Buffer.from(json), signature: signWebhook(json, account.appSecret), wamid, from };
}

/** Part 1's senders: a thousand clients. */
const ingestSender = (i: number) => `3461${String(1_000_000 + (i % 1000) * 37).padStart(7, '0')}`;

function makeDeliveries(account: Account, n: number, sender: (i: number) => string): Delivery[] {
  return Array.from({ length: n }, (_, i) => makeDelivery(account, sender(i), i));
}

// ---------------------------------------------------------------------------
// HTTP: one POST, its status or an error.

function post(agent: Agent, port: number, d: Delivery): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: HOST,
        port,
        method: 'POST',
        path: WEBHOOK_PATH,
        agent,
        headers: {
          'content-type': 'application/json',
          'content-length': d.body.length,
          'x-hub-signature-256': d.signature,
          'user-agent': 'facebookexternalua',
        },
      },
      (res) => {
        res.resume();
        res.once('end', () => resolve(res.statusCode ?? 0));
        res.once('error', reject);
      },
    );
    req.once('error', reject);
    req.end(d.body);
  });
}

class Outcomes {
  ok = 0;
  readonly statuses = new Map<number, number>();
  readonly errors = new Map<string, number>();
  add(status: number) {
    if (status === 200) this.ok += 1;
    else this.statuses.set(status, (this.statuses.get(status) ?? 0) + 1);
  }
  error(kind: string) {
    this.errors.set(kind, (this.errors.get(kind) ?? 0) + 1);
  }
  get non200() {
    let n = 0;
    for (const v of this.statuses.values()) n += v;
    return n;
  }
  get errorCount() {
    let n = 0;
    for (const v of this.errors.values()) n += v;
    return n;
  }
  describe() {
    const parts = [
      ...[...this.statuses].map(([s, n]) => `${n}× HTTP ${s}`),
      ...[...this.errors].map(([k, n]) => `${n}× ${k}`),
    ];
    return parts.join('; ') || 'none';
  }
}

interface OpenLoopResult {
  scheduled: number;
  outcomes: Outcomes;
  /** Scheduled send → end of the response, ms, for each 200. */
  latency: number[];
  /** Scheduled send → the request handed to the HTTP client, ms: the generator's own lateness. */
  sendLag: number[];
  /** First scheduled send → last answer, ms. */
  elapsedMs: number;
  /** Per delivery: scheduled send (performance.now()) and its answer's arrival (NaN when none). */
  scheduledAt: Float64Array;
  answeredAt: Float64Array;
}

/**
 * Sends `deliveries` at `rate` per second, each at its scheduled time whatever
 * the answers before it (open loop). Requests wait in the agent when all its
 * connections are busy: that wait is in the latency, which runs from the
 * scheduled time.
 */
async function openLoop(
  port: number,
  agent: Agent,
  deliveries: Delivery[],
  rate: number,
  label: string,
): Promise<OpenLoopResult> {
  const n = deliveries.length;
  const interval = 1000 / rate;
  const outcomes = new Outcomes();
  const latency: number[] = [];
  const sendLag: number[] = [];
  const scheduledAt = new Float64Array(n);
  const answeredAt = new Float64Array(n).fill(Number.NaN);
  let outstanding = 0;
  let lastAnswer = 0;
  const start = performance.now() + 5;
  for (let i = 0; i < n; i++) scheduledAt[i] = start + i * interval;

  const send = (i: number) => {
    const due = scheduledAt[i]!;
    sendLag.push(performance.now() - due);
    outstanding += 1;
    post(agent, port, deliveries[i]!).then(
      (status) => {
        const now = performance.now();
        outstanding -= 1;
        lastAnswer = now;
        answeredAt[i] = now;
        outcomes.add(status);
        if (status === 200) latency.push(now - due);
      },
      (err: Error & { code?: string }) => {
        outstanding -= 1;
        outcomes.error(`request error ${err.code ?? err.message}`);
      },
    );
  };

  let next = 0;
  let lastProgress = performance.now();
  await new Promise<void>((resolve) => {
    const tick = () => {
      const now = performance.now();
      while (next < n && scheduledAt[next]! <= now) send(next++);
      if (now - lastProgress >= 5000) {
        lastProgress = now;
        log(`${label}: ${next}/${n} sent, ${outcomes.ok} accepted, ${outstanding} waiting`);
      }
      if (next >= n) return resolve();
      // Sleep until about a millisecond before the next send (timers are at best 1 ms late).
      const wait = scheduledAt[next]! - performance.now();
      setTimeout(tick, wait > 2 ? wait - 1 : 0);
    };
    const wait = start - performance.now();
    if (wait > 0) setTimeout(tick, wait);
    else tick();
  });
  const drainUntil = performance.now() + DRAIN_TIMEOUT_MS;
  while (outstanding > 0 && performance.now() < drainUntil) await sleep(5);
  if (outstanding > 0) {
    outcomes.error(`no answer ${DRAIN_TIMEOUT_MS / 1000} s after the last send`);
    agent.destroy();
  }
  return {
    scheduled: n,
    outcomes,
    latency,
    sendLag,
    elapsedMs: Math.max(lastAnswer, scheduledAt[n - 1] ?? start) - start,
    scheduledAt,
    answeredAt,
  };
}

interface ClosedLoopResult {
  outcomes: Outcomes;
  latency: number[];
  elapsedMs: number;
  /** Deliveries signed during the run because the pool ran out. */
  signedOnTheFly: number;
}

/** `concurrency` senders, each sending the next delivery as soon as the last is answered, for `seconds`. */
async function closedLoop(
  port: number,
  pool: Delivery[],
  account: Account,
  concurrency: number,
  seconds: number,
): Promise<ClosedLoopResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency, maxFreeSockets: concurrency });
  const outcomes = new Outcomes();
  const latency: number[] = [];
  let taken = 0;
  let signedOnTheFly = 0;
  const next = () => {
    const d = pool[taken];
    taken += 1;
    if (d) return d;
    signedOnTheFly += 1;
    return makeDelivery(account, ingestSender(taken), taken);
  };
  const start = performance.now();
  const end = start + seconds * 1000;
  let last = start;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < end) {
        const d = next();
        const sentAt = performance.now();
        try {
          const status = await post(agent, port, d);
          const now = performance.now();
          last = now;
          outcomes.add(status);
          if (status === 200) latency.push(now - sentAt);
        } catch (err) {
          outcomes.error(`request error ${(err as { code?: string }).code ?? (err as Error).message}`);
          await sleep(10);
        }
      }
    }),
  );
  agent.destroy();
  return { outcomes, latency, elapsedMs: last - start, signedOnTheFly };
}

// ---------------------------------------------------------------------------
// Children

const children = new Set<ChildProcess>();

function spawnServer(kind: ChildKind): ChildProcess {
  // Nothing from the caller's shell (NODE_OPTIONS, DATABASE_URL...) leaks in and changes what is measured.
  const env: NodeJS.ProcessEnv = { BENCH_WHATSAPP_SERVER: kind };
  for (const key of ['PATH', 'HOME', 'LANG', 'TMPDIR']) if (process.env[key]) env[key] = process.env[key];
  if (settings.profileDir) env.BENCH_WHATSAPP_PROFILE_DIR = settings.profileDir;
  if (kind === 'app') {
    env.BENCH_PG_URL = settings.pgAdminUrl;
    env.BENCH_WHATSAPP_LOG_LEVEL = settings.logLevel;
    if (settings.db === 'pglite') env.BENCH_WHATSAPP_DB = 'pglite';
  }
  const child = spawn(process.execPath, ['--import', 'tsx', join(DIR, 'server-child.ts')], {
    cwd: DIR,
    env,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}

const { nextMessage, ask, stopChild } = childIpc<ChildMessage, ParentMessage>({ stopGraceMs: 40000 });

/** CPU so far (µs) per backend of the scratch database; undefined on PGlite or when /proc is not readable. */
const scratchBackendsCpu = async () =>
  settings.db === 'postgres' ? databaseBackendsCpu(settings.pgAdminUrl, SCRATCH) : undefined;

let cleaning: Promise<void> | undefined;
function cleanup() {
  cleaning ??= (async () => {
    await Promise.all([...children].map(stopChild));
    // The child drops the scratch database itself; this covers a child that was killed.
    if (settings.db === 'postgres')
      await adminQuery(settings.pgAdminUrl, `drop database if exists ${SCRATCH} with (force)`).catch(
        (err: unknown) => log(`could not drop ${SCRATCH}: ${err}`),
      );
  })();
  return cleaning;
}

// ---------------------------------------------------------------------------
// A measured window: the server's CPU and event loop, PostgreSQL's CPU, this
// process's CPU and everything else on the machine.

interface Window<R> {
  result: R;
  stats: WindowStats;
  /** Webhook jobs in the queue when the window started (app). */
  jobsBefore: number | null;
  pgCpuMs: number | undefined;
  loadCpuMs: number;
  /** Cores' worth of CPU used in the window by processes not part of the benchmark. */
  backgroundCores: number | null;
}

async function measured<R>(child: ChildProcess, label: string, run: () => Promise<R>): Promise<Window<R>> {
  const started = await ask(child, { type: 'window-start', label }, 'window-started');
  const pgBefore = await scratchBackendsCpu();
  const machineBefore = machineBusyMicros();
  const ownBefore = process.cpuUsage();
  const t0 = performance.now();
  const result = await run();
  const elapsedMicros = (performance.now() - t0) * 1000;
  const own = process.cpuUsage(ownBefore);
  const machineAfter = machineBusyMicros();
  const pgAfter = await scratchBackendsCpu();
  const { type: _type, profile, ...stats } = await ask(child, { type: 'window-end' }, 'window');
  if (profile) log(`CPU profile: ${profile}`);
  const pgCpuMs = backendsCpuDelta(pgBefore, pgAfter);
  const backgroundCores =
    machineBefore === undefined || machineAfter === undefined
      ? null
      : Math.max(
          0,
          machineAfter - machineBefore - stats.cpuMs * 1000 - own.user - own.system - (pgCpuMs ?? 0) * 1000,
        ) / elapsedMicros;
  return {
    result,
    stats,
    jobsBefore: started.webhookJobs,
    pgCpuMs,
    loadCpuMs: (own.user + own.system) / 1000,
    backgroundCores,
  };
}

// ---------------------------------------------------------------------------
// Part 2: inbound → AI reply.

interface E2eResult {
  workerQueue: string;
  deletedJobs: number;
  vacuumed: boolean;
  messages: number;
  senders: number;
  ack: number[];
  picked: number[];
  queued: number[];
  sent: number[];
  outcomes: Outcomes;
  missingReplies: number;
  jobErrors: string[];
  /** App-pool round trips per inbound message, worker included (recurring jobs too; not the queue's pool); null on PGlite. */
  roundTripsPerMessage: number | null;
}

async function endToEnd(child: ChildProcess, port: number, account: Account): Promise<E2eResult> {
  const separate = settings.e2eQueue === 'separate';
  const started = await ask(child, { type: 'start-worker', separateQueue: separate }, 'worker-started');
  const workerQueue = separate
    ? `its own queue (as a separate worker process: woken by polling every ${started.pollingIntervalSeconds} s)`
    : 'the api’s queue (as in `npm start`: an enqueue wakes the local worker at once)';
  log(
    `e2e: worker started on ${workerQueue}; ${started.deletedJobs} unprocessed deliveries from the ingest runs deleted${started.vacuumed ? ' and the job table vacuumed' : ''}`,
  );
  await sleep(1000);
  const n = settings.e2eMessages;
  // Sender k's phone: a new client each unless BENCH_WHATSAPP_E2E_SENDERS is smaller than the messages.
  const sender = (i: number) => `3462${String(2_000_000 + (i % settings.e2eSenders)).padStart(7, '0')}`;
  const deliveries = makeDeliveries(account, n, sender);
  const agent = new Agent({ keepAlive: true, maxSockets: 8, maxFreeSockets: 8 });
  log(`e2e: ${n} inbound messages from ${settings.e2eSenders} clients at ${settings.e2eRate}/s`);
  const run = await openLoop(port, agent, deliveries, settings.e2eRate, 'e2e');
  agent.destroy();

  // The reply to a client's k-th message is the k-th message that reached the fake Graph API for them.
  const order = new Map<string, number[]>();
  deliveries.forEach((d, i) => {
    const list = order.get(d.from) ?? [];
    list.push(i);
    order.set(d.from, list);
  });
  const replyIndex = new Int32Array(n);
  for (const list of order.values())
    list.forEach((i, k) => {
      replyIndex[i] = k;
    });

  let events = await ask(child, { type: 'e2e-events' }, 'e2e-events');
  const replied = () =>
    deliveries.filter((d, i) => events.sent[d.from]?.[replyIndex[i]!] !== undefined).length;
  const deadline = performance.now() + E2E_TIMEOUT_MS;
  let lastLog = performance.now();
  while (replied() < run.outcomes.ok && performance.now() < deadline) {
    await sleep(250);
    events = await ask(child, { type: 'e2e-events' }, 'e2e-events');
    if (performance.now() - lastLog > 5000) {
      lastLog = performance.now();
      log(`e2e: ${replied()}/${run.outcomes.ok} replies sent`);
    }
  }
  // Late replies to clients whose earlier reply is already counted would shift the matching: none expected.
  const ack: number[] = [];
  const picked: number[] = [];
  const queued: number[] = [];
  const sent: number[] = [];
  let missingReplies = 0;
  deliveries.forEach((d, i) => {
    if (Number.isNaN(run.answeredAt[i]!)) return;
    const t0 = epochMs(run.scheduledAt[i]!);
    ack.push(run.answeredAt[i]! - run.scheduledAt[i]!);
    const m = events.messages[d.wamid];
    if (m?.picked !== undefined) picked.push(m.picked - t0);
    if (m?.queued !== undefined) queued.push(m.queued - t0);
    const s = events.sent[d.from]?.[replyIndex[i]!];
    if (s === undefined) missingReplies += 1;
    else sent.push(s - t0);
  });
  log(`e2e: ${sent.length} replies sent, ${missingReplies} missing`);
  return {
    workerQueue,
    deletedJobs: started.deletedJobs,
    vacuumed: started.vacuumed,
    messages: n,
    senders: settings.e2eSenders,
    ack,
    picked,
    queued,
    sent,
    outcomes: run.outcomes,
    missingReplies,
    jobErrors: events.jobErrors,
    roundTripsPerMessage: events.appRoundTrips === null ? null : events.appRoundTrips / Math.max(1, n),
  };
}

// ---------------------------------------------------------------------------
// One server: warm up, open loop, closed loop (and, for the app, end to end).

interface PhaseResult {
  kind: ChildKind;
  database: string | null;
  queuePool: string | null;
  setupMs: number;
  open: Window<OpenLoopResult>;
  closed: Window<ClosedLoopResult> | null;
  e2e: E2eResult | null;
}

async function runPhase(
  kind: ChildKind,
  account: Account,
  warmup: Delivery[],
  measuredDeliveries: Delivery[],
  pool: Delivery[],
): Promise<PhaseResult> {
  log(`${kind}: starting the server`);
  const child = spawnServer(kind);
  try {
    const ready = await nextMessage(child, 'ready', 5 * 60_000);
    const setup = await ask(child, { type: 'setup', ...account }, 'setup-done', 2 * 60_000);
    if (kind === 'app')
      log(`app: on ${ready.database} (queue: ${ready.queuePool}); creator connected in ${setup.setupMs} ms`);
    const agent = new Agent({
      keepAlive: true,
      maxSockets: settings.connections,
      maxFreeSockets: settings.connections,
    });
    if (warmup.length) {
      log(`${kind}: warming up for ${settings.warmupSeconds} s at ${settings.rate} req/s`);
      const w = await openLoop(ready.port, agent, warmup, settings.rate, `${kind} warm-up`);
      if (w.outcomes.ok !== w.scheduled)
        log(`${kind}: warm-up answered ${w.outcomes.ok}/${w.scheduled} with 200 (${w.outcomes.describe()})`);
      await sleep(1000);
    }
    log(
      `${kind}: open loop, ${settings.rate} req/s for ${settings.seconds} s over ${settings.connections} connections`,
    );
    const open = await measured(child, 'open', () =>
      openLoop(ready.port, agent, measuredDeliveries, settings.rate, `${kind} open loop`),
    );
    agent.destroy();
    log(
      `${kind}: ${open.result.outcomes.ok}/${open.result.scheduled} accepted, p99 ${round(latency(open.result.latency).p99, 1)} ms`,
    );
    let closed: Window<ClosedLoopResult> | null = null;
    if (settings.closedSeconds > 0) {
      await sleep(1000);
      log(`${kind}: closed loop, ${settings.concurrency} concurrent for ${settings.closedSeconds} s`);
      closed = await measured(child, 'closed', () =>
        closedLoop(ready.port, pool, account, settings.concurrency, settings.closedSeconds),
      );
      log(
        `${kind}: ${round(closed.result.outcomes.ok / (closed.result.elapsedMs / 1000), 0)} req/s accepted`,
      );
    }
    const e2e =
      kind === 'app' && settings.e2eMessages > 0 ? await endToEnd(child, ready.port, account) : null;
    return {
      kind,
      database: ready.database,
      queuePool: ready.queuePool,
      setupMs: setup.setupMs,
      open,
      closed,
      e2e,
    };
  } finally {
    await stopChild(child);
  }
}

// ---------------------------------------------------------------------------
// Report

const met = (ok: boolean) => (ok ? 'met' : '**NOT met**');

function latency(xs: number[]) {
  const s = Float64Array.from(xs).sort();
  const p = (q: number) => round(percentile(s, q), 1);
  return {
    n: s.length,
    p50: p(50),
    p95: p(95),
    p99: p(99),
    max: s.length ? round(s[s.length - 1]!, 1) : Number.NaN,
  };
}
const fmt = (l: ReturnType<typeof latency>) => `${l.p50} / ${l.p95} / **${l.p99}** / ${l.max}`;
const fmt3 = (p: Percentiles | null) =>
  p === null || p.n === 0 ? '—' : `${round(p.p50, 2)} / ${round(p.p99, 1)} / ${round(p.max, 1)}`;
/** The generator kept its schedule when its own lateness stayed this small. */
const LATE_MS = 5;
const ratio = (a: number, b: number) => (a > 0 && b > 0 ? `${round(a / b, 2)}×` : '—');
const per = (total: number | null | undefined, n: number, digits = 3) =>
  total === null || total === undefined ? '—' : String(round(total / Math.max(1, n), digits));
const cores = (c: number | null) => (c === null ? '?' : String(round(c, 2)));

function report(bare: PhaseResult, app: PhaseResult, machine: string) {
  const b = bare.open.result;
  const a = app.open.result;
  const bLat = latency(b.latency);
  const aLat = latency(a.latency);
  const achieved = (r: OpenLoopResult) => r.outcomes.ok / (r.elapsedMs / 1000);
  const errors = (r: { outcomes: Outcomes }) => r.outcomes.non200 + r.outcomes.errorCount;
  const cpuPerReq = (w: Window<OpenLoopResult>) => w.stats.cpuMs / Math.max(1, w.result.scheduled);
  const aAchieved = achieved(a);
  const appErrors = errors(a);
  const jobsStored =
    app.open.stats.webhookJobs !== null && app.open.jobsBefore !== null
      ? app.open.stats.webhookJobs - app.open.jobsBefore
      : null;
  const roundTrips = (w: Window<OpenLoopResult> | Window<ClosedLoopResult>, n: number) =>
    w.stats.appRoundTrips === null
      ? settings.db === 'pglite'
        ? 'none (PGlite, in process)'
        : '—'
      : `${per(w.stats.appRoundTrips, n, 2)} app pool + ${per(w.stats.queueRoundTrips, n, 2)} queue pool`;
  const atTarget = settings.rate === TARGETS.rate;
  const generatorVerdict = (...runs: OpenLoopResult[]) =>
    runs.every((r) => latency(r.sendLag).p99 <= LATE_MS)
      ? 'the schedule held'
      : '**the generator ran late** (a busy machine?): its lateness is in the latencies';
  const lines = [
    `WhatsApp webhook ingest: signed ~${BODY_BYTES} B text-message deliveries (Meta’s shape, distinct wamids, HMAC-SHA256 computed before the run) POSTed to one api node on loopback. ${machine}. App on ${app.database}, job queue on ${app.queuePool}; memory cache and pub/sub; offline AI; app log level ${settings.logLevel}${settings.logLevel === 'silent' ? '' : ' (to /dev/null)'}. No worker during the ingest runs: what is measured is the acknowledgement (route by phone number id, signature check, one job stored).`,
    '',
    `Open loop: ${settings.rate} req/s for ${settings.seconds} s after a ${settings.warmupSeconds} s warm-up, over up to ${settings.connections} keep-alive connections; latency from each request’s scheduled send time to the end of its response.${atTarget ? '' : ` **The target is stated at ${TARGETS.rate} req/s; this run offered ${settings.rate}.**`}`,
    '',
    '| | bare Fastify + same HMAC (floor) | Compañero `POST /api/v1/whatsapp/webhook` | app / bare | target |',
    '|---|---:|---:|---:|---|',
    `| requests scheduled / answered 200 | ${b.scheduled} / ${b.outcomes.ok} | ${a.scheduled} / ${a.outcomes.ok} | | |`,
    `| non-200 / request errors | ${b.outcomes.non200} / ${b.outcomes.errorCount} | **${a.outcomes.non200} / ${a.outcomes.errorCount}** | | ${TARGETS.errors}: ${met(appErrors <= TARGETS.errors)} |`,
    `| achieved rate (200s per second, first send → last answer) | ${round(achieved(b), 1)} | ${round(aAchieved, 1)} | | ≥ ${round(settings.rate * 0.99, 0)}: ${met(aAchieved >= settings.rate * 0.99)} |`,
    `| **ack latency** p50 / p95 / **p99** / max (ms) | ${fmt(bLat)} | ${fmt(aLat)} | ${ratio(aLat.p99, bLat.p99)} (p99) | p99 ≤ ${TARGETS.p99Ms} ms${atTarget ? '' : ` (at ${TARGETS.rate} req/s)`}: ${met(aLat.p99 <= TARGETS.p99Ms && a.latency.length > 0)} |`,
    `| inside the server (request event → response finished) p50 / p99 / max (ms) | ${fmt3(bare.open.stats.serverMs)} | ${fmt3(app.open.stats.serverMs)} | | |`,
    `| of which storing the job (enqueue: pool wait + INSERT) p50 / p99 / max (ms) | — | ${fmt3(app.open.stats.enqueueMs)} | | |`,
    `| generator lateness (scheduled → handed to the HTTP client) p99 / max (ms) | ${round(latency(b.sendLag).p99, 2)} / ${round(latency(b.sendLag).max, 1)} | ${round(latency(a.sendLag).p99, 2)} / ${round(latency(a.sendLag).max, 1)} | | p99 ≤ ${LATE_MS} ms: ${generatorVerdict(b, a)} |`,
    `| server CPU per request (ms), share of a core | ${round(cpuPerReq(bare.open), 3)} (${Math.round((bare.open.stats.cpuMs / b.elapsedMs) * 100)}%) | ${round(cpuPerReq(app.open), 3)} (${Math.round((app.open.stats.cpuMs / a.elapsedMs) * 100)}%) | ${ratio(cpuPerReq(app.open), cpuPerReq(bare.open))} | |`,
    `| PostgreSQL CPU per request (ms) | — | ${app.open.pgCpuMs === undefined ? (settings.db === 'pglite' ? 'in the server (PGlite)' : '?') : per(app.open.pgCpuMs, a.scheduled)} | | |`,
    `| database round trips per request | — | ${roundTrips(app.open, a.scheduled)} | | |`,
    `| webhook jobs stored in the window | — | ${jobsStored ?? '—'} | | = answered 200: ${jobsStored === null ? '?' : met(jobsStored === a.outcomes.ok)} |`,
    `| server event-loop delay beyond the 10 ms sampling, p99 / max (ms) | ${round(bare.open.stats.loopDelayP99Ms, 1)} / ${round(bare.open.stats.loopDelayMaxMs, 1)} | ${round(app.open.stats.loopDelayP99Ms, 1)} / ${round(app.open.stats.loopDelayMaxMs, 1)} | | |`,
    `| load generator CPU per request (ms) | ${per(bare.open.loadCpuMs, b.scheduled)} | ${per(app.open.loadCpuMs, a.scheduled)} | | |`,
    `| other processes on the machine (cores busy) | ${cores(bare.open.backgroundCores)} | ${cores(app.open.backgroundCores)} | | ≈ 0 for a clean run |`,
    '',
    `Errors: bare — ${b.outcomes.describe()}; app — ${a.outcomes.describe()}.`,
  ];
  if (bare.closed && app.closed) {
    const bc = bare.closed.result;
    const ac = app.closed.result;
    const rps = (r: ClosedLoopResult) => r.outcomes.ok / (r.elapsedMs / 1000);
    const bcl = latency(bc.latency);
    const acl = latency(ac.latency);
    const cpu = (w: Window<ClosedLoopResult>) =>
      w.stats.cpuMs / Math.max(1, w.result.outcomes.ok + w.result.outcomes.non200);
    const n = ac.outcomes.ok + ac.outcomes.non200;
    lines.push(
      '',
      `Closed loop (most the node sustains): ${settings.concurrency} concurrent senders for ${settings.closedSeconds} s, each sending its next delivery when the last is answered; latency from send.`,
      '',
      '| | bare (floor) | app | app / bare |',
      '|---|---:|---:|---:|',
      `| **accepted per second** | ${round(rps(bc), 0)} | **${round(rps(ac), 0)}** | ${ratio(rps(ac), rps(bc))} |`,
      `| latency p50 / p95 / p99 / max (ms) | ${fmt(bcl)} | ${fmt(acl)} | ${ratio(acl.p99, bcl.p99)} (p99) |`,
      `| inside the server p50 / p99 / max (ms) | ${fmt3(bare.closed.stats.serverMs)} | ${fmt3(app.closed.stats.serverMs)} | |`,
      `| of which storing the job p50 / p99 / max (ms) | — | ${fmt3(app.closed.stats.enqueueMs)} | |`,
      `| non-200 / request errors | ${bc.outcomes.non200} / ${bc.outcomes.errorCount} | ${ac.outcomes.non200} / ${ac.outcomes.errorCount} | |`,
      `| server CPU per request (ms), share of a core | ${round(cpu(bare.closed), 3)} (${Math.round((bare.closed.stats.cpuMs / bc.elapsedMs) * 100)}%) | ${round(cpu(app.closed), 3)} (${Math.round((app.closed.stats.cpuMs / ac.elapsedMs) * 100)}%) | ${ratio(cpu(app.closed), cpu(bare.closed))} |`,
      `| PostgreSQL CPU per request (ms) | — | ${app.closed.pgCpuMs === undefined ? (settings.db === 'pglite' ? 'in the server' : '?') : per(app.closed.pgCpuMs, n)} | |`,
      `| database round trips per request | — | ${roundTrips(app.closed, n)} | |`,
      `| other processes on the machine (cores busy) | ${cores(bare.closed.backgroundCores)} | ${cores(app.closed.backgroundCores)} | |`,
    );
    const onTheFly = bc.signedOnTheFly + ac.signedOnTheFly;
    if (onTheFly)
      lines.push(
        '',
        `The ${closedLoopPool(settings.closedSeconds)} presigned deliveries ran out: ${bc.signedOnTheFly} (bare) and ${ac.signedOnTheFly} (app) were signed during the run, in the generator.`,
      );
    if (ac.outcomes.errorCount || bc.outcomes.errorCount)
      lines.push(
        '',
        `Closed-loop errors: bare — ${bc.outcomes.describe()}; app — ${ac.outcomes.describe()}.`,
      );
  }
  const e = app.e2e;
  if (e) {
    const row = (label: string, xs: number[]) => {
      const l = latency(xs);
      return `| ${label} | ${l.n} | ${l.p50} | ${l.p95} | **${l.p99}** | ${l.max} |`;
    };
    lines.push(
      '',
      `End to end: the worker role started in the app’s process on ${e.workerQueue}; ${e.deletedJobs} deliveries left by the ingest runs were deleted first${e.vacuumed ? ' (and the job table vacuumed)' : ''}, so the worker starts on an empty queue. ${e.messages} inbound text messages from ${e.senders === e.messages ? `${e.senders} new clients (one each: a new contact and conversation every time)` : `${e.senders} clients (the reply to a client’s k-th message is taken to be the k-th message sent to them)`} at ${settings.e2eRate}/s; offline AI (no model: the built-in composer, no knowledge base), so the figures are the platform’s own, not a model’s. Times from each POST’s scheduled send; the later steps are stamped in the server process (same clock).`,
      '',
      '| inbound → | n | p50 (ms) | p95 | p99 | max |',
      '|---|---:|---:|---:|---:|---:|',
      row('webhook acknowledged (200)', e.ack),
      row('webhook job started by the worker', e.picked),
      row('**AI reply queued** (its send job stored)', e.queued),
      row('**AI reply sent** (reached the fake Graph API)', e.sent),
      '',
      `${e.roundTripsPerMessage === null ? '' : `Database round trips per inbound message on the app’s pool (worker included, the queue’s own pool not): ${round(e.roundTripsPerMessage, 1)}. `}Replies missing ${E2E_TIMEOUT_MS / 1000} s after the last message: ${e.missingReplies}${e.missingReplies ? ' (**NOT met**: every message should be answered)' : ''}. Webhook errors: ${e.outcomes.describe()}. Failed job attempts: ${e.jobErrors.length ? e.jobErrors.slice(0, 5).join('; ') : 'none'}.`,
    );
    if (settings.e2eRate > 20)
      lines.push(
        '',
        'Over 20 replies a second the sender’s per-number throttle (the account’s default messagesPerSecond, 20) delays replies: that is in the "sent" line.',
      );
  }
  lines.push(
    '',
    'Latency is measured in this process, which is also the load generator (same machine, loopback): its own lateness is in every figure, for both servers alike (the generator-lateness line shows it). "Inside the server" runs from Node’s request event to the response’s finish; what the sender sees beyond it is time on the wire and in socket buffers, mostly waiting for a busy (or descheduled) event loop. The bare server reads the raw body, parses it, finds the secret by phone number id and checks the HMAC as the app does, without plugins, hooks or a database. The app’s figures include storing each delivery as a job (pg-boss INSERT, one commit each). "Other processes" is the machine’s busy CPU minus the server, PostgreSQL’s backends for the scratch database and this process: above ~0.1 core the run was shared with other work.',
  );
  if (settings.profileDir)
    lines.push(
      '',
      `**Profiled run** (BENCH_WHATSAPP_PROFILE_DIR): the servers were CPU-profiled in every measured window, which slows them; do not compare these figures with unprofiled runs.`,
    );
  if (app.database?.startsWith('PGlite'))
    lines.push(
      '',
      'On PGlite the database runs inside the server process: its CPU is in the server’s, and its queries block the server’s event loop.',
    );
  process.stdout.write(`${lines.join('\n').trimEnd()}\n`);
}

// ---------------------------------------------------------------------------

async function main() {
  if (settings.db === 'postgres' && new URL(settings.pgAdminUrl).hostname !== HOST)
    throw new Error(`BENCH_PG_URL must point at ${HOST}`);
  let pgVersion = '';
  if (settings.db === 'postgres') {
    // Fail now rather than after the baseline when PostgreSQL is not there.
    const { rows } = await adminQuery(settings.pgAdminUrl, 'show server_version');
    pgVersion = `, PostgreSQL ${(rows[0] as { server_version: string }).server_version.split(' ')[0]}`;
  }
  process.once('SIGINT', () => {
    log('interrupted: stopping the servers');
    void cleanup().finally(() => process.exit(130));
  });
  process.once('SIGTERM', () => void cleanup().finally(() => process.exit(143)));

  const account: Account = {
    phoneNumberId: `1${String(Date.now()).slice(-12)}`,
    appSecret: randomBytes(16).toString('hex'),
    accessToken: `EAAG${randomBytes(24).toString('base64url')}`,
  };
  const t0 = performance.now();
  const warmup = makeDeliveries(account, settings.warmupSeconds * settings.rate, ingestSender);
  const measuredDeliveries = makeDeliveries(account, settings.seconds * settings.rate, ingestSender);
  const pool = makeDeliveries(account, closedLoopPool(settings.closedSeconds), ingestSender);
  const sizes = measuredDeliveries.map((d) => d.body.length);
  log(
    `signed ${warmup.length + measuredDeliveries.length + pool.length} deliveries (${Math.min(...sizes)}–${Math.max(...sizes)} B) in ${Math.round(performance.now() - t0)} ms`,
  );
  const machine = `${availableParallelism()} cores (${cpus()[0]?.model.trim() ?? 'unknown CPU'}), Node ${process.version}${pgVersion}`;
  try {
    const bare = await runPhase('bare', account, warmup, measuredDeliveries, pool);
    const app = await runPhase('app', account, warmup, measuredDeliveries, pool);
    report(bare, app, machine);
  } finally {
    await cleanup();
  }
}

main().catch((err) => {
  log(`failed: ${err instanceof Error ? err.stack : err}`);
  process.exitCode = 1;
});
