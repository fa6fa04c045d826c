import { and, type Column, eq, gt, lt, or, type SQL } from 'drizzle-orm';

export interface KeysetPosition {
  createdAt: Date;
  id: string;
}

/**
 * The keyset-pagination predicate for rows ordered by (created_at, id): rows
 * strictly after `position` in `direction` order, or no condition on the first
 * page. Pair it with `orderBy(desc(createdAt), desc(id))` for 'desc'.
 *
 * @example
 * tx.select().from(t).where(keysetAfter(t.createdAt, t.id, after, 'desc')).orderBy(desc(t.createdAt), desc(t.id))
 */
export function keysetAfter(
  createdAt: Column,
  id: Column,
  position: KeysetPosition | undefined,
  direction: 'asc' | 'desc',
): SQL | undefined {
  if (!position) return undefined;
  const beyond = direction === 'desc' ? lt : gt;
  return or(
    beyond(createdAt, position.createdAt),
    and(eq(createdAt, position.createdAt), beyond(id, position.id)),
  );
}
