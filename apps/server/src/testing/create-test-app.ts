import type { Database } from '@companero/db';
import { openTestDatabase } from '@companero/db/testing';
import type { FastifyInstance } from 'fastify';
import { Redis } from 'ioredis';
import pino from 'pino';
import { buildApp } from '../app.ts';
import { type Config, loadConfig } from '../env.ts';
import { type Cache, createMemoryCache, createRedisCache } from '../platform/cache/index.ts';
import { createDevMailer, type Mailer } from '../platform/mail/mailer.ts';

export interface TestApp {
  app: FastifyInstance;
  db: Database;
  cache: Cache;
  mailer: Mailer;
  config: Config;
  close(): Promise<void>;
}

/**
 * The whole app on a fresh test database (PGlite, or PostgreSQL with
 * TEST_DATABASE_URL) and the in-process cache (Redis with REDIS_URL).
 * Call once per test file.
 */
export async function createTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    JWT_SECRET: 'test-secret-test-secret-test-secret-0123456789',
    PUBLIC_URL: 'http://localhost:3000',
    ...env,
  });
  const { db, close: closeDb } = await openTestDatabase();
  const redis = process.env.REDIS_URL ? new Redis(process.env.REDIS_URL) : undefined;
  const cache = redis ? createRedisCache(redis) : createMemoryCache();
  const logger = pino({ level: config.LOG_LEVEL });
  const mailer = createDevMailer({ log: logger, exposeMailbox: true });
  const app = await buildApp({ config, db, cache, mailer, logger, redis });
  await app.ready();
  return {
    app,
    db,
    cache,
    mailer,
    config,
    async close() {
      await app.close();
      await cache.close().catch(() => {});
      redis?.disconnect();
      await closeDb();
    },
  };
}
