// Shared pieces of the conversation-engine benchmark: settings, the messages
// between the runner and its children, and spawning pinned children.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const HOST = '127.0.0.1';
export const SCRATCH_DB = 'companero_bench_assistant';
export const ASSISTANT_DIR = dirname(fileURLToPath(import.meta.url));

const int = (name: string, fallback: number, min = 0) => {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min) throw new Error(`${name} must be an integer >= ${min}, got ${raw}`);
  return n;
};
const ints = (name: string, fallback: number[]) => {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const list = raw.split(',').map((s) => Number(s.trim()));
  if (list.some((n) => !Number.isInteger(n) || n < 1))
    throw new Error(`${name} must be a comma-separated list of positive integers, got ${raw}`);
  return list;
};

export const settings = {
  pgAdminUrl: process.env.BENCH_PG_URL ?? `postgres://postgres@${HOST}:5432/postgres`,
  /** '' (both), 'stream' or 'offline'. */
  only: process.env.BENCH_ASSISTANT_ONLY ?? '',
  /** The measured creator's knowledge base, and other creators' beside it (row-level security has rows to skip). */
  chunks: int('BENCH_ASSISTANT_CHUNKS', 10_000, 1),
  otherCreators: int('BENCH_ASSISTANT_OTHER_CREATORS', 2),
  otherChunks: int('BENCH_ASSISTANT_OTHER_CHUNKS', 2_500, 1),
  poolSize: int('BENCH_ASSISTANT_POOL_SIZE', 20, 1),
  // 1. Streaming from a model (the fake OpenAI-compatible server).
  streamLevels: ints('BENCH_ASSISTANT_STREAM_LEVELS', [1, 50, 200]),
  /** Messages per conversation, sent one after the other (the next once the reply is complete). */
  perConversation: int('BENCH_ASSISTANT_PER_CONVERSATION', 5, 1),
  /** At least this many measured requests per level (more conversations than clients at low levels). */
  streamMinRequests: int('BENCH_ASSISTANT_STREAM_MIN_REQUESTS', 100, 1),
  /** Pause between a reply's end and the conversation's next message (0: back to back). */
  thinkMs: int('BENCH_ASSISTANT_THINK_MS', 0),
  /**
   * A paced run after the levels: this many conversations open at once, each
   * sending pacedMessages messages with a think time of pacedThinkMs (±50 %,
   * starts spread over one think time): a realistic message rate. 0 skips it.
   */
  pacedConversations: int('BENCH_ASSISTANT_PACED_CONVERSATIONS', 200),
  pacedThinkMs: int('BENCH_ASSISTANT_PACED_THINK_MS', 10_000),
  pacedMessages: int('BENCH_ASSISTANT_PACED_MESSAGES', 3, 1),
  rounds: int('BENCH_ASSISTANT_ROUNDS', 1, 1),
  fakeInitialDelayMs: int('BENCH_ASSISTANT_FAKE_INITIAL_DELAY_MS', 150),
  fakeDeltaDelayMs: int('BENCH_ASSISTANT_FAKE_DELTA_DELAY_MS', 10),
  /** The classify model (AI_CLASSIFY_MODEL) that rewrites follow-up questions: its delay before answering. */
  fakeClassifyDelayMs: int('BENCH_ASSISTANT_FAKE_CLASSIFY_DELAY_MS', 150),
  // 2. Offline replies (no model), JSON.
  offlineLevels: ints('BENCH_ASSISTANT_OFFLINE_LEVELS', [1, 10]),
  offlineRequests: int('BENCH_ASSISTANT_OFFLINE_REQUESTS', 150, 1),
  warmupRequests: int('BENCH_ASSISTANT_WARMUP_REQUESTS', 30),
  /** Before each measured run, wait up to this long for other processes to leave the CPUs alone. */
  quietWaitSeconds: int('BENCH_ASSISTANT_QUIET_WAIT_SECONDS', 0),
  /** CPU-profile the app during the measured runs (bench/results/profiles/assistant-*.cpuprofile). */
  profile: process.env.BENCH_ASSISTANT_PROFILE === '1',
};

export const targets = { streamServerAddedP95Ms: 50, streamAtLevel: 200, offlineP95Ms: 150 };

export const log = (msg: string) => process.stderr.write(`[bench:assistant] ${msg}\n`);

// ---------------------------------------------------------------- messages

export type ServerKind = 'app' | 'proxy' | 'fake-llm';

/** Child → runner: listening. */
export interface Ready {
  type: 'ready';
  port: number;
}

/** Runner → child, answered with the same id. */
export type Command =
  | { type: 'stats'; id: number }
  | { type: 'profile-start'; id: number }
  | { type: 'profile-stop'; id: number; file: string }
  | { type: 'run'; id: number; job: LoadJob };

export interface Stats {
  type: 'stats';
  id: number;
  /** CPU time (user + system) the process used so far, µs. */
  cpuMicros: number;
  /** Database round trips so far (Database.stats.roundTrips; 0 without a database). */
  roundTrips: number;
  /** Requests served so far (the runner's own calls left out). */
  requests: number;
  /** The app's pg pool, sampled every 20 ms: samples, sum of requests waiting for a connection, sum of connections in use. */
  pool?: { samples: number; waiting: number; busy: number };
  /** The fake model: requests served so far, by model. */
  byModel?: Record<string, number>;
}

export type Mode = 'sse' | 'json' | 'search';

/** One request: the conversation it goes to (sse/json) and the text. */
export interface Call {
  conversationId: string;
  text: string;
  /** A follow-up by the engine's own rule (not the first message, few topic words or a cue): rewritten by the classify model. */
  followUp: boolean;
}

export interface LoadJob {
  mode: Mode;
  origin: string;
  token: string;
  concurrency: number;
  /** Sessions run one after the other in a client; clients take the next session when done. */
  sessions: Call[][];
  /** Think time between a reply and the next message: uniform in [0.5, 1.5] × thinkMs; sessions start spread over [0, thinkMs]. */
  thinkMs: number;
  /** `?debug=true`: the reply comes with the engine's own timings (diagnostic runs only: it adds work). */
  debug?: boolean;
}

export interface Sample {
  /** ms from sending the request to the first `delta` event (SSE), else null. */
  firstDeltaMs: number | null;
  /** ms from sending the request to the end of the response. */
  totalMs: number;
  status: number;
  /** Whatever went wrong (non-2xx, an `error` event, no reply). */
  error: string | null;
  /** Server-measured, from the reply's metadata: receiving the message to the first token / last token. */
  serverFirstTokenMs: number | null;
  serverLatencyMs: number | null;
  /** The reply cited something (json/sse) or the search found something. */
  hit: boolean;
  /** The engine's timings (loadMs, retrieveMs, firstTokenMs, generateMs, saveMs, totalMs) with `debug`. */
  timings?: Record<string, number>;
  followUp: boolean;
}

export interface LoadResult {
  type: 'result';
  id: number;
  samples: Sample[];
  wallMs: number;
  cpuMicros: number;
}

// ---------------------------------------------------------------- children

export function canPin(): boolean {
  if (availableParallelism() < 2) return false;
  try {
    execFileSync('taskset', ['-c', '0', 'true'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

// Children get a minimal environment: nothing from the caller's shell (DATABASE_URL,
// REDIS_URL, AI keys, NODE_OPTIONS...) leaks in and changes what is measured.
function childEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const base: NodeJS.ProcessEnv = {};
  for (const key of ['PATH', 'HOME', 'LANG', 'TMPDIR']) if (process.env[key]) base[key] = process.env[key];
  return { ...base, ...extra };
}

export const children = new Set<ChildProcess>();

export function spawnChild(script: string, core: number | null, env: Record<string, string>) {
  const node = [process.execPath, '--import', 'tsx', join(ASSISTANT_DIR, script)];
  const [command, ...args] = core === null ? node : ['taskset', '-c', String(core), ...node];
  const child = spawn(command!, args, {
    cwd: ASSISTANT_DIR,
    env: childEnv(env),
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}

/** The next IPC message matching `pick` from `child`; fails if it exits first or takes too long. */
export function nextMessage<T>(
  child: ChildProcess,
  pick: (msg: T) => boolean,
  timeoutMs: number,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => done(new Error(`no answer from the child within ${timeoutMs} ms`)),
      timeoutMs,
    );
    const onMessage = (msg: T) => {
      if (pick(msg)) done(undefined, msg);
    };
    const onExit = (code: number | null) => done(new Error(`child exited (code ${code}) before answering`));
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

let nextId = 1;
/** Sends a command and waits for the child's answer with the same id. */
export function ask<T extends { id: number }>(
  child: ChildProcess,
  command: Command extends infer C ? (C extends Command ? Omit<C, 'id'> : never) : never,
  timeoutMs = 30_000,
): Promise<T> {
  const id = nextId++;
  const answer = nextMessage<T>(child, (m) => (m as { id?: number })?.id === id, timeoutMs);
  child.send({ ...command, id });
  return answer;
}

export async function stopChild(child: ChildProcess) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}
