import type { CreateEndUserBody, EndUser, UpdateEndUserBody } from '@companero/contracts';
import type { Database } from '@companero/db';
import { decodeCursor, toPage } from '../../http/cursor.ts';
import type { TenantContext } from '../../http/plugins/auth.ts';
import { AppError, notFound } from '../../platform/errors/app-error.ts';
import type { AuditService } from '../audit/audit.service.ts';
import type { EndUserRow, EndUsersRepository } from './end-users.repository.ts';

export const toEndUser = (r: EndUserRow): EndUser => ({
  id: r.id,
  displayName: r.displayName,
  email: r.email,
  widgetVisitorId: r.widgetVisitorId,
  phoneE164: r.phoneE164,
  appAccountId: r.appAccountId,
  locale: r.locale,
  timezone: r.timezone,
  tags: r.tags,
  proactiveOptIn: r.proactiveOptIn,
  createdAt: r.createdAt.toISOString(),
  lastSeenAt: r.lastSeenAt?.toISOString() ?? null,
});

/** A creator's clients: one record per person, reachable by widget visitor id, phone or app account. */
export function createEndUsersService({
  db,
  repo,
  audit,
}: {
  db: Database;
  repo: EndUsersRepository;
  audit: AuditService;
}) {
  return {
    async list(ctx: TenantContext, query: { limit: number; cursor?: string }) {
      const after = decodeCursor(query.cursor);
      const rows = await db.readAsTenant(ctx.creatorId, (tx) => repo.list(tx, { limit: query.limit, after }));
      return toPage(rows, query.limit, toEndUser);
    },
    async get(ctx: TenantContext, id: string) {
      const row = await db.readAsTenant(ctx.creatorId, (tx) => repo.find(tx, id));
      if (!row) throw notFound('End user');
      return toEndUser(row);
    },
    async create(ctx: TenantContext, input: CreateEndUserBody & { tags: string[] }) {
      try {
        const row = await db.withTenant(ctx.creatorId, async (tx) => {
          const row = await repo.insert(tx, input);
          await audit.record(tx, {
            ...audit.actorOf(ctx),
            action: 'end_user.created',
            data: { endUserId: row.id },
          });
          return row;
        });
        return toEndUser(row);
      } catch (err) {
        const code =
          (err as { code?: string; cause?: { code?: string } }).cause?.code ??
          (err as { code?: string }).code;
        if (code === '23505')
          throw new AppError(
            'CONFLICT',
            'An end user with this visitor id, phone or app account already exists',
          );
        throw err;
      }
    },
    async update(ctx: TenantContext, id: string, input: UpdateEndUserBody) {
      const row = await db.withTenant(ctx.creatorId, (tx) => repo.update(tx, id, input));
      if (!row) throw notFound('End user');
      return toEndUser(row);
    },
    async delete(ctx: TenantContext, id: string) {
      await db.withTenant(ctx.creatorId, async (tx) => {
        if (!(await repo.delete(tx, id))) throw notFound('End user');
        await audit.record(tx, {
          ...audit.actorOf(ctx),
          action: 'end_user.deleted',
          data: { endUserId: id },
        });
      });
    },
  };
}
export type EndUsersService = ReturnType<typeof createEndUsersService>;
