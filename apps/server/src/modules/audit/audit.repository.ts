import type { AuditAction } from '@companero/contracts';
import { schema, type TenantTx } from '@companero/db';
import { and, desc, eq, lt, or } from 'drizzle-orm';

export interface AuditRecord {
  action: AuditAction;
  actorType: 'creator' | 'api_key' | 'system' | 'anonymous';
  actorId?: string | null;
  ip?: string | null;
  userAgent?: string | null;
  requestId?: string | null;
  data?: Record<string, unknown>;
}

const t = schema.auditLog;

export function createAuditRepository() {
  return {
    async insert(tx: TenantTx, record: AuditRecord) {
      await tx.insert(t).values({ creatorId: tx.creatorId, ...record, data: record.data ?? {} });
    },
    /** Newest first; keyset on (created_at, id). */
    async list(tx: TenantTx, { limit, after }: { limit: number; after?: { createdAt: Date; id: string } }) {
      return tx
        .select()
        .from(t)
        .where(
          after
            ? or(lt(t.createdAt, after.createdAt), and(eq(t.createdAt, after.createdAt), lt(t.id, after.id)))
            : undefined,
        )
        .orderBy(desc(t.createdAt), desc(t.id))
        .limit(limit + 1);
    },
  };
}
export type AuditRepository = ReturnType<typeof createAuditRepository>;
