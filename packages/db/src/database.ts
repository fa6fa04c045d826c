import type { PgRemoteDatabase } from 'drizzle-orm/pg-proxy';
import { drizzle } from 'drizzle-orm/pg-proxy';
import * as schema from './schema/index.ts';

export type Schema = typeof schema;

declare const tenantBrand: unique symbol;
declare const systemBrand: unique symbol;

/**
 * A transaction running as `app_tenant` with `app.creator_id` set: row-level
 * security limits every statement to this creator's rows. Repositories only
 * ever receive one of these.
 */
export type TenantTx = PgRemoteDatabase<Schema> & {
  readonly [tenantBrand]: true;
  readonly creatorId: string;
};

/**
 * A transaction as the owning role, which crosses tenants. Only a few loudly
 * named routines get one (log in by email, route a webhook by phone number).
 */
export type SystemTx = PgRemoteDatabase<Schema> & { readonly [systemBrand]: true };

export interface QueryResult<R = Record<string, unknown>> {
  rows: R[];
  rowCount: number;
}

export interface Database {
  readonly driver: 'pglite' | 'postgres';
  /** Runs `fn` in one transaction scoped to `creatorId` by row-level security. */
  withTenant<T>(creatorId: string, fn: (tx: TenantTx) => Promise<T>): Promise<T>;
  /**
   * For reads: each statement runs scoped to `creatorId` in its own implicit
   * transaction, with the tenant prelude in the same network flight — one round
   * trip per statement, no BEGIN/COMMIT. Statements are not atomic together:
   * use withTenant for anything that writes or needs one snapshot.
   */
  readAsTenant<T>(creatorId: string, fn: (tx: TenantTx) => Promise<T>): Promise<T>;
  /** Runs `fn` in one transaction that crosses tenants. `reason` is logged: say why. */
  withSystem<T>(reason: string, fn: (tx: SystemTx) => Promise<T>): Promise<T>;
  /** Raw SQL as the owner, outside any tenant: migrations, health checks, tests. */
  unsafeQuery<R = Record<string, unknown>>(text: string, params?: unknown[]): Promise<QueryResult<R>>;
  /** Several statements without parameters (migration files). */
  unsafeExec(sqlText: string): Promise<void>;
  /** Network round trips sent so far (benchmarks report them per request). */
  readonly stats: { roundTrips: number };
  close(): Promise<void>;
}

/** A function that runs one statement; the driver decides how (and how many round trips). */
export type RunStatement = (
  text: string,
  params: unknown[],
  rowMode: 'array' | 'object',
) => Promise<QueryResult<unknown>>;

/**
 * The tenant prelude: one statement, bound parameter, transaction-local
 * settings (correct behind a transaction-mode pooler). `role` is a regular
 * setting, so set_config('role', ..., true) is SET LOCAL ROLE.
 */
export const TENANT_PRELUDE =
  "select set_config('role', 'app_tenant', true), set_config('app.creator_id', $1, true)";

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function assertCreatorId(creatorId: string): void {
  // The id is bound, never interpolated; this check only turns a programming
  // error (an empty or non-uuid tenant) into a clear message instead of a cast error.
  if (!UUID_RE.test(creatorId))
    throw new Error(`withTenant needs a creator uuid, got ${JSON.stringify(creatorId)}`);
}

/** Builds the Drizzle facade over a statement runner (drizzle's pg-proxy driver). */
export function drizzleOver(run: RunStatement): PgRemoteDatabase<Schema> {
  return drizzle(
    async (text, params, method) => {
      const { rows } = await run(text, params, method === 'execute' ? 'object' : 'array');
      return { rows };
    },
    { schema },
  );
}
