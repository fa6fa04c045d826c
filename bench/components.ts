// Micro-benchmarks of the per-request pieces of GET /api/v1/end-users that the
// CPU profile points at, each next to a cheaper alternative, in CPU µs per call.
// No database and no HTTP: they isolate the code, not the system.
//   npm run components -w @companero/bench
import { randomUUID } from 'node:crypto';
import { EndUserSchema, pageOf } from '@companero/contracts';
import { drizzleOver, type QueryResult, schema, type TenantTx } from '@companero/db';
import { toPage } from '@companero/server/src/http/cursor.ts';
import { createEndUsersRepository } from '@companero/server/src/modules/end-users/end-users.repository.ts';
import { toEndUser } from '@companero/server/src/modules/end-users/end-users.service.ts';
import { createAccessTokens } from '@companero/server/src/platform/security/access-tokens.ts';
import { desc, sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/pg-proxy';
import { serializerCompiler } from 'fastify-type-provider-zod';
import { jwtVerify } from 'jose';
import { round } from './stats.ts';

const SECONDS = Number(process.env.BENCH_COMPONENT_SECONDS ?? 1);

/** Calls `fn` repeatedly for SECONDS (after a warm-up) and returns CPU µs per call, process-wide (thread pool included). */
async function cpuPerCall(fn: () => unknown): Promise<number> {
  const deadline = (ms: number) => performance.now() + ms;
  for (const end = deadline(200); performance.now() < end; ) await fn();
  let calls = 0;
  const before = process.cpuUsage();
  for (const end = deadline(SECONDS * 1000); performance.now() < end; calls++) await fn();
  const cpu = process.cpuUsage(before);
  return (cpu.user + cpu.system) / calls;
}

const rows: QueryResult<unknown> = {
  rowCount: 21,
  rows: Array.from({ length: 21 }, (_, i) => [
    randomUUID(),
    randomUUID(),
    `Client 0-${i}`,
    `client-0-${i}@example.com`,
    `bench-visitor-0-${i}`,
    null,
    null,
    'en',
    'Europe/Madrid',
    ['bench', `cohort-${i % 5}`],
    {},
    new Date(Date.now() - i * 1000),
    null,
  ]),
};
const fakeRun = async () => rows;
const repo = createEndUsersRepository();
const creatorId = randomUUID();
const asTenant = (db: unknown) => Object.assign(db as object, { creatorId }) as unknown as TenantTx;

const secret = 'bench-secret-bench-secret-bench-secret-0123456789';
const accessTokens = createAccessTokens({ secret, ttlSeconds: 3600 });
const { token } = await accessTokens.sign({ creatorId, familyId: randomUUID() });
const cryptoKey = await crypto.subtle.importKey(
  'raw',
  new TextEncoder().encode(secret),
  { name: 'HMAC', hash: 'SHA-256' },
  false,
  ['verify'],
);
const verifyOptions = { algorithms: ['HS256'], issuer: 'companero', audience: 'companero-api' };

const reused = asTenant(drizzleOver(fakeRun));
const mapped = await repo.list(reused, { limit: 20 });
const page = toPage(mapped, 20, toEndUser);
// The same query as repo.list, built once: what a prepared statement on a long-lived instance would cost.
const u = schema.endUsers;
const prepared = reused
  .select()
  .from(u)
  .orderBy(desc(u.createdAt), desc(u.id))
  .limit(sql.placeholder('limit'))
  .prepare('end_users_list');
const serialize = serializerCompiler({
  schema: pageOf(EndUserSchema),
  method: 'GET',
  url: '/api/v1/end-users',
});

const cases: [string, () => unknown][] = [
  ['JWT: accessTokens.verify (today: raw key imported on every call)', () => accessTokens.verify(token)],
  ['JWT: jose jwtVerify with a CryptoKey imported once', () => jwtVerify(token, cryptoKey, verifyOptions)],
  ['Drizzle: drizzleOver() per transaction (today, with the relational schema)', () => drizzleOver(fakeRun)],
  ['Drizzle: drizzle() per transaction without the schema', () => drizzle(fakeRun)],
  [
    'Drizzle: new instance + repo.list (build SQL, map 21 rows)',
    () => repo.list(asTenant(drizzleOver(fakeRun)), { limit: 20 }),
  ],
  ['Drizzle: repo.list on a reused instance', () => repo.list(reused, { limit: 20 })],
  ['Drizzle: the same query prepared once, .execute() (map 21 rows)', () => prepared.execute({ limit: 21 })],
  ['Response: toPage + toEndUser (20 rows)', () => toPage(mapped, 20, toEndUser)],
  ['Response: Zod serializer for pageOf(EndUserSchema) (today)', () => serialize(page)],
  ['Response: JSON.stringify of the same page', () => JSON.stringify(page)],
];

console.log('| Piece (per request) | CPU µs per call |\n|---|---:|');
for (const [name, fn] of cases) console.log(`| ${name} | ${round(await cpuPerCall(fn), 1)} |`);
