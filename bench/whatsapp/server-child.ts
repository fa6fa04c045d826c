// The server under test for webhooks.ts, alone in its process so that its CPU
// is its own. Started by the load generator with an IPC channel;
// BENCH_WHATSAPP_SERVER chooses what runs:
//
// - app: one api node (buildApp) on a scratch PostgreSQL database
//   (BENCH_PG_URL, database companero_bench_whatsapp, dropped on exit) or on
//   in-memory PGlite (BENCH_WHATSAPP_DB=pglite); the real job queue on the
//   same database, wired as createPlatform wires it (on PostgreSQL a pool of 5
//   of its own, polling every 2 s); memory cache and pub/sub; offline AI; a
//   fake Graph API (startFakeGraphServer) in this process. The worker role
//   starts on demand (start-worker), in this process, for the end-to-end part.
// - bare: a bare Fastify route at the same path that reads the raw body,
//   finds the app secret by phone number id in a Map and checks the same
//   HMAC, then answers 200: the floor, with no database.
//
// With BENCH_WHATSAPP_PROFILE_DIR, each measured window is CPU-profiled into
// that directory (whatsapp-<kind>-<window>.cpuprofile; see ../profile-summary.ts).
//
// Commands arrive over IPC (protocol.ts); nothing is printed on stdout.
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { join } from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { percentile } from '../stats.ts';
import type { ChildMessage, MessageEvents, ParentMessage, Percentiles, WindowStats } from './protocol.ts';

const HOST = '127.0.0.1';
const SCRATCH = 'companero_bench_whatsapp';
const WEBHOOK_PATH = '/api/v1/whatsapp/webhook';
/** The job queue's polling interval in production (createPlatform leaves pg-boss-queue.ts's default). */
const QUEUE_POLLING_SECONDS = 2;
/** What createJobQueue gives the queue's own pool on PostgreSQL when createPlatform calls it. */
const QUEUE_POOL_SIZE = 5;
const kind = process.env.BENCH_WHATSAPP_SERVER;
const log = (m: string) => process.stderr.write(`[bench:whatsapp-webhooks ${kind} server] ${m}\n`);
const epochMs = () => performance.timeOrigin + performance.now();
/** The event-loop delay histogram's sampling interval, ms (its readings include it). */
const LOOP_RESOLUTION_MS = 10;

/** Durations (ms) collected in the current window. */
class Samples {
  private values: number[] = [];
  add(ms: number) {
    this.values.push(ms);
  }
  reset() {
    this.values = [];
  }
  summary(): Percentiles {
    const s = Float64Array.from(this.values).sort();
    return {
      n: s.length,
      p50: percentile(s, 50),
      p99: percentile(s, 99),
      max: s.length ? s[s.length - 1]! : Number.NaN,
    };
  }
}
const serverTimes = new Samples();
const enqueueTimes = new Samples();

/** Times each webhook request inside the server, from Node's request event to the response's finish. */
function timeRequests(server: import('node:http').Server) {
  server.on('request', (req, res) => {
    if (req.method !== 'POST' || req.url !== WEBHOOK_PATH) return;
    const t0 = performance.now();
    res.once('finish', () => serverTimes.add(performance.now() - t0));
  });
}

function reply(msg: ChildMessage) {
  if (process.connected) process.send!(msg);
}

interface Server {
  port: number;
  database: string | null;
  queuePool: string | null;
  setup(msg: Extract<ParentMessage, { type: 'setup' }>): Promise<ChildMessage>;
  /** Database counters for the window (null fields on the bare server). */
  counters(): { appRoundTrips: number | null; queueRoundTrips: number | null };
  webhookJobs(): Promise<number | null>;
  startWorker?(separateQueue: boolean): Promise<ChildMessage>;
  e2eEvents?(): ChildMessage;
  close(): Promise<void>;
}

async function startBare(): Promise<Server> {
  const { default: Fastify } = await import('fastify');
  // The same functions the service uses to route and check a delivery.
  const { phoneNumberIdsOf, signatureValid } = await import(
    '@companero/server/src/modules/whatsapp/webhook-events.ts'
  );
  const secrets = new Map<string, string>();
  const app = Fastify({ bodyLimit: 1_048_576 });
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_req, body, done) => {
    try {
      done(null, { raw: body as Buffer, json: JSON.parse(String(body)) });
    } catch (err) {
      done(err as Error, undefined);
    }
  });
  app.post(WEBHOOK_PATH, async (req, res) => {
    const { raw, json } = req.body as { raw: Buffer; json: Record<string, unknown> };
    const ids = phoneNumberIdsOf(json);
    const secret = ids.length === 1 ? secrets.get(ids[0]!) : undefined;
    const signature = req.headers['x-hub-signature-256'];
    if (!secret || !signatureValid(raw, typeof signature === 'string' ? signature : undefined, secret))
      return res.status(401).send({ code: 'UNAUTHENTICATED' });
    return res.send({ received: true });
  });
  timeRequests(app.server);
  await app.listen({ host: HOST, port: 0 });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('no TCP address');
  return {
    port: address.port,
    database: null,
    queuePool: null,
    async setup(msg) {
      secrets.set(msg.phoneNumberId, msg.appSecret);
      return { type: 'setup-done', creatorId: null, setupMs: 0 };
    },
    counters: () => ({ appRoundTrips: null, queueRoundTrips: null }),
    webhookJobs: async () => null,
    close: () => app.close(),
  };
}

async function startApp(): Promise<Server> {
  const { createPgliteDatabase, createPostgresDatabase, ensureVectorStore, migrate } = await import(
    '@companero/db'
  );
  const { adminQuery, withDatabaseName } = await import('@companero/db/testing');
  const { buildApp } = await import('@companero/server/src/app.ts');
  const { loadConfig } = await import('@companero/server/src/env.ts');
  const { aiConfigFromEnv } = await import('@companero/server/src/platform/ai/ai-config.ts');
  const { createAiGateway } = await import('@companero/server/src/platform/ai/create-ai-gateway.ts');
  const { createMemoryCache } = await import('@companero/server/src/platform/cache/index.ts');
  const { createDevMailer } = await import('@companero/server/src/platform/mail/mailer.ts');
  const { createPubSub } = await import('@companero/server/src/platform/pubsub/index.ts');
  const { createPgBossQueue } = await import('@companero/server/src/platform/queue/index.ts');
  const { createMemoryStorage } = await import('@companero/server/src/platform/storage/index.ts');
  const { startFakeGraphServer } = await import('@companero/server/src/testing/fake-graph-server.ts');
  const { signUpAndLogIn } = await import('@companero/server/src/testing/http.ts');
  const { processWhatsAppWebhookJob, sendWhatsAppMessageJob } = await import(
    '@companero/server/src/modules/whatsapp/whatsapp.jobs.ts'
  );
  const { startWorker, whatsappWorkerConfig } = await import('@companero/server/src/worker.ts');
  const { default: pino } = await import('pino');
  type JobQueue = import('@companero/server/src/platform/queue/index.ts').JobQueue;

  const usePglite = process.env.BENCH_WHATSAPP_DB === 'pglite';
  const adminUrl = process.env.BENCH_PG_URL ?? `postgres://postgres@${HOST}:5432/postgres`;
  const logLevel = process.env.BENCH_WHATSAPP_LOG_LEVEL || 'silent';
  const cleanups: (() => Promise<unknown>)[] = [];
  const closeAll = async () => {
    for (const fn of cleanups.splice(0).reverse()) await fn().catch((err) => log(`cleanup: ${err}`));
  };

  // What the end-to-end part observes.
  const messages = new Map<string, MessageEvents>();
  const sent = new Map<string, number[]>();
  const jobErrors: string[] = [];
  const mark = (wamid: string, what: keyof MessageEvents) => {
    const m = messages.get(wamid) ?? {};
    messages.set(wamid, m);
    m[what] ??= epochMs();
  };
  const onQueueError = (err: unknown, context?: { job: string }) => {
    if (!context) return log(`job queue: ${err}`);
    if (jobErrors.length < 50) jobErrors.push(`${context.job}: ${err instanceof Error ? err.message : err}`);
  };

  try {
    let url: string | undefined;
    if (!usePglite) {
      await adminQuery(adminUrl, `drop database if exists ${SCRATCH} with (force)`);
      await adminQuery(adminUrl, `create database ${SCRATCH}`);
      cleanups.push(() => adminQuery(adminUrl, `drop database if exists ${SCRATCH} with (force)`));
      url = withDatabaseName(adminUrl, SCRATCH);
    }
    // DATABASE_POOL_SIZE's default.
    const db = url ? await createPostgresDatabase({ url, poolSize: 20 }) : await createPgliteDatabase({});
    cleanups.push(() => db.close());
    await migrate(db);

    // The fake Graph API (any bearer token accepted); every message it accepts is timed on arrival.
    const graph = await startFakeGraphServer();
    cleanups.push(() => graph.close());
    const push = graph.sent.push.bind(graph.sent);
    graph.sent.push = (...items) => {
      const at = epochMs();
      for (const item of items) {
        const to = typeof item.body.to === 'string' ? item.body.to : undefined;
        if (!to) continue;
        const list = sent.get(to) ?? [];
        sent.set(to, list);
        list.push(at);
      }
      // The fake server keeps every request; the benchmark does not need them.
      graph.requests.length = 0;
      return push(...items);
    };

    const config = loadConfig({
      NODE_ENV: 'production',
      LOG_LEVEL: logLevel,
      JWT_SECRET: `bench-${randomUUID()}-${randomUUID()}`,
      PUBLIC_URL: `http://${HOST}`,
      // The webhook route is exempt (rateLimit: false); this keeps setup calls from 127.0.0.1 unthrottled.
      RATE_LIMIT_PER_MINUTE: '1000000000',
      WHATSAPP_GRAPH_URL: graph.url,
      ...(url ? { DATABASE_URL: url } : {}),
    });
    // Production logs JSON lines to stdout (createLogger); here pino writes them to /dev/null so the
    // report stays clean (without createLogger's redaction paths).
    const logger =
      logLevel === 'silent'
        ? pino({ level: 'silent' })
        : pino({ level: logLevel }, pino.destination({ dest: '/dev/null', sync: true }));
    const cache = createMemoryCache();
    cleanups.push(() => cache.close());
    const storage = createMemoryStorage();
    // createJobQueue, opened by hand so that its pool's round trips can be counted.
    const queueDb = url ? await createPostgresDatabase({ url, poolSize: QUEUE_POOL_SIZE }) : undefined;
    const queue = createPgBossQueue({
      db: queueDb ?? db,
      closeDbOnStop: Boolean(queueDb),
      pollingIntervalSeconds: QUEUE_POLLING_SECONDS,
      onError: onQueueError,
    });
    await queue.start();
    cleanups.push(() => queue.stop());
    const pubsub = createPubSub({ onError: (err) => log(`pub/sub: ${err}`) });
    cleanups.push(() => pubsub.close());
    const ai = createAiGateway(aiConfigFromEnv(config));
    if (ai.configured) throw new Error('the AI gateway should be offline here');
    const vectors = await ensureVectorStore(db, null);
    const mailer = createDevMailer({ log: logger, exposeMailbox: true });
    // The api's queue, with each delivery's enqueue timed.
    const apiQueue: JobQueue = {
      start: () => queue.start(),
      stop: () => queue.stop(),
      work: (job, handler, opts) => queue.work(job, handler, opts),
      async enqueue(job, payload, opts) {
        if (job.name !== processWhatsAppWebhookJob.name) return queue.enqueue(job, payload, opts);
        const t0 = performance.now();
        const id = await queue.enqueue(job, payload, opts);
        enqueueTimes.add(performance.now() - t0);
        return id;
      },
    };
    const app = await buildApp({
      config,
      db,
      cache,
      mailer,
      logger,
      storage,
      queue: apiQueue,
      pubsub,
      ai,
      vectors,
    });
    cleanups.push(() => app.close());
    timeRequests(app.server);
    await app.listen({ host: HOST, port: 0 });
    const address = app.server.address();
    if (!address || typeof address === 'string') throw new Error('no TCP address');

    const countJobs = async () => {
      const { rows } = await db.unsafeQuery<{ n: number }>(
        'select count(*)::int as n from pgboss.job where name = $1',
        [processWhatsAppWebhookJob.name],
      );
      return rows[0]?.n ?? 0;
    };

    /**
     * The worker's queue, observed: when a webhook job starts and ends, and when
     * the reply's send job is stored (the job being run is known through
     * AsyncLocalStorage: the send is queued inside the webhook job's handler).
     */
    const current = new AsyncLocalStorage<string>();
    const observed = (base: JobQueue): JobQueue => ({
      start: () => base.start(),
      stop: () => base.stop(),
      async enqueue(job, payload, opts) {
        const id = await base.enqueue(job, payload, opts);
        const wamid = current.getStore();
        if (wamid && job.name === sendWhatsAppMessageJob.name) mark(wamid, 'queued');
        return id;
      },
      work(job, handler, opts) {
        if (job.name !== processWhatsAppWebhookJob.name) return base.work(job, handler, opts);
        return base.work(
          job,
          (payload, meta) => {
            const wamid = firstWamid(payload);
            if (!wamid) return handler(payload, meta);
            mark(wamid, 'picked');
            return current.run(wamid, async () => {
              await handler(payload, meta);
              mark(wamid, 'done');
            });
          },
          opts,
        );
      },
    });

    let creatorId: string | undefined;
    let roundTripsAtWorkerStart = 0;
    return {
      port: address.port,
      database: usePglite ? 'PGlite (in memory)' : 'PostgreSQL',
      queuePool: usePglite ? 'the app’s PGlite' : `own pool of ${QUEUE_POOL_SIZE}`,
      close: closeAll,

      async setup(msg) {
        const started = performance.now();
        const creator = await signUpAndLogIn(app, mailer);
        creatorId = creator.creatorId;
        const res = await app.inject({
          method: 'PUT',
          url: '/api/v1/whatsapp/account',
          headers: creator.auth,
          payload: {
            wabaId: `9${msg.phoneNumberId.slice(1)}`,
            phoneNumberId: msg.phoneNumberId,
            accessToken: msg.accessToken,
            appSecret: msg.appSecret,
          },
        });
        if (res.statusCode !== 200) throw new Error(`PUT /whatsapp/account: ${res.statusCode} ${res.body}`);
        return { type: 'setup-done', creatorId, setupMs: Math.round(performance.now() - started) };
      },

      // PGlite has no network and counts no round trips.
      counters: () => ({
        appRoundTrips: usePglite ? null : db.stats.roundTrips,
        queueRoundTrips: queueDb ? queueDb.stats.roundTrips : null,
      }),
      webhookJobs: countJobs,

      async startWorker(separateQueue) {
        // Part 1's deliveries stay unprocessed: the end-to-end part starts on an empty queue.
        const { rowCount } = await db.unsafeQuery('delete from pgboss.job where name = $1', [
          processWhatsAppWebhookJob.name,
        ]);
        // Nor the dead rows they leave (PGlite has no autovacuum).
        const vacuumed = await db
          .unsafeExec('vacuum analyze pgboss.job')
          .then(() => true)
          .catch((err) => {
            log(`vacuum of pgboss.job failed: ${err}`);
            return false;
          });
        let workerQueue: JobQueue = queue;
        if (separateQueue) {
          // As a separate worker process has: its own queue, woken only by polling.
          const ownDb = url ? await createPostgresDatabase({ url, poolSize: QUEUE_POOL_SIZE }) : undefined;
          workerQueue = createPgBossQueue({
            db: ownDb ?? db,
            closeDbOnStop: Boolean(ownDb),
            pollingIntervalSeconds: QUEUE_POLLING_SECONDS,
            onError: onQueueError,
          });
          await workerQueue.start();
          const q = workerQueue;
          cleanups.push(() => q.stop());
        }
        const stopWorker = await startWorker({
          db,
          queue: observed(workerQueue),
          storage,
          ai,
          vectors,
          pubsub,
          mailer,
          publicUrl: config.publicUrl,
          logger,
          cache,
          whatsapp: whatsappWorkerConfig(config),
        });
        cleanups.push(() => stopWorker());
        roundTripsAtWorkerStart = db.stats.roundTrips;
        return {
          type: 'worker-started',
          deletedJobs: rowCount,
          vacuumed,
          pollingIntervalSeconds: QUEUE_POLLING_SECONDS,
        };
      },

      e2eEvents: () => ({
        type: 'e2e-events',
        messages: Object.fromEntries(messages),
        sent: Object.fromEntries(sent),
        jobErrors,
        appRoundTrips: usePglite ? null : db.stats.roundTrips - roundTripsAtWorkerStart,
      }),
    };
  } catch (err) {
    await closeAll();
    throw err;
  }
}

/** The id of the first message in a webhook job's payload (Meta's body shape). */
function firstWamid(payload: unknown): string | undefined {
  const body = (
    payload as { body?: { entry?: { changes?: { value?: { messages?: { id?: unknown }[] } }[] }[] } }
  ).body;
  const id = body?.entry?.[0]?.changes?.[0]?.value?.messages?.[0]?.id;
  return typeof id === 'string' ? id : undefined;
}

async function main() {
  if (!process.send) throw new Error('server-child.ts runs as a child of webhooks.ts (IPC channel)');
  if (kind !== 'app' && kind !== 'bare') throw new Error('BENCH_WHATSAPP_SERVER must be app or bare');
  const server = kind === 'app' ? await startApp() : await startBare();

  let closing: Promise<void> | undefined;
  const shutdown = (code: number) => {
    closing ??= server
      .close()
      .catch((err) => {
        log(`close failed: ${err}`);
      })
      .finally(() => process.exit(code));
    return closing;
  };
  process.on('SIGTERM', () => void shutdown(0));
  process.on('SIGINT', () => void shutdown(130));
  // The load generator went away (crashed or killed): clean up, the scratch database included.
  process.on('disconnect', () => void shutdown(1));

  const loop = monitorEventLoopDelay({ resolution: LOOP_RESOLUTION_MS });
  loop.enable();
  let cpuAtStart = process.cpuUsage();
  let countersAtStart = server.counters();
  const profileDir = process.env.BENCH_WHATSAPP_PROFILE_DIR || undefined;
  let profiling: { session: Session; file: string } | undefined;

  process.on('message', (msg: ParentMessage) => {
    const handle = async (): Promise<ChildMessage | undefined> => {
      switch (msg.type) {
        case 'setup':
          return server.setup(msg);
        case 'window-start': {
          // Counted before the counters are read: this query is not part of the window.
          const webhookJobs = await server.webhookJobs();
          loop.reset();
          serverTimes.reset();
          enqueueTimes.reset();
          countersAtStart = server.counters();
          if (profileDir) {
            const session = new Session();
            session.connect();
            await session.post('Profiler.enable');
            await session.post('Profiler.start');
            profiling = { session, file: join(profileDir, `whatsapp-${kind}-${msg.label}.cpuprofile`) };
          }
          cpuAtStart = process.cpuUsage();
          return { type: 'window-started', webhookJobs };
        }
        case 'window-end': {
          const cpu = process.cpuUsage(cpuAtStart);
          const counters = server.counters();
          const delta = (a: number | null, b: number | null) => (a === null || b === null ? null : a - b);
          const stats: WindowStats = {
            cpuMs: (cpu.user + cpu.system) / 1000,
            loopDelayP99Ms: Math.max(0, loop.percentile(99) / 1e6 - LOOP_RESOLUTION_MS),
            loopDelayMaxMs: Math.max(0, loop.max / 1e6 - LOOP_RESOLUTION_MS),
            serverMs: serverTimes.summary(),
            enqueueMs: kind === 'app' ? enqueueTimes.summary() : null,
            appRoundTrips: delta(counters.appRoundTrips, countersAtStart.appRoundTrips),
            queueRoundTrips: delta(counters.queueRoundTrips, countersAtStart.queueRoundTrips),
            webhookJobs: await server.webhookJobs(),
          };
          let profile: string | null = null;
          if (profiling) {
            const { profile: data } = await profiling.session.post('Profiler.stop');
            profiling.session.disconnect();
            mkdirSync(profileDir!, { recursive: true });
            writeFileSync(profiling.file, JSON.stringify(data));
            profile = profiling.file;
            profiling = undefined;
          }
          return { type: 'window', profile, ...stats };
        }
        case 'start-worker':
          if (!server.startWorker) throw new Error('this server has no worker role');
          return server.startWorker(msg.separateQueue);
        case 'e2e-events':
          if (!server.e2eEvents) throw new Error('this server has no worker role');
          return server.e2eEvents();
        case 'stop':
          await shutdown(0);
          return undefined;
      }
    };
    handle()
      .then((answer) => answer && reply(answer))
      .catch((err: unknown) => {
        log(`${msg.type} failed: ${err instanceof Error ? err.stack : err}`);
        reply({ type: 'failed', error: `${msg.type}: ${err instanceof Error ? err.message : err}` });
      });
  });

  reply({ type: 'ready', port: server.port, database: server.database, queuePool: server.queuePool });
}

main().catch((err) => {
  log(`failed to start: ${err instanceof Error ? err.stack : err}`);
  reply({ type: 'failed', error: `start: ${err instanceof Error ? err.message : err}` });
  process.exitCode = 1;
  // Let the IPC message leave before exiting.
  setTimeout(() => process.exit(1), 200);
});
