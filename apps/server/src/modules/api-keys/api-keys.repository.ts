import { schema, type TenantTx } from '@companero/db';
import { and, desc, eq, isNull, lt, or } from 'drizzle-orm';

const k = schema.apiKeys;
export type ApiKeyRow = typeof k.$inferSelect;

export function createApiKeysRepository() {
  return {
    async insert(tx: TenantTx, values: Omit<typeof k.$inferInsert, 'creatorId'>) {
      const [row] = await tx
        .insert(k)
        .values({ creatorId: tx.creatorId, ...values })
        .returning();
      return row!;
    },
    list: (tx: TenantTx) => tx.select().from(k).orderBy(desc(k.createdAt)).limit(500),
    async find(tx: TenantTx, id: string): Promise<ApiKeyRow | undefined> {
      const [row] = await tx.select().from(k).where(eq(k.id, id)).limit(1);
      return row;
    },
    async revoke(tx: TenantTx, id: string) {
      const [row] = await tx
        .update(k)
        .set({ revokedAt: new Date() })
        .where(and(eq(k.id, id), isNull(k.revokedAt)))
        .returning({ id: k.id });
      return row !== undefined;
    },
    /** Writes last_used_at at most once a minute per key, not on every request. */
    async touch(tx: TenantTx, id: string, now: Date) {
      await tx
        .update(k)
        .set({ lastUsedAt: now })
        .where(
          and(eq(k.id, id), or(isNull(k.lastUsedAt), lt(k.lastUsedAt, new Date(now.getTime() - 60_000)))),
        );
    },
  };
}
export type ApiKeysRepository = ReturnType<typeof createApiKeysRepository>;
