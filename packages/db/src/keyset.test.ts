import { PgDialect } from 'drizzle-orm/pg-core';
import { describe, expect, it } from 'vitest';
import { keysetAfter } from './keyset.ts';
import { endUsers } from './schema/conversations.ts';

const dialect = new PgDialect();

describe('keysetAfter', () => {
  it('adds no condition on the first page', () => {
    expect(keysetAfter(endUsers.createdAt, endUsers.id, undefined, 'desc')).toBeUndefined();
  });

  it('pages backwards in time for desc order, breaking ties on id', () => {
    const at = new Date('2026-01-01T00:00:00Z');
    const q = dialect.sqlToQuery(
      keysetAfter(endUsers.createdAt, endUsers.id, { createdAt: at, id: 'x' }, 'desc')!,
    );
    expect(q.sql).toBe(
      '("end_users"."created_at" < $1 or ("end_users"."created_at" = $2 and "end_users"."id" < $3))',
    );
    expect(q.params).toEqual([at.toISOString(), at.toISOString(), 'x']);
  });

  it('pages forwards for asc order', () => {
    const q = dialect.sqlToQuery(
      keysetAfter(endUsers.createdAt, endUsers.id, { createdAt: new Date(0), id: 'x' }, 'asc')!,
    );
    expect(q.sql).toContain('"end_users"."created_at" > $1');
  });
});
