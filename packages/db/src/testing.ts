import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { Database } from './database.ts';
import { migrate } from './migrate.ts';
import { createPgliteDatabase } from './pglite-database.ts';
import { createPostgresDatabase } from './postgres-database.ts';

export const TEMPLATE_DB = 'companero_test_template';
export const TEST_DB_PREFIX = 'companero_t_';

/** The server URL with another database name. */
export function withDatabaseName(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

export async function adminQuery(url: string, text: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await client.query(text);
  } finally {
    await client.end();
  }
}

/**
 * One database per test file: an in-memory PGlite, or (with TEST_DATABASE_URL)
 * a fresh PostgreSQL database cloned from the template that global-setup migrated.
 */
export async function openTestDatabase(): Promise<{ db: Database; url?: string; close(): Promise<void> }> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) {
    const db = await createPgliteDatabase({});
    await migrate(db);
    return { db, close: () => db.close() };
  }
  const name = `${TEST_DB_PREFIX}${randomBytes(6).toString('hex')}`;
  // The name is generated above from hex digits only.
  await adminQuery(serverUrl, `create database ${name} template ${TEMPLATE_DB}`);
  const url = withDatabaseName(serverUrl, name);
  const db = await createPostgresDatabase({ url, poolSize: 10 });
  return {
    db,
    url,
    async close() {
      await db.close();
      await adminQuery(serverUrl, `drop database if exists ${name} with (force)`);
    },
  };
}
