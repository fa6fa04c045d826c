// Widget realtime benchmark: many concurrent widget WebSockets on one api node,
// load generator on loopback. Target (the issue): 10,000 connections, each
// sending a message every 30 s, p99 delivery ≤ 100 ms with no errors and
// ≤ 15 KB of server RSS per connection (a bare `ws` server: about 7 KB).
//
//   npm run bench:widget-connections -w @companero/bench
//   BENCH_WIDGET_CONNECTIONS=10000 BENCH_WIDGET_SECONDS=60 BENCH_WIDGET_PERIOD_SECONDS=30
//   BENCH_WIDGET_DB=pglite (default: PostgreSQL at BENCH_PG_URL), REDIS_URL=redis://... (cache and pub/sub)
//
// Each server runs in a child process (server-child.ts) so that its RSS is its
// own: first a bare `ws` server (the floor), then the app. This process opens
// the clients in batches, measures the child's RSS (after full collections)
// before and after, then sends messages with a random phase per client and
// times send → ack (and, for the app, send → the stored message coming back
// through pub/sub). The conversations are handed to a human first, so no AI
// reply is composed: what is measured is the gateway, message storage and
// fan-out; the cost of replies is bench:assistant's.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { adminQuery } from '@companero/db/testing';
import WebSocket from 'ws';
import { backendsCpuDelta, childIpc, databaseBackendsCpu } from '../child-ipc.ts';
import { machineBusyMicros } from '../cpu.ts';
import { percentile, round } from '../stats.ts';
import type {
  BenchSession,
  ChildKind,
  ChildMessage,
  MemoryReading,
  ParentMessage,
  WindowStats,
} from './protocol.ts';

const DIR = dirname(fileURLToPath(import.meta.url));
const HOST = '127.0.0.1';
const ORIGIN = 'https://bench.example';
const SCRATCH = 'companero_bench_widget';
const BATCH = 500;
const HANDSHAKE_TIMEOUT_MS = 15_000;
/** A message not acknowledged (or not echoed) this long after it was sent is an error. */
const DELIVERY_TIMEOUT_MS = 5_000;
/** File descriptors besides the sockets (database pool, job queue, stdio, Redis...). */
const FD_HEADROOM = 256;
const TARGETS = { p99Ms: 100, kbPerConnection: 15, errors: 0 };
/** What server-child.ts configures (the contract's maximum); over it messages are refused. */
const WIDGET_MESSAGES_PER_MINUTE = 100_000;

function int(name: string, fallback: number) {
  const raw = process.env[name];
  const n = raw ? Number(raw) : fallback;
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a positive integer, got ${raw}`);
  return n;
}
const settings = {
  connections: int('BENCH_WIDGET_CONNECTIONS', 10_000),
  seconds: int('BENCH_WIDGET_SECONDS', 60),
  periodSeconds: int('BENCH_WIDGET_PERIOD_SECONDS', 30),
  db: process.env.BENCH_WIDGET_DB === 'pglite' ? ('pglite' as const) : ('postgres' as const),
  pgAdminUrl: process.env.BENCH_PG_URL ?? `postgres://postgres@${HOST}:5432/postgres`,
  redisUrl: process.env.REDIS_URL || undefined,
};
const log = (m: string) => process.stderr.write(`[bench:widget-connections] ${m}\n`);

/** Fails before starting anything when N sockets cannot fit in this machine's limits. */
function checkLimits(n: number) {
  const perMinute = Math.ceil((n * 60) / settings.periodSeconds);
  if (perMinute > WIDGET_MESSAGES_PER_MINUTE)
    throw new Error(
      `${n} connections sending every ${settings.periodSeconds} s is ${perMinute} messages a minute, over the widget's limit (${WIDGET_MESSAGES_PER_MINUTE}, the most a creator can set): raise BENCH_WIDGET_PERIOD_SECONDS`,
    );
  if (settings.db === 'postgres' && new URL(settings.pgAdminUrl).hostname !== HOST)
    throw new Error(`BENCH_PG_URL must point at ${HOST}`);
  const soft = execFileSync('sh', ['-c', 'ulimit -n'], { encoding: 'utf8' }).trim();
  const limit = soft === 'unlimited' ? Number.POSITIVE_INFINITY : Number(soft);
  // Each side of a loopback connection is a descriptor: the clients here, the server in the child.
  if (!(limit >= n + FD_HEADROOM))
    throw new Error(
      `ulimit -n is ${soft}: ${n} connections need at least ${n + FD_HEADROOM} open files in this process and in the server. Raise it (ulimit -n ${n + FD_HEADROOM + 1000}) or lower BENCH_WIDGET_CONNECTIONS.`,
    );
  const rangeFile = '/proc/sys/net/ipv4/ip_local_port_range';
  if (existsSync(rangeFile)) {
    const [low, high] = readFileSync(rangeFile, 'utf8').trim().split(/\s+/).map(Number);
    const ports = high! - low! + 1;
    if (ports < n + 1000)
      throw new Error(
        `${rangeFile} allows ${ports} client ports; ${n} connections need more (widen the range or lower BENCH_WIDGET_CONNECTIONS)`,
      );
  }
}

// ---------------------------------------------------------------------------
// Children

const children = new Set<ChildProcess>();

function spawnServer(kind: ChildKind): ChildProcess {
  // Nothing from the caller's shell (NODE_OPTIONS, DATABASE_URL...) leaks in and changes what is measured.
  const env: NodeJS.ProcessEnv = { BENCH_WIDGET_SERVER: kind };
  for (const key of ['PATH', 'HOME', 'LANG', 'TMPDIR']) if (process.env[key]) env[key] = process.env[key];
  if (kind === 'app') {
    env.BENCH_PG_URL = settings.pgAdminUrl;
    if (settings.db === 'pglite') env.BENCH_WIDGET_DB = 'pglite';
    if (settings.redisUrl) env.REDIS_URL = settings.redisUrl;
  }
  const child = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', join(DIR, 'server-child.ts')], {
    cwd: DIR,
    env,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}

const { nextMessage, ask, stopChild } = childIpc<ChildMessage, ParentMessage>({ stopGraceMs: 20000 });

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
// Clients

interface Pending {
  client: number;
  sentAt: number;
  acked: boolean;
  /** Only the app echoes the stored message back through pub/sub. */
  echoed: boolean;
}

class Recorder {
  readonly ack: number[] = [];
  readonly echo: number[] = [];
  readonly pending = new Map<string, Pending>();
  readonly errors = new Map<string, number>();
  sent = 0;

  constructor(readonly expectEcho: boolean) {}

  error(kind: string) {
    this.errors.set(kind, (this.errors.get(kind) ?? 0) + 1);
  }
  get errorCount() {
    let n = 0;
    for (const v of this.errors.values()) n += v;
    return n;
  }
  private settle(id: string, p: Pending) {
    if (p.acked && (p.echoed || !this.expectEcho)) this.pending.delete(id);
  }
  onAck(id: string, now: number) {
    const p = this.pending.get(id);
    if (!p || p.acked) return;
    p.acked = true;
    this.ack.push(now - p.sentAt);
    this.settle(id, p);
  }
  onEcho(id: string, now: number) {
    const p = this.pending.get(id);
    if (!p || p.echoed) return;
    p.echoed = true;
    this.echo.push(now - p.sentAt);
    this.settle(id, p);
  }
  /** Messages waiting longer than the timeout become errors. */
  expire(now: number, timeoutMs = DELIVERY_TIMEOUT_MS) {
    for (const [id, p] of this.pending) {
      if (now - p.sentAt <= timeoutMs) continue;
      this.error(p.acked ? 'timeout: no echoed message in 5 s' : 'timeout: no ack in 5 s');
      this.pending.delete(id);
    }
  }
  dropClient(client: number) {
    for (const [id, p] of this.pending) if (p.client === client) this.pending.delete(id);
  }
}

interface Client {
  index: number;
  ws: WebSocket;
  seq: number;
  timer?: NodeJS.Timeout;
}

type Frame = {
  type: string;
  clientMessageId?: string;
  code?: string;
  message?: { clientMessageId?: string | null };
};

/**
 * Opens one widget socket and resolves once it is usable: after `ready` (bare),
 * or after `ready`, `resume {after: null}` and `synced` (app), as the widget does.
 */
function openClient(
  kind: ChildKind,
  port: number,
  session: BenchSession,
  index: number,
  recorder: Recorder,
  closing: { value: boolean },
): Promise<Client> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(
      `ws://${HOST}:${port}/api/v1/widget/live`,
      ['companero.v1', `bearer.${session.token}`],
      { origin: ORIGIN, perMessageDeflate: false, handshakeTimeout: HANDSHAKE_TIMEOUT_MS },
    );
    const client: Client = { index, ws, seq: 0 };
    let state: 'connecting' | 'usable' | 'failed' = 'connecting';
    const timer = setTimeout(() => fail(new Error('not usable within 15 s')), HANDSHAKE_TIMEOUT_MS);
    function fail(err: Error) {
      if (state !== 'connecting') return;
      state = 'failed';
      clearTimeout(timer);
      ws.terminate();
      reject(err);
    }
    function ok() {
      if (state !== 'connecting') return;
      state = 'usable';
      clearTimeout(timer);
      resolve(client);
    }
    ws.on('error', (err) => fail(err));
    ws.on('close', (code) => {
      if (state === 'connecting') return fail(new Error(`closed ${code} before it was usable`));
      if (state === 'failed' || closing.value) return;
      recorder.error(`socket closed by the server (${code})`);
      recorder.dropClient(index);
      clearTimeout(client.timer);
    });
    ws.on('message', (raw) => {
      const now = performance.now();
      let frame: Frame;
      try {
        frame = JSON.parse(String(raw)) as Frame;
      } catch {
        recorder.error('unparsable frame');
        return;
      }
      switch (frame.type) {
        case 'ready':
          if (kind === 'bare') ok();
          else ws.send(JSON.stringify({ type: 'resume', after: null }));
          return;
        case 'synced':
          ok();
          return;
        case 'ack':
          if (frame.clientMessageId) recorder.onAck(frame.clientMessageId, now);
          return;
        case 'message':
          if (frame.message?.clientMessageId) recorder.onEcho(frame.message.clientMessageId, now);
          return;
        case 'error':
          if (state === 'connecting') return fail(new Error(`error frame ${frame.code}`));
          recorder.error(`error frame ${frame.code}`);
          if (frame.clientMessageId) recorder.pending.delete(frame.clientMessageId);
          return;
        default:
          return; // status, read, typing...
      }
    });
  });
}

async function openAll(
  kind: ChildKind,
  port: number,
  sessions: BenchSession[],
  offset: number,
  recorder: Recorder,
  closing: { value: boolean },
) {
  const clients: Client[] = [];
  const started = performance.now();
  for (let from = 0; from < sessions.length; from += BATCH) {
    const batch = sessions.slice(from, from + BATCH);
    const results = await Promise.allSettled(
      batch.map((s, i) => openClient(kind, port, s, offset + from + i, recorder, closing)),
    );
    for (const r of results) {
      if (r.status === 'fulfilled') clients.push(r.value);
      else {
        recorder.error(`connect: ${r.reason instanceof Error ? r.reason.message : r.reason}`);
      }
    }
    log(`${kind}: ${offset + clients.length}/${settings.connections} connections open`);
  }
  return { clients, seconds: (performance.now() - started) / 1000 };
}

/** Every client sends a message every period, first at a random point of the first period. */
async function sendFor(kind: ChildKind, clients: Client[], recorder: Recorder) {
  const periodMs = settings.periodSeconds * 1000;
  const start = performance.now();
  const end = start + settings.seconds * 1000;
  const send = (c: Client) => {
    if (c.ws.readyState !== WebSocket.OPEN) return;
    c.seq += 1;
    const id = `${kind}-${c.index}-${c.seq}-${randomBytes(3).toString('hex')}`;
    recorder.pending.set(id, { client: c.index, sentAt: performance.now(), acked: false, echoed: false });
    recorder.sent += 1;
    c.ws.send(
      JSON.stringify({
        type: 'message',
        clientMessageId: id,
        content: `Walked ${20 + (c.seq % 40)} minutes today, day ${c.seq} of the plan (visitor ${c.index})`,
      }),
    );
  };
  for (const c of clients) {
    const first = start + Math.random() * periodMs;
    let k = 0;
    const tick = () => {
      send(c);
      k += 1;
      const at = first + k * periodMs;
      if (at < end) c.timer = setTimeout(tick, Math.max(0, at - performance.now()));
    };
    if (first < end) c.timer = setTimeout(tick, first - start);
  }
  const expiry = setInterval(() => recorder.expire(performance.now()), 250);
  let lastReport = start;
  while (performance.now() < end) {
    await new Promise((resolve) => setTimeout(resolve, 1000));
    if (performance.now() - lastReport >= 10_000) {
      lastReport = performance.now();
      log(
        `${kind}: ${Math.round((lastReport - start) / 1000)} s, ${recorder.sent} sent, ${recorder.ack.length} acked, ${recorder.errorCount} errors`,
      );
    }
  }
  for (const c of clients) clearTimeout(c.timer);
  // The last messages: wait for their answers (up to the timeout), then count what is missing.
  const drainUntil = performance.now() + DELIVERY_TIMEOUT_MS + 500;
  while (recorder.pending.size && performance.now() < drainUntil)
    await new Promise((resolve) => setTimeout(resolve, 100));
  clearInterval(expiry);
  recorder.expire(Number.POSITIVE_INFINITY, -1);
}

/**
 * The measured clients do not offer permessage-deflate; browsers always do. One
 * more socket offers it, to show whether the server would compress (it should not).
 */
async function probeDeflate(kind: ChildKind, port: number, session: BenchSession): Promise<string> {
  const ws = new WebSocket(
    `ws://${HOST}:${port}/api/v1/widget/live`,
    ['companero.v1', `bearer.${session.token}`],
    { origin: ORIGIN, perMessageDeflate: true, handshakeTimeout: HANDSHAKE_TIMEOUT_MS },
  );
  try {
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    return ws.extensions ? `accepted (${ws.extensions})` : 'declined';
  } catch (err) {
    return `probe failed (${kind}): ${err instanceof Error ? err.message : err}`;
  } finally {
    ws.terminate();
  }
}

async function closeAll(clients: Client[], closing: { value: boolean }) {
  closing.value = true;
  await Promise.all(
    clients.map(
      (c) =>
        new Promise<void>((resolve) => {
          if (c.ws.readyState === WebSocket.CLOSED) return resolve();
          const t = setTimeout(() => {
            c.ws.terminate();
            resolve();
          }, 5000);
          c.ws.once('close', () => {
            clearTimeout(t);
            resolve();
          });
          c.ws.close(1000);
        }),
    ),
  );
}

// ---------------------------------------------------------------------------
// One server: connect, measure memory, send, measure latency.

interface PhaseResult {
  kind: ChildKind;
  database: string | null;
  pubsub: string | null;
  setupSeconds: number | null;
  open: number;
  /** Connections open at the halfway reading. */
  openAtMiddle: number;
  connectSeconds: number;
  before: MemoryReading;
  middle: MemoryReading;
  after: MemoryReading;
  afterLoad: MemoryReading;
  window: WindowStats;
  recorder: Recorder;
  /** What the server answered a client that offers permessage-deflate, as browsers do. */
  deflate: string;
  /** CPU of the PostgreSQL backends serving the scratch database in the window (PostgreSQL only). */
  pgCpuMs: number | undefined;
  /** CPU of this process (the load generator) in the window. */
  loadCpuMs: number;
  /** Cores' worth of CPU used in the window by processes not part of the benchmark. */
  backgroundCores: number | null;
}

async function runPhase(kind: ChildKind): Promise<PhaseResult> {
  const n = settings.connections;
  log(`${kind}: starting the server`);
  const child = spawnServer(kind);
  try {
    const ready = await nextMessage(child, 'ready', 10 * 60_000);
    let sessions: BenchSession[];
    let setupSeconds: number | null = null;
    if (kind === 'app') {
      log(`app: on ${ready.database}, pub/sub ${ready.pubsub}; creating ${n} visitor sessions`);
      const answer = await ask(
        child,
        { type: 'setup', connections: n, origin: ORIGIN },
        'sessions',
        30 * 60_000,
      );
      sessions = answer.sessions;
      setupSeconds = answer.setupSeconds;
      log(`app: ${sessions.length} sessions in ${setupSeconds} s`);
    } else {
      // Same handshake size as the app's: a token-like subprotocol the bare server ignores.
      const token = randomBytes(300).toString('base64url');
      sessions = Array.from({ length: n }, () => ({ token, conversationId: '' }));
    }
    const before = await ask(child, { type: 'memory' }, 'memory');
    const recorder = new Recorder(kind === 'app');
    // Memory is read again halfway: the second half's slope is not flattered by pages freed during setup.
    const half = Math.ceil(n / 2);
    const closing = { value: false };
    const first = await openAll(kind, ready.port, sessions.slice(0, half), 0, recorder, closing);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const middle = await ask(child, { type: 'memory' }, 'memory');
    const second = await openAll(kind, ready.port, sessions.slice(half), half, recorder, closing);
    const clients = [...first.clients, ...second.clients];
    const probeSession = sessions[0]!;
    const connectSeconds = first.seconds + second.seconds;
    sessions = [];
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const after = await ask(child, { type: 'memory' }, 'memory');
    log(
      `${kind}: ${clients.length} open in ${round(connectSeconds, 1)} s; server RSS ${mb(before.rss)} → ${mb(after.rss)} MB`,
    );
    const pgBefore = kind === 'app' ? await scratchBackendsCpu() : undefined;
    const machineBefore = machineBusyMicros();
    const ownBefore = process.cpuUsage();
    const windowStarted = performance.now();
    child.send({ type: 'window-start' } satisfies ParentMessage);
    log(
      `${kind}: sending for ${settings.seconds} s, one message per connection every ${settings.periodSeconds} s`,
    );
    await sendFor(kind, clients, recorder);
    const window = await ask(child, { type: 'window-end' }, 'window');
    const elapsedMicros = (performance.now() - windowStarted) * 1000;
    const pgAfter = kind === 'app' ? await scratchBackendsCpu() : undefined;
    const machineAfter = machineBusyMicros();
    const own = process.cpuUsage(ownBefore);
    const pgCpuMs = backendsCpuDelta(pgBefore, pgAfter);
    const backgroundCores =
      machineBefore === undefined || machineAfter === undefined
        ? null
        : Math.max(
            0,
            machineAfter -
              machineBefore -
              window.cpuMs * 1000 -
              own.user -
              own.system -
              (pgCpuMs ?? 0) * 1000,
          ) / elapsedMicros;
    const afterLoad = await ask(child, { type: 'memory' }, 'memory');
    const deflate = await probeDeflate(kind, ready.port, probeSession);
    await closeAll(clients, closing);
    log(
      `${kind}: ${recorder.sent} sent, ${recorder.ack.length} acked, ${recorder.errorCount} errors; closed`,
    );
    return {
      kind,
      database: ready.database,
      pubsub: ready.pubsub,
      setupSeconds,
      open: clients.length,
      openAtMiddle: first.clients.length,
      connectSeconds,
      before,
      middle,
      after,
      afterLoad,
      window,
      recorder,
      deflate,
      pgCpuMs,
      loadCpuMs: (own.user + own.system) / 1000,
      backgroundCores,
    };
  } finally {
    await stopChild(child);
  }
}

// ---------------------------------------------------------------------------
// Report

const mb = (bytes: number) => round(bytes / 1024 / 1024, 1);
const kbPer = (bytes: number, n: number) => (n ? round(bytes / 1024 / n, 2) : Number.NaN);
const met = (ok: boolean) => (ok ? 'met' : '**NOT met**');

function latency(xs: number[]) {
  const s = Float64Array.from(xs).sort();
  const p = (q: number) => round(percentile(s, q), 1);
  return { p50: p(50), p95: p(95), p99: p(99), max: s.length ? round(s[s.length - 1]!, 1) : Number.NaN };
}
const fmt = (l: ReturnType<typeof latency>) => `${l.p50} / ${l.p95} / **${l.p99}** / ${l.max}`;
const errorsOf = (r: Recorder) => [...r.errors].map(([kind, n]) => `${n}× ${kind}`).join('; ') || 'none';

function report(bare: PhaseResult, app: PhaseResult) {
  const n = settings.connections;
  const perConn = (r: PhaseResult) => kbPer(r.after.rss - r.before.rss, r.open);
  const secondHalf = (r: PhaseResult) => kbPer(r.after.rss - r.middle.rss, r.open - r.openAtMiddle);
  const heapPerConn = (r: PhaseResult) =>
    kbPer(r.after.heapUsed + r.after.external - r.before.heapUsed - r.before.external, r.open);
  const bareAck = latency(bare.recorder.ack);
  const appAck = latency(app.recorder.ack);
  const appEcho = latency(app.recorder.echo);
  // All of the server process's CPU in the window (heartbeats and timers included), over the messages sent.
  const cpuPerMessage = (r: PhaseResult) => round(r.window.cpuMs / Math.max(1, r.recorder.sent), 3);
  const ratio = (a: number, b: number) => (a > 0 && b > 0 ? `${round(a / b, 2)}×` : '—');
  // RSS can fall while sockets open (the allocator returning memory): then it says nothing about them.
  const memoryVerdict = (kb: number) =>
    kb > 0 ? met(kb <= TARGETS.kbPerConnection) : 'not measurable (RSS fell)';
  const appKb = perConn(app);
  const appErrors = app.recorder.errorCount;
  const allOpen = app.open === n;
  const lines = [
    `Widget realtime gateway: ${n} concurrent WebSocket connections to one api node (load generator on loopback, same machine: ${availableParallelism()} cores, Node ${process.version}), each sending a message every ${settings.periodSeconds} s (random phase) for ${settings.seconds} s. App on ${app.database}, pub/sub and cache ${app.pubsub === 'Redis' ? 'on Redis' : 'in-process'}; clients without permessage-deflate; a probe socket offering it as browsers do: app ${app.deflate}, bare ${bare.deflate}.`,
    '',
    'The conversations were handed to a human before the run, so the AI composes no reply: this measures the gateway (token check, origin check, subscription, frames), storing each message and its fan-out through pub/sub. The cost of AI replies is measured by bench:assistant.',
    '',
    '| | bare `ws` server (floor) | Compañero `/api/v1/widget/live` | app / bare | target |',
    '|---|---:|---:|---:|---|',
    `| connections open | ${bare.open} of ${n} (${round(bare.connectSeconds, 1)} s) | ${app.open} of ${n} (${round(app.connectSeconds, 1)} s) | | all ${n}: ${met(allOpen)} |`,
    `| server RSS before → after connecting (MB) | ${mb(bare.before.rss)} → ${mb(bare.after.rss)} | ${mb(app.before.rss)} → ${mb(app.after.rss)} | | |`,
    `| **RSS per connection (KB)** | ${perConn(bare)} | **${appKb}** | ${ratio(appKb, perConn(bare))} | ≤ ${TARGETS.kbPerConnection} KB: ${memoryVerdict(appKb)} |`,
    `| RSS per connection over the second half of the connections (KB) | ${secondHalf(bare)} | ${secondHalf(app)} | ${ratio(secondHalf(app), secondHalf(bare))} | (≤ ${TARGETS.kbPerConnection} KB: ${memoryVerdict(secondHalf(app))}) |`,
    `| V8 heap used / committed, before → after connecting (MB) | ${mb(bare.before.heapUsed)} / ${mb(bare.before.heapTotal)} → ${mb(bare.after.heapUsed)} / ${mb(bare.after.heapTotal)} | ${mb(app.before.heapUsed)} / ${mb(app.before.heapTotal)} → ${mb(app.after.heapUsed)} / ${mb(app.after.heapTotal)} | | |`,
    `| V8 heap + external per connection (KB) | ${heapPerConn(bare)} | ${heapPerConn(app)} | ${ratio(heapPerConn(app), heapPerConn(bare))} | |`,
    `| server RSS after the messages (MB) | ${mb(bare.afterLoad.rss)} | ${mb(app.afterLoad.rss)} | | |`,
    `| messages sent | ${bare.recorder.sent} | ${app.recorder.sent}${app.window.storedUserMessages !== null ? ` (${app.window.storedUserMessages} stored)` : ''} | | |`,
    `| **send → ack** p50 / p95 / **p99** / max (ms) | ${fmt(bareAck)} | ${fmt(appAck)} | ${ratio(appAck.p99, bareAck.p99)} (p99) | p99 ≤ ${TARGETS.p99Ms} ms: ${met(appAck.p99 <= TARGETS.p99Ms)} |`,
    `| send → stored message back through pub/sub, p50 / p95 / p99 / max (ms) | — | ${fmt(appEcho)} | | p99 ≤ ${TARGETS.p99Ms} ms: ${met(appEcho.p99 <= TARGETS.p99Ms)} |`,
    `| errors | ${bare.recorder.errorCount} | **${appErrors}** | | ${TARGETS.errors}: ${met(appErrors <= TARGETS.errors)} |`,
    `| server CPU per message (ms) | ${cpuPerMessage(bare)} | ${cpuPerMessage(app)} | ${ratio(cpuPerMessage(app), cpuPerMessage(bare))} | |`,
    `| PostgreSQL CPU per message (ms) | — | ${app.pgCpuMs === undefined ? '—' : round(app.pgCpuMs / Math.max(1, app.recorder.sent), 3)} | | |`,
    `| load generator CPU per message (ms) | ${round(bare.loadCpuMs / Math.max(1, bare.recorder.sent), 3)} | ${round(app.loadCpuMs / Math.max(1, app.recorder.sent), 3)} | | |`,
    `| other processes on the machine during the window (cores busy) | ${bare.backgroundCores === null ? '?' : round(bare.backgroundCores, 2)} | ${app.backgroundCores === null ? '?' : round(app.backgroundCores, 2)} | | ≈ 0 for a clean run |`,
    `| server event-loop delay in the window, p99 / max (ms) | ${round(bare.window.loopDelayP99Ms, 1)} / ${round(bare.window.loopDelayMaxMs, 1)} | ${round(app.window.loopDelayP99Ms, 1)} / ${round(app.window.loopDelayMaxMs, 1)} | | |`,
    '',
    `Errors: bare — ${errorsOf(bare.recorder)}; app — ${errorsOf(app.recorder)}.`,
    app.setupSeconds !== null
      ? `Setup (not measured): ${n} visitor sessions opened through the widget service in ${app.setupSeconds} s.`
      : '',
    '',
    'Memory is the server child’s RSS only, read after two full collections (`--expose-gc`) once the sessions existed and again once every socket had its `ready` (and, for the app, `resume` → `synced`); per connection = difference / connections open. For the app it includes everything a socket holds: the `ws` socket and its buffers, the Fastify request and reply (and the raw request and response objects) kept alive by the socket’s listeners, the subscription to the conversation’s pub/sub channel, and the heartbeat’s entry. The bare server has none of these and no heartbeat. RSS does not always shrink after a collection: free space left in the committed V8 heap (committed − used, before connecting) and pages freed during setup take the first sockets’ objects without growing RSS, so with few connections the RSS lines read low (most for the app, which loads far more code and created the sessions). The second-half line (RSS read again halfway) is free of that once the first half has used the slack up; the heap + external line (live V8 objects plus the native memory V8 knows of, not the sockets’ own native memory) never has it. Trust the RSS lines only with thousands of connections, and compare them with the other two. The app pings every socket every 30 s from one timer (ws-heartbeat.ts), so a window of 30 s or more includes those sweeps. Latency is measured in this process, which is also the load generator: its own event loop is in every figure, for both servers alike.',
    app.database?.startsWith('PGlite')
      ? 'On PGlite the database runs inside the server process: its memory (which grows with the queries the sockets cause) is in the app’s RSS, and its queries block the server’s event loop.'
      : '',
  ];
  const text = lines
    .filter((l, i) => l !== '' || lines[i - 1] !== '')
    .join('\n')
    .trimEnd();
  process.stdout.write(`${text}\n`);
}

// ---------------------------------------------------------------------------

async function main() {
  checkLimits(settings.connections);
  // Fail now rather than after the baseline when PostgreSQL is not there.
  if (settings.db === 'postgres') await adminQuery(settings.pgAdminUrl, 'select 1');
  process.once('SIGINT', () => {
    log('interrupted: stopping the servers');
    void cleanup().finally(() => process.exit(130));
  });
  process.once('SIGTERM', () => void cleanup().finally(() => process.exit(143)));
  try {
    const bare = await runPhase('bare');
    const app = await runPhase('app');
    report(bare, app);
  } finally {
    await cleanup();
  }
}

main().catch((err) => {
  log(`failed: ${err instanceof Error ? err.stack : err}`);
  process.exitCode = 1;
});
