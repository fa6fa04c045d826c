import type { Database } from '@companero/db';

/** The `db` option of pg-boss: it runs every statement of the queue through this. */
export interface PgBossExecutor {
  executeSql(text: string, values?: unknown[]): Promise<{ rows: unknown[] }>;
  /** Resolves once every statement sent so far, and any sent while waiting, has settled. */
  drain(): Promise<void>;
}

// pg-boss wraps installs, migrations and maintenance as one string
// `BEGIN; ...; COMMIT;`. If a statement inside fails, PostgreSQL skips the rest,
// COMMIT included, and leaves the session in an aborted transaction: every
// later query on it fails. On PGlite that session is the whole application's
// database. Without BEGIN/COMMIT the string runs as one implicit transaction
// that rolls back on error and leaves the session clean; SET LOCAL and
// pg_advisory_xact_lock behave the same inside it.
const EXPLICIT_TRANSACTION = /^\s*BEGIN\s*;([\s\S]*)\bCOMMIT\s*;?\s*$/i;

/** pg-boss's statements without parameters contain no `;` unless they are several statements. */
function isMultiStatement(text: string, values: unknown[] | undefined): boolean {
  return (values === undefined || values.length === 0) && /;\s*\S/.test(text.trim());
}

/**
 * Runs pg-boss on one of our `Database`s (PGlite in embedded mode, a pool of its
 * own on PostgreSQL). One statement goes through `unsafeQuery` (extended
 * protocol, parameters, rows back); a parameterless multi-statement string goes
 * through `unsafeExec` (simple protocol) as one implicit transaction and answers
 * no rows: pg-boss never reads rows from those (they are DDL and maintenance).
 *
 * @example
 * const boss = new PgBoss({ db: createPgBossExecutor(db) });
 */
export function createPgBossExecutor(db: Pick<Database, 'unsafeQuery' | 'unsafeExec'>): PgBossExecutor {
  const pending = new Set<Promise<unknown>>();

  async function run(text: string, values: unknown[] | undefined): Promise<{ rows: unknown[] }> {
    if (!isMultiStatement(text, values)) {
      const { rows } = await db.unsafeQuery(text, values ?? []);
      return { rows };
    }
    await db.unsafeExec(text.replace(EXPLICIT_TRANSACTION, '$1'));
    return { rows: [] };
  }

  return {
    executeSql(text, values) {
      const statement = run(text, values);
      pending.add(statement);
      const forget = () => pending.delete(statement);
      statement.then(forget, forget);
      return statement;
    },
    async drain() {
      do {
        await Promise.allSettled([...pending]);
        // pg-boss sends follow-up statements (complete, fail) a few microtasks
        // after a fetch settles; a macrotask later they are in `pending`.
        await new Promise((resolve) => setImmediate(resolve));
      } while (pending.size > 0);
    },
  };
}
