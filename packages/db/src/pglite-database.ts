import { mkdirSync } from 'node:fs';
import { PGlite, type Transaction } from '@electric-sql/pglite';
import { vector } from '@electric-sql/pglite/vector';
import {
  assertCreatorId,
  type Database,
  drizzleOver,
  type QueryResult,
  type SystemTx,
  TENANT_PRELUDE,
  type TenantTx,
} from './database.ts';

function runner(tx: Transaction | PGlite) {
  return async (text: string, params: unknown[], rowMode: 'array' | 'object') => {
    const res = await tx.query(text, params, { rowMode });
    return { rows: res.rows as unknown[], rowCount: res.affectedRows ?? res.rows.length };
  };
}

/**
 * Embedded PostgreSQL (PGlite, WASM) persisted under `dataDir`, or in memory
 * when `dataDir` is undefined. PGlite runs one statement at a time; its
 * transactions queue behind each other, which is right for one process.
 */
export async function createPgliteDatabase(opts: { dataDir?: string }): Promise<Database> {
  if (opts.dataDir) mkdirSync(opts.dataDir, { recursive: true });
  const pglite = await PGlite.create({ dataDir: opts.dataDir, extensions: { vector } });
  const stats = { roundTrips: 0 };
  const db: Database = {
    driver: 'pglite',
    stats,
    async withTenant<T>(creatorId: string, fn: (tx: TenantTx) => Promise<T>) {
      assertCreatorId(creatorId);
      return pglite.transaction(async (tx) => {
        await tx.query(TENANT_PRELUDE, [creatorId]);
        const db = Object.assign(drizzleOver(runner(tx)), { creatorId }) as unknown as TenantTx;
        return fn(db);
      });
    },
    // One process, no network: a transaction costs nothing extra here.
    readAsTenant<T>(creatorId: string, fn: (tx: TenantTx) => Promise<T>) {
      return db.withTenant(creatorId, fn);
    },
    async withSystem<T>(_reason: string, fn: (tx: SystemTx) => Promise<T>) {
      return pglite.transaction(async (tx) => fn(drizzleOver(runner(tx)) as SystemTx));
    },
    async unsafeQuery<R>(text: string, params: unknown[] = []) {
      const res = await pglite.query<R>(text, params);
      return { rows: res.rows, rowCount: res.affectedRows ?? res.rows.length } as QueryResult<R>;
    },
    async unsafeExec(sqlText: string) {
      await pglite.exec(sqlText);
    },
    async close() {
      if (!pglite.closed) await pglite.close();
    },
  };
  return db;
}
