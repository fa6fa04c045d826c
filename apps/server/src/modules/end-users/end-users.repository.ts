import { type KeysetPosition, keysetAfter, schema, type TenantTx } from '@companero/db';
import { desc, eq } from 'drizzle-orm';

const u = schema.endUsers;
export type EndUserRow = typeof u.$inferSelect;

export function createEndUsersRepository() {
  return {
    /** Newest first, keyset on (created_at, id). Returns limit + 1 rows to tell if there is a next page. */
    list(tx: TenantTx, { limit, after }: { limit: number; after?: KeysetPosition }) {
      return tx
        .select()
        .from(u)
        .where(keysetAfter(u.createdAt, u.id, after, 'desc'))
        .orderBy(desc(u.createdAt), desc(u.id))
        .limit(limit + 1);
    },
    async find(tx: TenantTx, id: string): Promise<EndUserRow | undefined> {
      const [row] = await tx.select().from(u).where(eq(u.id, id)).limit(1);
      return row;
    },
    async insert(tx: TenantTx, values: Omit<typeof u.$inferInsert, 'creatorId'>) {
      const [row] = await tx
        .insert(u)
        .values({ creatorId: tx.creatorId, ...values })
        .returning();
      return row!;
    },
    async update(tx: TenantTx, id: string, values: Partial<Omit<typeof u.$inferInsert, 'creatorId' | 'id'>>) {
      if (Object.keys(values).length === 0) return this.find(tx, id);
      const [row] = await tx.update(u).set(values).where(eq(u.id, id)).returning();
      return row;
    },
    async delete(tx: TenantTx, id: string) {
      const rows = await tx.delete(u).where(eq(u.id, id)).returning({ id: u.id });
      return rows.length > 0;
    },
  };
}
export type EndUsersRepository = ReturnType<typeof createEndUsersRepository>;
