// One benchmark server per process, chosen by BENCH_SERVER (see ServerKind).
// The runner starts it pinned to core 0 and talks to it over IPC; every variant
// answers GET /__bench/stats (database round trips, requests served, CPU used).
import { mkdirSync, writeFileSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { Session } from 'node:inspector/promises';
import { dirname } from 'node:path';
import { createPostgresDatabase, drizzleOver, type TenantTx } from '@companero/db';
import { buildApp } from '@companero/server/src/app.ts';
import { loadConfig } from '@companero/server/src/env.ts';
import { encodeCursor } from '@companero/server/src/http/cursor.ts';
import type { TenantContext } from '@companero/server/src/http/plugins/auth.ts';
import { createAuditRepository } from '@companero/server/src/modules/audit/audit.repository.ts';
import { createAuditService } from '@companero/server/src/modules/audit/audit.service.ts';
import { createEndUsersRepository } from '@companero/server/src/modules/end-users/end-users.repository.ts';
import { createEndUsersService } from '@companero/server/src/modules/end-users/end-users.service.ts';
import { createLogger } from '@companero/server/src/platform/logger.ts';
import { createPlatform } from '@companero/server/src/platform/platform.ts';
import { signUpAndLogIn } from '@companero/server/src/testing/http.ts';
import Fastify, { type FastifyInstance } from 'fastify';
import type { ServerKind, ServerReady, ServerStats } from './protocol.ts';

const HOST = '127.0.0.1';
const PAGE = 20;

function env(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is required`);
  return value;
}

/** Counts requests served, leaving out the runner's own /__bench/ calls. */
function countRequests(app: FastifyInstance) {
  const counter = { requests: 0 };
  app.server.on('request', (req: IncomingMessage) => {
    if (!req.url?.startsWith('/__bench/')) counter.requests += 1;
  });
  return counter;
}

/**
 * The runner's routes: counters, and a CPU profile of the measured window only
 * (BENCH_PROFILE), taken in-process so start-up and warm-up stay out of it.
 */
function addBenchRoutes(app: FastifyInstance, roundTrips: () => number) {
  let profiler: Session | undefined;
  app.post('/__bench/profile/start', async () => {
    profiler = new Session();
    profiler.connect();
    await profiler.post('Profiler.enable');
    await profiler.post('Profiler.start');
    return { profiling: true };
  });
  app.post('/__bench/profile/stop', async () => {
    if (!profiler) throw new Error('no profile running');
    const { profile } = await profiler.post('Profiler.stop');
    const file = env('BENCH_PROFILE_FILE');
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, JSON.stringify(profile));
    profiler.disconnect();
    profiler = undefined;
    return { file };
  });
  const counter = countRequests(app);
  app.get('/__bench/stats', async (): Promise<ServerStats> => {
    const cpu = process.cpuUsage();
    return { roundTrips: roundTrips(), requests: counter.requests, cpuMicros: cpu.user + cpu.system };
  });
}

/** (1) The HTTP ceiling: Fastify answering a constant JSON object. */
async function hello() {
  const app = Fastify();
  app.get('/hello', async () => ({ hello: 'world' }));
  addBenchRoutes(app, () => 0);
  return { app, ready: {}, close: async () => {} };
}

/**
 * The SQL Drizzle sends for the end-users list (captured, not retyped), plus an
 * explicit creator filter: the floor has no RLS context to do it.
 */
async function endUsersListSql() {
  let sent: { text: string; params: unknown[] } | undefined;
  const tx = drizzleOver(async (text, params) => {
    sent = { text, params };
    return { rows: [], rowCount: 0 };
  });
  await createEndUsersRepository().list(tx as unknown as TenantTx, { limit: PAGE });
  if (!sent?.text.includes(' order by ')) throw new Error(`unexpected list SQL: ${sent?.text}`);
  const where = ` where "end_users"."creator_id" = $${sent.params.length + 1}`;
  return { text: sent.text.replace(' order by ', `${where} order by `), params: sent.params };
}

interface EndUserDbRow {
  id: string;
  display_name: string | null;
  email: string | null;
  widget_visitor_id: string | null;
  phone_e164: string | null;
  app_account_id: string | null;
  locale: string | null;
  timezone: string | null;
  tags: string[];
  created_at: Date;
  last_seen_at: Date | null;
}

/** The API's page, built by hand from snake_case rows: byte-identical to what the product answers. */
function toApiPage(rows: EndUserDbRow[]) {
  const items = rows.slice(0, PAGE);
  const last = items[items.length - 1];
  return {
    items: items.map((r) => ({
      id: r.id,
      displayName: r.display_name,
      email: r.email,
      widgetVisitorId: r.widget_visitor_id,
      phoneE164: r.phone_e164,
      appAccountId: r.app_account_id,
      locale: r.locale,
      timezone: r.timezone,
      tags: r.tags,
      createdAt: r.created_at.toISOString(),
      lastSeenAt: r.last_seen_at?.toISOString() ?? null,
    })),
    nextCursor: rows.length > PAGE && last ? encodeCursor(last.created_at, last.id) : null,
  };
}

/**
 * (2) The database floor: the same SQL through the plain `pg` pool, one
 * autocommit statement, no JWT, no tenant transaction, no Drizzle, no Zod; the
 * response body is built to be byte-identical to the API's.
 */
async function floor() {
  const creatorId = env('BENCH_CREATOR_ID');
  const db = await createPostgresDatabase({
    url: env('BENCH_PG_URL'),
    poolSize: Number(env('BENCH_POOL_SIZE')),
  });
  const sql = await endUsersListSql();
  const values = [...sql.params, creatorId];
  let roundTrips = 0;
  const app = Fastify();
  app.get('/api/v1/end-users', async () => {
    roundTrips += 1;
    const { rows } = await db.pool.query<EndUserDbRow>({ text: sql.text, values });
    return toApiPage(rows);
  });
  addBenchRoutes(app, () => roundTrips);
  return { app, ready: { sql: sql.text }, close: () => db.close() };
}

/**
 * (2b) Diagnostic, between floor and product: the product's own end-users
 * service (whatever data path it takes: tenant scope, Drizzle repository,
 * toPage/toEndUser) behind a bare Fastify route: no JWT, no plugins, no Zod serializer.
 */
async function tenant() {
  const creatorId = env('BENCH_CREATOR_ID');
  const db = await createPostgresDatabase({
    url: env('BENCH_PG_URL'),
    poolSize: Number(env('BENCH_POOL_SIZE')),
  });
  const audit = createAuditService({ db, repo: createAuditRepository() });
  const endUsers = createEndUsersService({ db, repo: createEndUsersRepository(), audit });
  // The list reads only the creator id from the request context.
  const ctx = { creatorId } as TenantContext;
  const app = Fastify();
  app.get('/api/v1/end-users', () => endUsers.list(ctx, { limit: PAGE }));
  addBenchRoutes(app, () => db.stats.roundTrips);
  return { app, ready: {}, close: () => db.close() };
}

/**
 * (2c) Diagnostic, opt-in: 2b without the query builder. The same tenant-scoped
 * read (readAsTenant, as the service uses) runs the SQL Drizzle would have
 * built, as a ready string (RLS filters by creator), mapped by hand like the floor.
 */
async function tenantSql() {
  const creatorId = env('BENCH_CREATOR_ID');
  const db = await createPostgresDatabase({
    url: env('BENCH_PG_URL'),
    poolSize: Number(env('BENCH_POOL_SIZE')),
  });
  const list = await endUsersListSql();
  const text = list.text.replace(/ where .* order by /, ' order by ').replace('$1', String(PAGE + 1));
  const app = Fastify();
  app.get('/api/v1/end-users', async () => {
    // pg-proxy's execute resolves to the rows themselves.
    const rows = await db.readAsTenant(creatorId, (tx) => tx.execute(text));
    return toApiPage(rows as unknown as EndUserDbRow[]);
  });
  addBenchRoutes(app, () => db.stats.roundTrips);
  return { app, ready: { sql: text }, close: () => db.close() };
}

/** Signs up two creators and gives each end users, so RLS has rows to filter out. */
async function seed(app: FastifyInstance, mailer: Parameters<typeof signUpAndLogIn>[1], endUsers: number) {
  const creators = [await signUpAndLogIn(app, mailer), await signUpAndLogIn(app, mailer)];
  for (const [n, creator] of creators.entries()) {
    const count = n === 0 ? endUsers : Math.ceil(endUsers / 2);
    for (let i = 0; i < count; i++) {
      const res = await app.inject({
        method: 'POST',
        url: '/api/v1/end-users',
        headers: creator.auth,
        payload: {
          displayName: `Client ${n}-${i}`,
          email: `client-${n}-${i}@example.com`,
          widgetVisitorId: `bench-visitor-${n}-${i}`,
          locale: i % 2 ? 'es' : 'en',
          timezone: 'Europe/Madrid',
          tags: ['bench', `cohort-${i % 5}`],
        },
      });
      if (res.statusCode !== 201) throw new Error(`seeding end user failed: ${res.statusCode} ${res.body}`);
    }
  }
  return creators[0]!;
}

/**
 * (3) The product: buildApp wired exactly as `npm run start:api` wires it
 * (config from the environment, createPlatform, buildApp), on PostgreSQL when
 * DATABASE_URL is set, else PGlite under DATA_DIR.
 */
async function product() {
  const config = loadConfig(process.env);
  const logger = createLogger(config);
  const platform = await createPlatform(config, logger);
  const app = await buildApp({ config, logger, ...platform });
  addBenchRoutes(app, () => platform.db.stats.roundTrips);
  await app.ready();
  const creator = await seed(app, platform.mailer, Number(env('BENCH_SEED_END_USERS')));
  return {
    app,
    ready: { creatorId: creator.creatorId, accessToken: creator.accessToken },
    close: () => platform.close(),
  };
}

interface Built {
  app: FastifyInstance;
  ready: Omit<ServerReady, 'type' | 'port'>;
  close(): Promise<void>;
}

const builders: Record<ServerKind, () => Promise<Built>> = {
  hello,
  floor,
  tenant,
  'tenant-sql': tenantSql,
  app: product,
};

async function main() {
  const kind = env('BENCH_SERVER') as ServerKind;
  const build = builders[kind];
  if (!build || !process.send)
    throw new Error('server.ts runs as a child of run-all.ts with BENCH_SERVER set');
  const { app, ready, close } = await build();
  await app.listen({ host: HOST, port: 0 });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('no TCP address');
  process.send({ type: 'ready', port: address.port, ...ready } satisfies ServerReady);

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await app.close();
    await close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop());
  process.on('SIGINT', () => void stop());
  // The runner is gone (crashed or killed): do not linger.
  process.on('disconnect', () => void stop());
}

main().catch((err: Error) => {
  console.error(err);
  process.exit(1);
});
