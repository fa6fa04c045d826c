// `npm run db:migrate`: apply pending migrations and exit.

import { join } from 'node:path';
import { migrate, openDatabase } from '@companero/db';
import { loadConfig } from '../env.ts';

const config = loadConfig();
const db = await openDatabase({
  url: config.DATABASE_URL,
  dataDir: config.DATABASE_URL ? undefined : join(config.dataDir, 'pglite'),
});
try {
  const applied = await migrate(db);
  console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'Database is up to date.');
} finally {
  await db.close();
}
