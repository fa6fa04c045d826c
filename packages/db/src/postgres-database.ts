import pg from 'pg';
import {
  assertCreatorId,
  type Database,
  drizzleOver,
  type QueryResult,
  type RunStatement,
  type SystemTx,
  TENANT_PRELUDE,
  type TenantTx,
} from './database.ts';
import { pipeline } from './pg-pipeline.ts';

// Parse int8 (counts, sums) as JS numbers, as PGlite does; our values stay far below 2^53.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number.parseInt(v, 10));

/**
 * PostgreSQL server through a `pg` pool. A tenant transaction costs two round
 * trips however many statements it runs: BEGIN + tenant prelude + the first
 * statement travel together (see pipeline), then each further statement, then COMMIT.
 */
export async function createPostgresDatabase(opts: {
  url: string;
  poolSize?: number;
}): Promise<Database & { pool: pg.Pool }> {
  const pool = new pg.Pool({ connectionString: opts.url, max: opts.poolSize ?? 20 });
  // An idle client that errors (server restart) must not crash the process.
  pool.on('error', () => {});
  const stats = { roundTrips: 0 };

  async function transaction<T>(
    prelude: { text: string; values: unknown[] } | null,
    fn: (run: RunStatement) => Promise<T>,
  ) {
    const client = await pool.connect();
    let started = false;
    let broken: Error | undefined;
    const run: RunStatement = async (text, params, rowMode) => {
      stats.roundTrips += 1;
      const mode = rowMode === 'array' ? ('array' as const) : undefined;
      if (!started) {
        started = true;
        const flight = [
          { text: 'begin' },
          ...(prelude ? [prelude] : []),
          { text, values: params, rowMode: mode },
        ];
        const results = await pipeline(client, flight);
        return results[results.length - 1]!;
      }
      const res = mode
        ? await client.query({ text, values: params, rowMode: mode })
        : await client.query({ text, values: params });
      return { rows: res.rows as unknown[], rowCount: res.rowCount ?? 0 };
    };
    try {
      const result = await fn(run);
      if (started) {
        stats.roundTrips += 1;
        await client.query('commit');
      }
      return result;
    } catch (err) {
      if (started) {
        stats.roundTrips += 1;
        await client.query('rollback').catch((e: Error) => {
          broken = e;
        });
      }
      throw err;
    } finally {
      client.release(broken);
    }
  }

  return {
    driver: 'postgres',
    pool,
    stats,
    withTenant<T>(creatorId: string, fn: (tx: TenantTx) => Promise<T>) {
      assertCreatorId(creatorId);
      return transaction({ text: TENANT_PRELUDE, values: [creatorId] }, (run) =>
        fn(Object.assign(drizzleOver(run), { creatorId }) as unknown as TenantTx),
      );
    },
    async readAsTenant<T>(creatorId: string, fn: (tx: TenantTx) => Promise<T>) {
      assertCreatorId(creatorId);
      const client = await pool.connect();
      let broken: Error | undefined;
      // Prelude and statement share one implicit transaction (one Sync), so the
      // transaction-local settings apply to the statement and vanish after it.
      const run: RunStatement = async (text, params, rowMode) => {
        stats.roundTrips += 1;
        const mode = rowMode === 'array' ? ('array' as const) : undefined;
        try {
          const [, result] = await pipeline(client, [
            { text: TENANT_PRELUDE, values: [creatorId] },
            { text, values: params, rowMode: mode },
          ]);
          return result!;
        } catch (err) {
          if (!(err as { severity?: string }).severity) broken = err as Error; // a network error, not an SQL one
          throw err;
        }
      };
      try {
        return await fn(Object.assign(drizzleOver(run), { creatorId }) as unknown as TenantTx);
      } finally {
        client.release(broken);
      }
    },
    withSystem<T>(_reason: string, fn: (tx: SystemTx) => Promise<T>) {
      return transaction(null, (run) => fn(drizzleOver(run) as SystemTx));
    },
    async unsafeQuery<R>(text: string, params: unknown[] = []) {
      stats.roundTrips += 1;
      const res = await pool.query(text, params);
      return { rows: res.rows as R[], rowCount: res.rowCount ?? 0 } as QueryResult<R>;
    },
    async unsafeExec(sqlText: string) {
      await pool.query(sqlText);
    },
    async close() {
      await pool.end();
    },
  };
}
