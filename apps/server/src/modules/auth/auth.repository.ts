import { type SystemTx, schema, type TenantTx } from '@companero/db';
import { and, eq, isNull, ne } from 'drizzle-orm';

const c = schema.creators;
const rt = schema.refreshTokens;
const et = schema.emailTokens;

export type CreatorRow = typeof c.$inferSelect;
export type RefreshTokenRow = typeof rt.$inferSelect;

export function createAuthRepository() {
  return {
    /** Cross-tenant: the only way to find a creator before knowing who it is. */
    async findCreatorIdByEmail(tx: SystemTx, email: string): Promise<string | undefined> {
      const [row] = await tx.select({ id: c.id }).from(c).where(eq(c.email, email)).limit(1);
      return row?.id;
    },

    async insertCreator(
      tx: TenantTx,
      values: { email: string; displayName: string; passwordHash: string; locale: 'en' | 'es' },
    ) {
      const [row] = await tx
        .insert(c)
        .values({ id: tx.creatorId, ...values })
        .returning();
      return row!;
    },

    async findCreator(tx: TenantTx): Promise<CreatorRow | undefined> {
      const [row] = await tx.select().from(c).where(eq(c.id, tx.creatorId)).limit(1);
      return row;
    },

    async updateCreator(
      tx: TenantTx,
      patch: Partial<Pick<CreatorRow, 'displayName' | 'locale' | 'passwordHash' | 'emailVerifiedAt'>>,
    ) {
      const [row] = await tx
        .update(c)
        .set({ ...patch, updatedAt: new Date() })
        .where(eq(c.id, tx.creatorId))
        .returning();
      return row;
    },

    async insertRefreshToken(tx: TenantTx, values: Omit<typeof rt.$inferInsert, 'creatorId'>) {
      await tx.insert(rt).values({ creatorId: tx.creatorId, ...values });
    },

    /** Locks the row so two concurrent refreshes of one token cannot both succeed. */
    async findRefreshTokenForUpdate(tx: TenantTx, id: string): Promise<RefreshTokenRow | undefined> {
      const [row] = await tx.select().from(rt).where(eq(rt.id, id)).limit(1).for('update');
      return row;
    },

    async markRefreshTokenUsed(tx: TenantTx, id: string) {
      await tx.update(rt).set({ usedAt: new Date() }).where(eq(rt.id, id));
    },

    async revokeFamily(tx: TenantTx, familyId: string) {
      await tx
        .update(rt)
        .set({ revokedAt: new Date() })
        .where(and(eq(rt.familyId, familyId), isNull(rt.revokedAt)));
    },

    /** Revokes every session of the creator, optionally keeping one family (the caller's own). */
    async revokeAllFamilies(tx: TenantTx, exceptFamilyId?: string) {
      await tx
        .update(rt)
        .set({ revokedAt: new Date() })
        .where(and(isNull(rt.revokedAt), exceptFamilyId ? ne(rt.familyId, exceptFamilyId) : undefined));
    },

    async insertEmailToken(tx: TenantTx, values: Omit<typeof et.$inferInsert, 'creatorId'>) {
      await tx.insert(et).values({ creatorId: tx.creatorId, ...values });
    },

    async findEmailTokenForUpdate(tx: TenantTx, id: string, purpose: 'verify_email' | 'reset_password') {
      const [row] = await tx
        .select()
        .from(et)
        .where(and(eq(et.id, id), eq(et.purpose, purpose)))
        .limit(1)
        .for('update');
      return row;
    },

    /** Using one link also invalidates the other outstanding links of the same purpose. */
    async markEmailTokensUsed(tx: TenantTx, purpose: 'verify_email' | 'reset_password') {
      await tx
        .update(et)
        .set({ usedAt: new Date() })
        .where(and(eq(et.purpose, purpose), isNull(et.usedAt)));
    },
  };
}
export type AuthRepository = ReturnType<typeof createAuthRepository>;
