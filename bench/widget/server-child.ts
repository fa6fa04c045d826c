// The server under test for connections.ts, alone in its process so that its
// RSS is its own. Started by the load generator with --expose-gc and an IPC
// channel; BENCH_WIDGET_SERVER chooses what runs:
//
// - app: the real API (buildApp) on a scratch PostgreSQL database
//   (BENCH_PG_URL, database companero_bench_widget, dropped on exit) or on
//   in-memory PGlite (BENCH_WIDGET_DB=pglite); memory cache and pub/sub, or
//   Redis with REDIS_URL; offline AI; the job queue as in create-test-app.
// - bare: a `ws` WebSocketServer that answers every text frame with an ack:
//   the floor the app is compared against.
//
// Commands arrive over IPC (protocol.ts); nothing is printed on stdout.
import { randomUUID } from 'node:crypto';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { ChildMessage, MemoryReading, ParentMessage } from './protocol.ts';

const HOST = '127.0.0.1';
const SCRATCH = 'companero_bench_widget';
const kind = process.env.BENCH_WIDGET_SERVER;
const log = (m: string) => process.stderr.write(`[bench:widget-connections ${kind} server] ${m}\n`);

function reply(msg: ChildMessage) {
  if (process.connected) process.send!(msg);
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 100));

/** Full collections first (twice: weak references and finalizers free more the second time), then the numbers. */
async function memory(): Promise<MemoryReading> {
  for (let i = 0; i < 2; i++) {
    globalThis.gc?.();
    await settle();
  }
  const m = process.memoryUsage();
  return { rss: m.rss, heapUsed: m.heapUsed, heapTotal: m.heapTotal, external: m.external };
}

interface Server {
  port: number;
  database: string | null;
  pubsub: string | null;
  setup?(connections: number, origin: string): Promise<ChildMessage>;
  storedUserMessages?(): Promise<number>;
  close(): Promise<void>;
}

async function startBare(): Promise<Server> {
  const { WebSocketServer } = await import('ws');
  const wss = new WebSocketServer({
    host: HOST,
    port: 0,
    perMessageDeflate: false,
    maxPayload: 64 * 1024,
    handleProtocols: (protocols: Set<string>) => (protocols.has('companero.v1') ? 'companero.v1' : false),
  });
  await new Promise<void>((resolve, reject) => {
    wss.once('listening', resolve);
    wss.once('error', reject);
  });
  wss.on('connection', (ws) => {
    ws.on('error', () => ws.terminate());
    ws.send(JSON.stringify({ type: 'ready' }));
    ws.on('message', (data) => {
      let frame: { clientMessageId?: unknown };
      try {
        frame = JSON.parse(String(data));
      } catch {
        return;
      }
      ws.send(
        JSON.stringify({ type: 'ack', clientMessageId: frame.clientMessageId, messageId: randomUUID() }),
      );
    });
  });
  const address = wss.address();
  if (!address || typeof address === 'string') throw new Error('no TCP address');
  return {
    port: address.port,
    database: null,
    pubsub: null,
    close: async () => {
      for (const ws of wss.clients) ws.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
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
  const { createMemoryCache, createRedisCache } = await import(
    '@companero/server/src/platform/cache/index.ts'
  );
  const { createDevMailer } = await import('@companero/server/src/platform/mail/mailer.ts');
  const { createPubSub } = await import('@companero/server/src/platform/pubsub/index.ts');
  const { createJobQueue } = await import('@companero/server/src/platform/queue/index.ts');
  const { createMemoryStorage } = await import('@companero/server/src/platform/storage/index.ts');
  const { createVisitorTokens } = await import('@companero/server/src/platform/security/visitor-tokens.ts');
  const { createAuditRepository } = await import('@companero/server/src/modules/audit/audit.repository.ts');
  const { createAuditService } = await import('@companero/server/src/modules/audit/audit.service.ts');
  const { createWidgetRepository } = await import(
    '@companero/server/src/modules/widget/widget.repository.ts'
  );
  const { createWidgetService } = await import('@companero/server/src/modules/widget/widget.service.ts');
  const { Redis } = await import('ioredis');
  const { default: pino } = await import('pino');

  const usePglite = process.env.BENCH_WIDGET_DB === 'pglite';
  const adminUrl = process.env.BENCH_PG_URL ?? `postgres://postgres@${HOST}:5432/postgres`;
  const redisUrl = process.env.REDIS_URL || undefined;
  const cleanups: (() => Promise<unknown>)[] = [];
  const closeAll = async () => {
    for (const fn of cleanups.splice(0).reverse()) await fn().catch((err) => log(`cleanup: ${err}`));
  };

  try {
    let url: string | undefined;
    if (!usePglite) {
      await adminQuery(adminUrl, `drop database if exists ${SCRATCH} with (force)`);
      await adminQuery(adminUrl, `create database ${SCRATCH}`);
      cleanups.push(() => adminQuery(adminUrl, `drop database if exists ${SCRATCH} with (force)`));
      url = withDatabaseName(adminUrl, SCRATCH);
    }
    const db = url ? await createPostgresDatabase({ url, poolSize: 20 }) : await createPgliteDatabase({});
    cleanups.push(() => db.close());
    await migrate(db);

    const config = loadConfig({
      NODE_ENV: 'production',
      LOG_LEVEL: 'silent',
      JWT_SECRET: `bench-${randomUUID()}-${randomUUID()}`,
      PUBLIC_URL: `http://${HOST}`,
      // Every socket comes from 127.0.0.1: the per-IP limit would count all of them as one client.
      RATE_LIMIT_PER_MINUTE: '1000000000',
      VISITOR_TOKEN_TTL_SECONDS: '86400',
      ...(url ? { DATABASE_URL: url } : {}),
      ...(redisUrl ? { REDIS_URL: redisUrl } : {}),
    });
    const logger = pino({ level: 'silent' });
    const redis = redisUrl ? new Redis(redisUrl) : undefined;
    if (redis) cleanups.push(async () => redis.disconnect());
    const cache = redis ? createRedisCache(redis) : createMemoryCache();
    cleanups.push(() => cache.close());
    const storage = createMemoryStorage();
    const queue = await createJobQueue({
      database: url ? { kind: 'postgres', url, poolSize: 3 } : { kind: 'pglite', db },
      onError: (err) => log(`job queue: ${err}`),
    });
    await queue.start();
    cleanups.push(() => queue.stop());
    const pubsub = createPubSub({ redisUrl, onError: (err) => log(`pub/sub: ${err}`) });
    cleanups.push(() => pubsub.close());
    // No provider configured: replies would be composed offline (and none are asked for; see setup).
    const ai = createAiGateway(aiConfigFromEnv(config));
    if (ai.configured) throw new Error('the AI gateway should be offline here');
    const vectors = await ensureVectorStore(db, null);
    const mailer = createDevMailer({ log: logger, exposeMailbox: false });
    const app = await buildApp({
      config,
      db,
      cache,
      mailer,
      logger,
      redis,
      storage,
      queue,
      pubsub,
      ai,
      vectors,
    });
    cleanups.push(() => app.close());
    await app.listen({ host: HOST, port: 0 });
    const address = app.server.address();
    if (!address || typeof address === 'string') throw new Error('no TCP address');

    let creatorId: string | undefined;
    return {
      port: address.port,
      database: usePglite ? 'PGlite (in memory)' : 'PostgreSQL',
      pubsub: redisUrl ? 'Redis' : 'in-process',
      close: closeAll,

      async setup(connections, origin) {
        const started = performance.now();
        const [creator] = (
          await db.unsafeQuery<{ id: string }>(
            `insert into creators (email, display_name, password_hash) values ($1, 'Bench coach', 'x') returning id`,
            [`widget-${Date.now()}@bench.local`],
          )
        ).rows;
        creatorId = creator!.id;
        // The service the app builds, on the same database, cache and token secret.
        const widget = createWidgetService({
          db,
          repo: createWidgetRepository(),
          cache,
          tokens: createVisitorTokens({
            secret: `${config.jwtSecret}:widget-visitor`,
            ttlSeconds: config.VISITOR_TOKEN_TTL_SECONDS,
          }),
          storage,
          audit: createAuditService({ db, repo: createAuditRepository() }),
          linkSecret: `${config.jwtSecret}:widget-files`,
          logger,
        });
        const ctx = {
          creatorId,
          actor: { type: 'creator' as const, id: creatorId },
          scopes: 'all' as const,
          requestId: 'bench',
          ip: HOST,
          userAgent: null,
        };
        const { publicKey } = await widget.updateConfig(ctx, {
          allowedOrigins: [origin],
          visitorMessagesPerMinute: 600,
          widgetMessagesPerMinute: 100_000,
        });
        // Sessions through the service, not POST /widget/sessions (limited to 30 a minute per IP).
        const sessions: { token: string; conversationId: string }[] = new Array(connections);
        let next = 0;
        await Promise.all(
          Array.from({ length: 16 }, async () => {
            for (;;) {
              const i = next++;
              if (i >= connections) return;
              const s = await widget.openSession({ key: publicKey, locale: 'en' }, origin);
              sessions[i] = { token: s.token, conversationId: s.conversationId };
              if ((i + 1) % 2000 === 0) log(`${i + 1} sessions`);
            }
          }),
        );
        // A human has every conversation: the AI stays quiet and the gateway, storage and fan-out are measured.
        await db.unsafeQuery(`update conversations set status = 'human' where creator_id = $1`, [creatorId]);
        return {
          type: 'sessions',
          sessions,
          setupSeconds: Math.round((performance.now() - started) / 100) / 10,
        };
      },

      async storedUserMessages() {
        const [row] = (
          await db.unsafeQuery<{ n: number }>(
            `select count(*)::int as n from messages where creator_id = $1 and role = 'user'`,
            [creatorId],
          )
        ).rows;
        return row?.n ?? 0;
      },
    };
  } catch (err) {
    await closeAll();
    throw err;
  }
}

async function main() {
  if (!process.send) throw new Error('server-child.ts runs as a child of connections.ts (IPC channel)');
  if (kind !== 'app' && kind !== 'bare') throw new Error('BENCH_WIDGET_SERVER must be app or bare');
  if (!globalThis.gc) log('started without --expose-gc: memory is read without a full collection');
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

  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  let cpuAtStart = process.cpuUsage();

  process.on('message', (msg: ParentMessage) => {
    const handle = async (): Promise<ChildMessage | undefined> => {
      switch (msg.type) {
        case 'setup':
          if (!server.setup) throw new Error('this server takes no setup');
          return server.setup(msg.connections, msg.origin);
        case 'memory':
          return { type: 'memory', ...(await memory()) };
        case 'window-start':
          loop.reset();
          cpuAtStart = process.cpuUsage();
          return undefined;
        case 'window-end': {
          const cpu = process.cpuUsage(cpuAtStart);
          return {
            type: 'window',
            cpuMs: Math.round((cpu.user + cpu.system) / 1000),
            loopDelayP99Ms: loop.percentile(99) / 1e6,
            loopDelayMaxMs: loop.max / 1e6,
            storedUserMessages: server.storedUserMessages ? await server.storedUserMessages() : null,
          };
        }
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

  reply({ type: 'ready', port: server.port, database: server.database, pubsub: server.pubsub });
}

main().catch((err) => {
  log(`failed to start: ${err instanceof Error ? err.stack : err}`);
  reply({ type: 'failed', error: `start: ${err instanceof Error ? err.message : err}` });
  process.exitCode = 1;
  // Let the IPC message leave before exiting.
  setTimeout(() => process.exit(1), 200);
});
