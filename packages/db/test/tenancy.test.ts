import { randomUUID } from 'node:crypto';
import { is } from 'drizzle-orm';
import { getTableConfig, PgTable } from 'drizzle-orm/pg-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, schema } from '../src/index.ts';
import { openTestDatabase } from '../src/testing.ts';

/**
 * Tables that are deliberately global (no tenant). Each needs a reason.
 * Everything else in our schemas must have RLS enabled AND forced.
 */
const GLOBAL_TABLES: Record<string, string> = {
  // Which migration files ran; no tenant data, never reachable by app_tenant.
  'public.schema_migrations': 'migration bookkeeping',
};
// Schemas we own. pg-boss keeps its job tables in `pgboss` (global by design:
// jobs carry creator ids in payloads and run through withTenant).
const OUR_SCHEMAS = ['public', 'app'];

let db: Database;
let close: () => Promise<void>;
let a: string;
let b: string;

// One row per tenant table, for creator b (created as b through RLS).
async function seedCreator(email: string) {
  const id = randomUUID();
  await db.withTenant(id, async (tx) => {
    await tx.insert(schema.creators).values({ id, email, displayName: email, passwordHash: 'x' });
    const family = randomUUID();
    await tx
      .insert(schema.refreshTokens)
      .values({ creatorId: id, familyId: family, tokenHash: 'h', expiresAt: new Date(Date.now() + 1e6) });
    await tx.insert(schema.emailTokens).values({
      creatorId: id,
      purpose: 'verify_email',
      tokenHash: 'h',
      expiresAt: new Date(Date.now() + 1e6),
    });
    await tx
      .insert(schema.apiKeys)
      .values({ creatorId: id, name: 'k', prefix: 'p', secretHash: 'h', scopes: ['account:read'] });
    await tx
      .insert(schema.auditLog)
      .values({ creatorId: id, action: 'creator.signed_up', actorType: 'anonymous' });
    const [eu] = await tx
      .insert(schema.endUsers)
      .values({ creatorId: id, widgetVisitorId: `visitor-${id}` })
      .returning();
    const [conv] = await tx
      .insert(schema.conversations)
      .values({ creatorId: id, endUserId: eu!.id, channel: 'web' })
      .returning();
    await tx
      .insert(schema.messages)
      .values({ creatorId: id, conversationId: conv!.id, role: 'user', content: 'hola' });
  });
  return id;
}

const TENANT_TABLES = [
  'refresh_tokens',
  'email_tokens',
  'api_keys',
  'audit_log',
  'end_users',
  'conversations',
  'messages',
];

beforeAll(async () => {
  ({ db, close } = await openTestDatabase());
  a = await seedCreator('a@example.com');
  b = await seedCreator('b@example.com');
});
afterAll(() => close());

describe('row-level security coverage', () => {
  it('has RLS enabled and forced on every table of our schemas, except the commented global ones', async () => {
    const { rows } = await db.unsafeQuery<{ name: string; rls: boolean; force: boolean }>(
      `select n.nspname || '.' || c.relname as name, c.relrowsecurity as rls, c.relforcerowsecurity as force
         from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where c.relkind in ('r', 'p') and n.nspname = any($1)`,
      [OUR_SCHEMAS],
    );
    expect(rows.length).toBeGreaterThanOrEqual(9);
    const unprotected = rows.filter((r) => !(r.rls && r.force) && !GLOBAL_TABLES[r.name]).map((r) => r.name);
    expect(unprotected).toEqual([]);
  });

  it('runs the application as a role that cannot bypass RLS and owns nothing', async () => {
    const { rows } = await db.unsafeQuery<{ rolbypassrls: boolean; rolsuper: boolean; owned: number }>(
      `select rolbypassrls, rolsuper,
              (select count(*)::int from pg_class where relowner = r.oid) as owned
         from pg_roles r where rolname = 'app_tenant'`,
    );
    expect(rows[0]).toEqual({ rolbypassrls: false, rolsuper: false, owned: 0 });
    const who = await db.withTenant(a, (tx) => tx.execute('select current_user as u'));
    expect(who).toEqual([{ u: 'app_tenant' }]);
  });

  it('gives every tenant table a primary key that starts with creator_id (Citus-ready)', async () => {
    const { rows } = await db.unsafeQuery<{ table: string; first: string }>(
      `select c.relname as table, a.attname as first
         from pg_index i join pg_class c on c.oid = i.indrelid
         join pg_attribute a on a.attrelid = c.oid and a.attnum = i.indkey[0]
        where i.indisprimary and c.relname = any($1)`,
      [TENANT_TABLES],
    );
    expect(rows.map((r) => r.first)).toEqual(TENANT_TABLES.map(() => 'creator_id'));
  });
});

describe('isolation between two creators, through SQL as the app role', () => {
  it.each(TENANT_TABLES)('creator A sees only its own rows of %s', async (table) => {
    const rows = await db.withTenant(a, (tx) =>
      tx.execute(`select distinct creator_id::text as c from ${table}`),
    );
    expect(rows).toEqual([{ c: a }]);
  });

  it('creator A cannot read B in the creators table', async () => {
    const rows = await db.withTenant(a, (tx) => tx.select({ id: schema.creators.id }).from(schema.creators));
    expect(rows).toEqual([{ id: a }]);
  });

  it.each(TENANT_TABLES)('creator A cannot update or delete rows of B in %s', async (table) => {
    const result = await db
      .withTenant(a, async (tx) => {
        const setCol = table === 'messages' ? 'content' : 'creator_id';
        const updated = await tx.execute(
          `update ${table} set ${setCol} = ${setCol} where creator_id = '${b}' returning 1`,
        );
        const deleted =
          table === 'audit_log'
            ? []
            : await tx.execute(`delete from ${table} where creator_id = '${b}' returning 1`);
        return { updated: updated.length, deleted: deleted.length };
      })
      .catch((err: Error) => ({ error: err.message }));
    // audit_log is append-only for the app role: the update is refused outright.
    if (table === 'audit_log') expect(result).toHaveProperty('error');
    else expect(result).toEqual({ updated: 0, deleted: 0 });
    const stillThere = await db.withTenant(b, (tx) => tx.execute(`select count(*)::int as n from ${table}`));
    expect(stillThere).toEqual([{ n: 1 }]);
  });

  it('creator A cannot insert a row belonging to B', async () => {
    await expect(
      db.withTenant(a, (tx) =>
        tx.insert(schema.endUsers).values({ creatorId: b, widgetVisitorId: 'intruder-1234' }),
      ),
    ).rejects.toThrow();
    await expect(
      db.withTenant(a, (tx) =>
        tx.insert(schema.creators).values({ email: 'x@example.com', displayName: 'x', passwordHash: 'x' }),
      ),
    ).rejects.toThrow();
  });

  it('cannot move its own row to B by updating creator_id', async () => {
    await expect(
      db.withTenant(a, (tx) => tx.execute(`update end_users set creator_id = '${b}'`)),
    ).rejects.toSatisfy((err: Error) => /row-level security/.test(String((err.cause as Error)?.message)));
  });

  it('sees nothing as the app role when the tenant setting is unset or empty', async () => {
    for (const setting of [null, '']) {
      const rows = await db.withSystem('test: app role without tenant', async (tx) => {
        await tx.execute("select set_config('role', 'app_tenant', true)");
        if (setting !== null) await tx.execute(`select set_config('app.creator_id', '${setting}', true)`);
        return tx.execute('select count(*)::int as n from end_users');
      });
      expect(rows).toEqual([{ n: 0 }]);
    }
  });

  it('does not leak the tenant setting into the next transaction on the same connection', async () => {
    await db.withTenant(a, (tx) => tx.execute('select 1'));
    const rows = await db.withSystem('test: setting after commit', (tx) =>
      tx.execute("select coalesce(current_setting('app.creator_id', true), '') as c, current_user as u"),
    );
    expect(rows[0]).toMatchObject({ c: '' });
    expect(rows[0]).not.toMatchObject({ u: 'app_tenant' });
  });

  it('rolls back every statement of a failed tenant transaction', async () => {
    await expect(
      db.withTenant(a, async (tx) => {
        await tx.insert(schema.endUsers).values({ creatorId: a, widgetVisitorId: 'rolled-back-1' });
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    const rows = await db.withTenant(a, (tx) =>
      tx.execute(`select count(*)::int as n from end_users where widget_visitor_id = 'rolled-back-1'`),
    );
    expect(rows).toEqual([{ n: 0 }]);
  });
});

describe('schema drift', () => {
  it('matches the Drizzle tables to the migrated columns', async () => {
    const tables = Object.values(schema as Record<string, unknown>)
      .filter((t): t is PgTable => is(t, PgTable))
      .map((t) => getTableConfig(t));
    for (const t of tables) {
      const { rows } = await db.unsafeQuery<{ column_name: string; is_nullable: string }>(
        `select column_name, is_nullable from information_schema.columns where table_schema = 'public' and table_name = $1`,
        [t.name],
      );
      const actual = Object.fromEntries(rows.map((r) => [r.column_name, r.is_nullable === 'NO']));
      const declared = Object.fromEntries(t.columns.map((c) => [c.name, c.notNull]));
      expect({ table: t.name, columns: declared }).toEqual({ table: t.name, columns: actual });
    }
  });
});

describe('round trips', () => {
  it.runIf(process.env.TEST_DATABASE_URL)(
    'costs two round trips for a one-statement tenant transaction on PostgreSQL',
    async () => {
      const before = db.stats.roundTrips;
      await db.withTenant(a, (tx) => tx.select().from(schema.endUsers).limit(1));
      expect(db.stats.roundTrips - before).toBe(2);
    },
  );
});

describe('readAsTenant (one round trip per read)', () => {
  it('scopes each statement to the creator, like withTenant', async () => {
    const rows = await db.readAsTenant(a, (tx) =>
      tx.execute('select distinct creator_id::text as c from end_users'),
    );
    expect(rows).toEqual([{ c: a }]);
    const who = await db.readAsTenant(b, (tx) =>
      tx.execute("select current_user as u, current_setting('app.creator_id') as c"),
    );
    expect(who).toEqual([{ u: 'app_tenant', c: b }]);
  });

  it('leaves nothing behind on the connection', async () => {
    await db.readAsTenant(a, (tx) => tx.execute('select 1'));
    const rows = await db.withSystem('test: after readAsTenant', (tx) =>
      tx.execute("select coalesce(current_setting('app.creator_id', true), '') as c, current_user as u"),
    );
    expect(rows[0]).toMatchObject({ c: '' });
    expect(rows[0]).not.toMatchObject({ u: 'app_tenant' });
  });

  it('cannot write another creator rows either', async () => {
    await expect(
      db.readAsTenant(a, (tx) =>
        tx.insert(schema.endUsers).values({ creatorId: b, widgetVisitorId: 'intruder-read-1' }),
      ),
    ).rejects.toThrow();
  });

  it.runIf(process.env.TEST_DATABASE_URL)('costs one round trip per statement on PostgreSQL', async () => {
    const before = db.stats.roundTrips;
    await db.readAsTenant(a, (tx) => tx.select().from(schema.endUsers).limit(1));
    expect(db.stats.roundTrips - before).toBe(1);
  });
});
