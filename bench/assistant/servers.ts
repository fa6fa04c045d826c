// One server per child process, chosen by BENCH_ASSISTANT_SERVER:
//   app       the product (config from the environment, createPlatform, buildApp), as `npm run start:api` wires it
//   proxy     the baseline: a bare node:http SSE proxy to the fake model (no auth, no database, no engine)
//   fake-llm  the fake OpenAI-compatible server: a fixed delay before the first token, then a few deltas
// Each answers the runner's IPC commands (stats, CPU profile) and sends `ready` with its port.
import { mkdirSync, writeFileSync } from 'node:fs';
import {
  Agent,
  createServer,
  type IncomingMessage,
  request,
  type Server,
  type ServerResponse,
} from 'node:http';
import { Session } from 'node:inspector/promises';
import type { AddressInfo } from 'node:net';
import { dirname } from 'node:path';
import { buildApp } from '@companero/server/src/app.ts';
import { loadConfig } from '@companero/server/src/env.ts';
import { createLogger } from '@companero/server/src/platform/logger.ts';
import { createPlatform } from '@companero/server/src/platform/platform.ts';
import { startFakeLlmServer } from '@companero/server/src/testing/fake-llm-server.ts';
import type { Command, Ready, ServerKind, Stats } from './common.ts';

const HOST = '127.0.0.1';

function env(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is required`);
  return value;
}

interface Built {
  port: number;
  roundTrips(): number;
  requests(): number;
  byModel?(): Record<string, number>;
  pool?(): Stats['pool'];
  close(): Promise<void>;
}

interface PoolCounts {
  totalCount: number;
  idleCount: number;
  waitingCount: number;
}

/** Samples a pg pool every 20 ms: how many requests wait for a connection, how many connections are in use. */
function samplePool(pool: PoolCounts) {
  const sums = { samples: 0, waiting: 0, busy: 0 };
  const timer = setInterval(() => {
    sums.samples += 1;
    sums.waiting += pool.waitingCount;
    sums.busy += pool.totalCount - pool.idleCount;
  }, 20);
  timer.unref();
  return { read: () => ({ ...sums }), stop: () => clearInterval(timer) };
}

function countRequests(server: Server) {
  const counter = { requests: 0 };
  server.on('request', () => {
    counter.requests += 1;
  });
  return counter;
}

/** The product, exactly as the API process builds it; configuration comes from the environment the runner set. */
async function app(): Promise<Built> {
  const config = loadConfig(process.env);
  const logger = createLogger(config);
  const platform = await createPlatform(config, logger);
  const fastify = await buildApp({ config, logger, ...platform });
  const counter = countRequests(fastify.server);
  const pool = (platform.db as unknown as { pool?: PoolCounts }).pool;
  const sampler = pool ? samplePool(pool) : undefined;
  await fastify.listen({ host: HOST, port: 0 });
  return {
    port: (fastify.server.address() as AddressInfo).port,
    roundTrips: () => platform.db.stats.roundTrips,
    requests: () => counter.requests,
    pool: () => sampler?.read(),
    close: async () => {
      sampler?.stop();
      await fastify.close();
      await platform.close();
    },
  };
}

/** The system prompt size the engine sends is in the same range (voice, rules, passages): a fixed stand-in. */
const PROXY_SYSTEM = `You are a coach. Answer from the passages below and cite them as [n].\n\n${'[1] Passage text. '.repeat(60)}`;

/**
 * The baseline: receives the same POST, opens a streaming chat completion on
 * the fake model (keep-alive agent), and forwards every text delta as the same
 * SSE `delta` event, then a final `message`. No auth, no database, no engine,
 * no AI SDK: what any SSE proxy to this model pays.
 */
async function proxy(): Promise<Built> {
  const upstream = new URL(`${env('BENCH_LLM_BASE_URL')}/chat/completions`);
  const agent = new Agent({ keepAlive: true, maxSockets: Number.POSITIVE_INFINITY });
  const server = createServer((req, res) => {
    handle(req, res).catch(() => res.destroy());
  });
  async function handle(req: IncomingMessage, res: ServerResponse) {
    const parts: Buffer[] = [];
    for await (const p of req) parts.push(p as Buffer);
    const { content } = JSON.parse(Buffer.concat(parts).toString('utf8')) as { content: string };
    const id = crypto.randomUUID();
    res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache' });
    const send = (type: string, data: object) =>
      res.write(`event: ${type}\ndata: ${JSON.stringify({ type, ...data })}\n\n`);
    send('message', { message: { id: crypto.randomUUID(), role: 'user', content } });
    send('typing', { replyId: id });
    const body = JSON.stringify({
      model: 'bench',
      stream: true,
      messages: [
        { role: 'system', content: PROXY_SYSTEM },
        { role: 'user', content },
      ],
    });
    let text = '';
    await new Promise<void>((resolve, reject) => {
      const up = request(
        upstream,
        {
          method: 'POST',
          agent,
          headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
        },
        (upRes) => {
          upRes.setEncoding('utf8');
          let buf = '';
          upRes.on('data', (chunk: string) => {
            buf += chunk;
            for (let end = buf.indexOf('\n\n'); end >= 0; end = buf.indexOf('\n\n')) {
              const event = buf.slice(0, end);
              buf = buf.slice(end + 2);
              const data = event.startsWith('data: ') ? event.slice(6) : '';
              if (!data || data === '[DONE]') continue;
              const delta = (JSON.parse(data) as { choices?: { delta?: { content?: string } }[] })
                .choices?.[0]?.delta?.content;
              if (delta) {
                text += delta;
                send('delta', { replyId: id, text: delta });
              }
            }
          });
          upRes.on('end', resolve);
          upRes.on('error', reject);
        },
      );
      up.on('error', reject);
      up.end(body);
    });
    send('message', { message: { id, role: 'assistant', content: text } });
    res.end();
  }
  const counter = countRequests(server);
  await new Promise<void>((resolve) => server.listen(0, HOST, resolve));
  return {
    port: (server.address() as AddressInfo).port,
    roundTrips: () => 0,
    requests: () => counter.requests,
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      agent.destroy();
    },
  };
}

/**
 * The fake model: the classify model (query rewrites, not streamed) answers a
 * standalone query after BENCH_LLM_CLASSIFY_DELAY_MS; every chat completion
 * waits BENCH_LLM_INITIAL_DELAY_MS, then streams four deltas.
 */
async function fakeLlm(): Promise<Built> {
  const fake = await startFakeLlmServer();
  fake.script({
    model: 'bench-classify',
    times: Number.POSITIVE_INFINITY,
    initialDelayMs: Number(env('BENCH_LLM_CLASSIFY_DELAY_MS')),
    text: 'morning routine consistency for a busy week',
  });
  fake.script({
    times: Number.POSITIVE_INFINITY,
    initialDelayMs: Number(env('BENCH_LLM_INITIAL_DELAY_MS')),
    deltaDelayMs: Number(env('BENCH_LLM_DELTA_DELAY_MS')),
    deltas: [
      'Start with one small step ',
      'this week and track it every day [1]. ',
      'Review your progress ',
      'with your coach on Friday.',
    ],
  });
  // It records every request (with its prompt) for tests; a benchmark only needs the count.
  const byModel: Record<string, number> = {};
  const tally = () => {
    for (const r of fake.requests) byModel[r.model] = (byModel[r.model] ?? 0) + 1;
    fake.requests.length = 0;
  };
  const trim = setInterval(tally, 500);
  return {
    port: Number(new URL(fake.url).port),
    roundTrips: () => 0,
    requests: () => {
      tally();
      return Object.values(byModel).reduce((a, b) => a + b, 0);
    },
    byModel: () => {
      tally();
      return { ...byModel };
    },
    close: async () => {
      clearInterval(trim);
      await fake.close();
    },
  };
}

const builders: Record<ServerKind, () => Promise<Built>> = { app, proxy, 'fake-llm': fakeLlm };

async function main() {
  const kind = env('BENCH_ASSISTANT_SERVER') as ServerKind;
  const build = builders[kind];
  if (!build || !process.send)
    throw new Error('servers.ts runs as a child of run.ts with BENCH_ASSISTANT_SERVER set');
  const built = await build();
  let profiler: Session | undefined;
  process.on('message', (cmd: Command) => {
    const answer = async () => {
      switch (cmd.type) {
        case 'stats': {
          const cpu = process.cpuUsage();
          return {
            type: 'stats',
            id: cmd.id,
            cpuMicros: cpu.user + cpu.system,
            roundTrips: built.roundTrips(),
            requests: built.requests(),
            pool: built.pool?.(),
            byModel: built.byModel?.(),
          } satisfies Stats;
        }
        case 'profile-start':
          profiler = new Session();
          profiler.connect();
          await profiler.post('Profiler.enable');
          await profiler.post('Profiler.start');
          return { type: 'profiling', id: cmd.id };
        case 'profile-stop': {
          if (!profiler) throw new Error('no profile running');
          const { profile } = await profiler.post('Profiler.stop');
          mkdirSync(dirname(cmd.file), { recursive: true });
          writeFileSync(cmd.file, JSON.stringify(profile));
          profiler.disconnect();
          profiler = undefined;
          return { type: 'profiled', id: cmd.id, file: cmd.file };
        }
        default:
          throw new Error(`unexpected command ${cmd.type}`);
      }
    };
    answer().then(
      (msg) => process.send?.(msg),
      (err: Error) => {
        console.error(err);
        process.exit(1);
      },
    );
  });
  process.send({ type: 'ready', port: built.port } satisfies Ready);

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await built.close().catch(() => {});
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop());
  process.on('SIGINT', () => void stop());
  // The runner is gone (crashed or killed): do not linger.
  process.on('disconnect', () => void stop());
}

main().catch((err: Error) => {
  console.error(err);
  process.exit(1);
});
