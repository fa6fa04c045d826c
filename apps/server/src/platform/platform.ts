import { join } from 'node:path';
import { type Database, migrate, openDatabase } from '@companero/db';
import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { Config } from '../env.ts';
import { type Cache, createMemoryCache, createRedisCache } from './cache/index.ts';
import { createDevMailer, createSmtpMailer, type Mailer } from './mail/mailer.ts';
import { createJobQueue, type JobQueue } from './queue/index.ts';
import { createFileStorage, type FileStorage } from './storage/index.ts';

export interface Platform {
  db: Database;
  cache: Cache;
  mailer: Mailer;
  queue: JobQueue;
  storage: FileStorage;
  redis?: Redis;
  close(): Promise<void>;
}

/**
 * Opens the infrastructure the configuration asks for: PostgreSQL or embedded
 * PGlite, Redis or in-process cache, SMTP or the dev mailbox, the job queue. Migrations run
 * here when RUN_MIGRATIONS is true (the default), guarded by an advisory lock
 * so several processes may start at once.
 */
export async function createPlatform(config: Config, logger: Logger): Promise<Platform> {
  const db = await openDatabase({
    url: config.DATABASE_URL,
    dataDir: config.DATABASE_URL ? undefined : join(config.dataDir, 'pglite'),
    poolSize: config.DATABASE_POOL_SIZE,
  });
  if (config.RUN_MIGRATIONS) {
    const applied = await migrate(db);
    if (applied.length) logger.info({ applied }, 'database migrated');
  }
  const redis = config.REDIS_URL
    ? new Redis(config.REDIS_URL, { maxRetriesPerRequest: 2, enableOfflineQueue: true })
    : undefined;
  redis?.on('error', (err) => logger.warn({ err: err.message }, 'redis connection error'));
  const cache = redis ? createRedisCache(redis) : createMemoryCache();
  const mailer = config.SMTP_URL
    ? createSmtpMailer({ url: config.SMTP_URL, from: config.MAIL_FROM })
    : createDevMailer({ log: logger, exposeMailbox: config.devMailbox });
  // pg-boss: on the PostgreSQL server through a small pool of its own, or inside the embedded PGlite.
  const queue = await createJobQueue({
    database: config.DATABASE_URL ? { kind: 'postgres', url: config.DATABASE_URL } : { kind: 'pglite', db },
    onError: (err, job) => logger.error({ err, job }, job ? 'job attempt failed' : 'queue error'),
  });
  await queue.start();
  logger.info(
    {
      database: db.driver,
      cache: redis ? 'redis' : 'memory',
      mail: config.SMTP_URL ? 'smtp' : 'dev-mailbox',
    },
    'platform ready',
  );
  return {
    db,
    cache,
    mailer,
    queue,
    storage: createFileStorage({ dataDir: config.dataDir }),
    redis,
    async close() {
      await queue.stop().catch((err) => logger.warn({ err }, 'queue did not stop cleanly'));
      await cache.close().catch(() => {});
      redis?.disconnect();
      await db.close();
    },
  };
}
