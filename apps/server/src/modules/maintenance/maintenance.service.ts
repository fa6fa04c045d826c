import type { Database } from '@companero/db';
import { schema } from '@companero/db';
import { lt } from 'drizzle-orm';

// Keep expired rows a week: a replayed, long-expired refresh token is still
// recognised (and audited) as such rather than as garbage.
const RETENTION_MS = 7 * 86_400_000;

export function createMaintenanceService({ db }: { db: Database }) {
  return {
    /** Cross-tenant by nature: one sweep over every creator's expired secrets. */
    async purgeExpiredTokens(now = new Date()) {
      const cutoff = new Date(now.getTime() - RETENTION_MS);
      return db.withSystem('purge expired auth tokens for all creators', async (tx) => {
        const refresh = await tx
          .delete(schema.refreshTokens)
          .where(lt(schema.refreshTokens.expiresAt, cutoff))
          .returning({ id: schema.refreshTokens.id });
        const email = await tx
          .delete(schema.emailTokens)
          .where(lt(schema.emailTokens.expiresAt, cutoff))
          .returning({ id: schema.emailTokens.id });
        return { refreshTokens: refresh.length, emailTokens: email.length };
      });
    },
  };
}
