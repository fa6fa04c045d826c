import type { AuditAction } from '@companero/contracts';
import { type KeysetPosition, keysetAfter, schema, type TenantTx } from '@companero/db';
import { desc } from 'drizzle-orm';

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
    async list(tx: TenantTx, { limit, after }: { limit: number; after?: KeysetPosition }) {
      return tx
        .select()
        .from(t)
        .where(keysetAfter(t.createdAt, t.id, after, 'desc'))
        .orderBy(desc(t.createdAt), desc(t.id))
        .limit(limit + 1);
    },
  };
}
export type AuditRepository = ReturnType<typeof createAuditRepository>;
