import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Database } from './database.ts';

export const MIGRATIONS_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'migrations');

// Any constant works; it only has to be the same for every process migrating this database.
const MIGRATION_LOCK_KEY = 72_001_001;

/**
 * Applies `migrations/NNNN_name.sql` in order, each in its own transaction,
 * recording name and checksum in `schema_migrations`. Safe to run from several
 * processes at once (advisory lock) and on every start. A changed, already
 * applied file is an error: migrations are append-only.
 *
 * @example
 * const applied = await migrate(db); // ['0001_foundation']
 */
export async function migrate(db: Database, dir = MIGRATIONS_DIR): Promise<string[]> {
  const files = readdirSync(dir)
    .filter((f) => /^\d{4}_[a-z0-9_]+\.sql$/.test(f))
    .sort();
  // The session-level advisory lock must be taken and released on the same
  // connection, so the whole run is one multi-statement exec per file, each
  // guarded by the transaction-level lock.
  await db.unsafeExec(`
    CREATE TABLE IF NOT EXISTS schema_migrations (
      name text PRIMARY KEY,
      checksum text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    );`);
  const applied: string[] = [];
  for (const file of files) {
    const name = file.replace(/\.sql$/, '');
    const body = readFileSync(join(dir, file), 'utf8');
    const checksum = createHash('sha256').update(body).digest('hex');
    const done = await db.unsafeQuery<{ checksum: string }>(
      'select checksum from schema_migrations where name = $1',
      [name],
    );
    if (done.rows[0]) {
      if (done.rows[0].checksum !== checksum) {
        throw new Error(`Migration ${file} was changed after it was applied; add a new migration instead.`);
      }
      continue;
    }
    // Name and checksum are derived from our own files (validated above), not user input.
    await db
      .unsafeExec(`
      BEGIN;
      SELECT pg_advisory_xact_lock(${MIGRATION_LOCK_KEY});
      DO $migrate$ BEGIN
        IF EXISTS (SELECT 1 FROM schema_migrations WHERE name = '${name}') THEN
          RAISE EXCEPTION 'companero:already-applied';
        END IF;
      END $migrate$;
      ${body}
      ;
      INSERT INTO schema_migrations (name, checksum) VALUES ('${name}', '${checksum}');
      COMMIT;`)
      .catch(async (err: Error) => {
        await db.unsafeExec('ROLLBACK').catch(() => {});
        if (!String(err.message).includes('companero:already-applied')) throw err;
      });
    applied.push(name);
  }
  return applied;
}
