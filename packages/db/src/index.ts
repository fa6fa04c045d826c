import type { Database } from './database.ts';
import { createPgliteDatabase } from './pglite-database.ts';
import { createPostgresDatabase } from './postgres-database.ts';

export * from './database.ts';
export { MIGRATIONS_DIR, migrate } from './migrate.ts';
export * as schema from './schema/index.ts';
export { createPgliteDatabase, createPostgresDatabase };

/**
 * Opens the configured database: a PostgreSQL server when `url` is set,
 * otherwise embedded PGlite persisted under `dataDir` (in memory if that is unset too).
 *
 * @example
 * const db = await openDatabase({ url: process.env.DATABASE_URL, dataDir: './.data/pg' });
 */
export async function openDatabase(opts: {
  url?: string;
  dataDir?: string;
  poolSize?: number;
}): Promise<Database> {
  if (opts.url) return createPostgresDatabase({ url: opts.url, poolSize: opts.poolSize });
  return createPgliteDatabase({ dataDir: opts.dataDir });
}
export { type KeysetPosition, keysetAfter } from './keyset.ts';
export type { ProactiveTrigger } from './schema/assistant.ts';
export { ensureVectorStore, type VectorStoreStatus } from './vector-store.ts';
