import type { AuditEntry } from '@companero/contracts';
import type { Database, TenantTx } from '@companero/db';
import { decodeCursor, toPage } from '../../http/cursor.ts';
import type { TenantContext } from '../../http/plugins/auth.ts';
import type { AuditRecord, AuditRepository } from './audit.repository.ts';

export function createAuditService({ db, repo }: { db: Database; repo: AuditRepository }) {
  return {
    /** Records a security event inside the caller's tenant transaction (same commit as the change). */
    record: (tx: TenantTx, record: AuditRecord) => repo.insert(tx, record),

    /** Actor fields from the request context. */
    actorOf(ctx: Pick<TenantContext, 'actor' | 'ip' | 'userAgent' | 'requestId'>) {
      return {
        actorType: ctx.actor.type,
        actorId: ctx.actor.id,
        ip: ctx.ip,
        userAgent: ctx.userAgent,
        requestId: ctx.requestId,
      };
    },

    async list(ctx: TenantContext, query: { limit: number; cursor?: string }) {
      const after = decodeCursor(query.cursor);
      const rows = await db.readAsTenant(ctx.creatorId, (tx) => repo.list(tx, { limit: query.limit, after }));
      return toPage(
        rows,
        query.limit,
        (r): AuditEntry => ({
          id: r.id,
          action: r.action as AuditEntry['action'],
          actorType: r.actorType,
          actorId: r.actorId,
          ip: r.ip,
          userAgent: r.userAgent,
          data: r.data,
          createdAt: r.createdAt.toISOString(),
        }),
      );
    },
  };
}
export type AuditService = ReturnType<typeof createAuditService>;
