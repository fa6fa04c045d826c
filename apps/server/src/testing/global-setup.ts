import { createPostgresDatabase, migrate } from '@companero/db';
import { adminQuery, TEMPLATE_DB, TEST_DB_PREFIX, withDatabaseName } from '@companero/db/testing';

/**
 * Services mode (TEST_DATABASE_URL set): migrate a template database once per
 * run; each test file clones it (CREATE DATABASE ... TEMPLATE), which takes
 * milliseconds instead of re-running migrations.
 */
export async function setup() {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) return;
  await dropLeftovers(url);
  await adminQuery(url, `drop database if exists ${TEMPLATE_DB} with (force)`);
  await adminQuery(url, `create database ${TEMPLATE_DB}`);
  const db = await createPostgresDatabase({ url: withDatabaseName(url, TEMPLATE_DB), poolSize: 1 });
  try {
    await migrate(db);
  } finally {
    await db.close();
  }
}

export async function teardown() {
  const url = process.env.TEST_DATABASE_URL;
  if (url) await dropLeftovers(url);
}

async function dropLeftovers(url: string) {
  const res = await adminQuery(
    url,
    `select datname from pg_database where datname like '${TEST_DB_PREFIX}%'`,
  );
  for (const row of res.rows as { datname: string }[]) {
    await adminQuery(url, `drop database if exists "${row.datname}" with (force)`);
  }
}
