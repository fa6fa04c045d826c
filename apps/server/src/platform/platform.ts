import { join } from 'node:path';
import {
  type Database,
  ensureVectorStore,
  migrate,
  openDatabase,
  type VectorStoreStatus,
} from '@companero/db';
import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { Config } from '../env.ts';
import { aiConfigFromEnv } from './ai/ai-config.ts';
import type { AiGateway } from './ai/ai-gateway.ts';
import { createAiGateway } from './ai/create-ai-gateway.ts';
import { type Cache, createMemoryCache, createRedisCache } from './cache/index.ts';
import { createDevMailer, createSmtpMailer, type Mailer } from './mail/mailer.ts';
import { createPubSub, type PubSub } from './pubsub/index.ts';
import { createJobQueue, type JobQueue } from './queue/index.ts';
import { createFileStorage, type FileStorage } from './storage/index.ts';

export interface Platform {
  db: Database;
  pubsub: PubSub;
  ai: AiGateway;
  /** Dense retrieval: on where pgvector and an embedding model exist. */
  vectors: VectorStoreStatus;
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
  const pubsub = createPubSub({
    redisUrl: config.REDIS_URL,
    onError: (err) => logger.warn({ err }, 'pub/sub handler failed'),
  });
  const ai = createAiGateway(aiConfigFromEnv(config), { logger });
  logger.info(
    {
      database: db.driver,
      cache: redis ? 'redis' : 'memory',
      mail: config.SMTP_URL ? 'smtp' : 'dev-mailbox',
      ai: ai.configured ? ai.defaultModel('chat') : 'offline',
    },
    'platform ready',
  );
  const vectors = await ensureVectorStore(
    db,
    ai.embeddingModel ? (config.AI_EMBEDDING_DIMENSIONS ?? null) : null,
  );
  logVectorStore(logger, vectors, ai.embeddingModel);
  if (!ai.configured)
    logger.info(
      'AI replies are composed offline from the knowledge base; set AI_CHAT_MODEL and a provider to use a model',
    );
  return {
    db,
    cache,
    mailer,
    queue,
    pubsub,
    ai,
    vectors,
    storage: createFileStorage({ dataDir: config.dataDir }),
    redis,
    async close() {
      await queue.stop().catch((err) => logger.warn({ err }, 'queue did not stop cleanly'));
      await pubsub.close().catch(() => {});
      await cache.close().catch(() => {});
      redis?.disconnect();
      await db.close();
    },
  };
}

/** One clear start-up line on how the knowledge base is searched. */
export function logVectorStore(
  logger: Pick<Logger, 'info' | 'warn'>,
  vectors: VectorStoreStatus,
  model: string | null,
) {
  if (vectors.enabled)
    logger.info(
      { model, dimensions: vectors.dimensions },
      'hybrid search on: BM25 + pgvector HNSW, fused by reciprocal rank',
    );
  else if (vectors.reason === 'no_embedding_model')
    logger.info(
      'search is lexical (BM25); set AI_EMBEDDING_MODEL and AI_EMBEDDING_DIMENSIONS for hybrid search',
    );
  else if (vectors.reason === 'pgvector_missing')
    logger.warn(
      { model },
      'dense retrieval off: the pgvector extension is not installed on this PostgreSQL server, so search stays lexical (BM25); install pgvector or use a managed PostgreSQL that has it',
    );
  else logger.warn({ model, detail: vectors.detail }, 'dense retrieval off; search stays lexical (BM25)');
}
