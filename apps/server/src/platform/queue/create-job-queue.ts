import { createPostgresDatabase, type Database } from '@companero/db';
import type { JobQueue } from './job-queue.ts';
import { createPgBossQueue, type JobQueueOptions } from './pg-boss-queue.ts';

/** Where the queue keeps its jobs: the PostgreSQL server, or the embedded PGlite database itself. */
export type QueueDatabase =
  | { kind: 'postgres'; url: string; poolSize?: number }
  | { kind: 'pglite'; db: Database };

/**
 * The configured job queue: pg-boss on PostgreSQL through a small pool of its
 * own (so polling never waits behind requests for a connection), or pg-boss on
 * the application's PGlite database in embedded mode (one process owns it).
 *
 * @example
 * const queue = await createJobQueue({
 *   database: config.DATABASE_URL ? { kind: 'postgres', url: config.DATABASE_URL } : { kind: 'pglite', db },
 *   onError: (err, job) => log.error({ err, job }, 'job failed'),
 * });
 */
export async function createJobQueue(opts: JobQueueOptions & { database: QueueDatabase }): Promise<JobQueue> {
  const { database, ...queueOpts } = opts;
  if (database.kind === 'pglite') return createPgBossQueue({ ...queueOpts, db: database.db });
  const db = await createPostgresDatabase({ url: database.url, poolSize: database.poolSize ?? 5 });
  return createPgBossQueue({ ...queueOpts, db, closeDbOnStop: true });
}
