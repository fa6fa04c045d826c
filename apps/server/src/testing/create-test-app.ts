import { type Database, ensureVectorStore, type VectorStoreStatus } from '@companero/db';
import { openTestDatabase } from '@companero/db/testing';
import type { FastifyInstance } from 'fastify';
import { Redis } from 'ioredis';
import pino from 'pino';
import { buildApp } from '../app.ts';
import { type Config, loadConfig } from '../env.ts';
import { aiConfigFromEnv } from '../platform/ai/ai-config.ts';
import { createAiGateway } from '../platform/ai/create-ai-gateway.ts';
import { type Cache, createMemoryCache, createRedisCache } from '../platform/cache/index.ts';
import { createDevMailer, type Mailer } from '../platform/mail/mailer.ts';
import { createPubSub, type PubSub } from '../platform/pubsub/index.ts';
import { createJobQueue, type JobQueue } from '../platform/queue/index.ts';
import { createMemoryStorage, type FileStorage } from '../platform/storage/index.ts';
import { startWorker, whatsappWorkerConfig } from '../worker.ts';

export interface TestApp {
  app: FastifyInstance;
  db: Database;
  cache: Cache;
  mailer: Mailer;
  storage: FileStorage;
  queue: JobQueue;
  pubsub: PubSub;
  vectors: VectorStoreStatus;
  config: Config;
  /** The test database's URL on a PostgreSQL server (TEST_DATABASE_URL); undefined on PGlite. */
  databaseUrl?: string;
  /**
   * Another api node on the same database and job queue, closed with this one.
   * With REDIS_URL it has its own Redis connections (cache, pub/sub, rate
   * limits), as a second process would; without, it shares this node's
   * in-process cache and pub/sub, which then stand in for Redis.
   */
  startNode(): Promise<FastifyInstance>;
  close(): Promise<void>;
}

/**
 * The whole app on a fresh test database (PGlite, or PostgreSQL with
 * TEST_DATABASE_URL), the in-process cache (Redis with REDIS_URL), in-memory
 * file storage and the real job queue. With `worker: true` the worker role
 * runs in the same process, as in `npm start`. Call once per test file.
 */
export async function createTestApp(
  env: Record<string, string> = {},
  opts: { worker?: boolean } = {},
): Promise<TestApp> {
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    JWT_SECRET: 'test-secret-test-secret-test-secret-0123456789',
    PUBLIC_URL: 'http://localhost:3000',
    // Every test file's app shares one per-IP counter in Redis (services mode): the
    // suite must not throttle itself. A test of the limiter passes its own value.
    RATE_LIMIT_PER_MINUTE: '100000',
    ...env,
  });
  const { db, url, close: closeDb } = await openTestDatabase();
  const redis = process.env.REDIS_URL ? new Redis(process.env.REDIS_URL) : undefined;
  const cache = redis ? createRedisCache(redis) : createMemoryCache();
  const logger = pino({ level: config.LOG_LEVEL });
  const mailer = createDevMailer({ log: logger, exposeMailbox: true });
  const storage = createMemoryStorage();
  const queue = await createJobQueue({
    database: url ? { kind: 'postgres', url, poolSize: 3 } : { kind: 'pglite', db },
    pollingIntervalSeconds: 0.5,
    onError: (err, job) => logger.error({ err, job }, 'job failed'),
  });
  await queue.start();
  const pubsub = createPubSub({ redisUrl: process.env.REDIS_URL });
  const ai = createAiGateway(aiConfigFromEnv(config), { retryBaseDelayMs: 10 });
  const vectors = await ensureVectorStore(
    db,
    ai.embeddingModel ? (config.AI_EMBEDDING_DIMENSIONS ?? null) : null,
  );
  const stopWorker = opts.worker
    ? await startWorker({
        db,
        queue,
        storage,
        ai,
        vectors,
        pubsub,
        mailer,
        publicUrl: config.publicUrl,
        logger,
        cache,
        whatsapp: whatsappWorkerConfig(config),
      })
    : undefined;
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
  await app.ready();
  const nodes: { app: FastifyInstance; close(): Promise<void> }[] = [];
  return {
    app,
    db,
    cache,
    mailer,
    storage,
    queue,
    pubsub,
    vectors,
    config,
    databaseUrl: url,
    async startNode() {
      const nodeRedis = process.env.REDIS_URL ? new Redis(process.env.REDIS_URL) : undefined;
      const nodeCache = nodeRedis ? createRedisCache(nodeRedis) : cache;
      const nodePubsub = nodeRedis ? createPubSub({ redisUrl: process.env.REDIS_URL }) : pubsub;
      const node = await buildApp({
        config,
        db,
        cache: nodeCache,
        mailer,
        logger,
        redis: nodeRedis,
        storage,
        queue,
        pubsub: nodePubsub,
        ai,
        vectors,
      });
      await node.ready();
      nodes.push({
        app: node,
        async close() {
          await node.close();
          if (nodeRedis) {
            await nodePubsub.close().catch(() => {});
            nodeRedis.disconnect();
          }
        },
      });
      return node;
    },
    async close() {
      for (const node of nodes) await node.close();
      await app.close();
      await stopWorker?.();
      await queue.stop();
      await pubsub.close().catch(() => {});
      await cache.close().catch(() => {});
      redis?.disconnect();
      await closeDb();
    },
  };
}
