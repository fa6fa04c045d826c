import type { Conversation, CreateConversationBody } from '@companero/contracts';
import type { Database } from '@companero/db';
import { decodeCursor, toPage } from '../../http/cursor.ts';
import type { TenantContext } from '../../http/plugins/auth.ts';
import { notFound } from '../../platform/errors/app-error.ts';
import type { AssistantRepository } from '../assistant/assistant.repository.ts';
import { toMessageWithMeta } from '../assistant/message-view.ts';
import type { EndUsersRepository } from '../end-users/end-users.repository.ts';
import type { ConversationRow, ConversationsRepository } from './conversations.repository.ts';

const toConversation = (r: ConversationRow): Conversation => ({
  id: r.id,
  endUserId: r.endUserId,
  channel: r.channel,
  status: r.status,
  subject: r.subject,
  lastMessageAt: r.lastMessageAt?.toISOString() ?? null,
  createdAt: r.createdAt.toISOString(),
});

export function createConversationsService({
  db,
  repo,
  endUsers,
  feedback,
}: {
  db: Database;
  repo: ConversationsRepository;
  endUsers: Pick<EndUsersRepository, 'find'>;
  feedback: Pick<AssistantRepository, 'feedbackFor'>;
}) {
  return {
    async list(
      ctx: TenantContext,
      q: {
        limit: number;
        cursor?: string;
        status?: Conversation['status'];
        channel?: Conversation['channel'];
      },
    ) {
      const after = decodeCursor(q.cursor);
      const rows = await db.readAsTenant(ctx.creatorId, (tx) => repo.list(tx, { ...q, after }));
      return toPage(rows, q.limit, toConversation);
    },
    async get(ctx: TenantContext, id: string) {
      const row = await db.readAsTenant(ctx.creatorId, (tx) => repo.find(tx, id));
      if (!row) throw notFound('Conversation');
      return toConversation(row);
    },
    async create(ctx: TenantContext, input: CreateConversationBody) {
      const row = await db.withTenant(ctx.creatorId, async (tx) => {
        // RLS hides other creators' end users, so this is also the isolation check.
        if (!(await endUsers.find(tx, input.endUserId))) throw notFound('End user');
        return repo.insert(tx, input);
      });
      return toConversation(row);
    },
    async listMessages(ctx: TenantContext, id: string, q: { limit: number; cursor?: string }) {
      const after = decodeCursor(q.cursor);
      const { rows, ratings } = await db.withTenant(ctx.creatorId, async (tx) => {
        if (!(await repo.find(tx, id))) throw notFound('Conversation');
        const rows = await repo.listMessages(tx, id, { limit: q.limit, after });
        const answers = rows.filter((r) => r.role === 'assistant').map((r) => r.id);
        return { rows, ratings: await feedback.feedbackFor(tx, answers) };
      });
      const byMessage = new Map(ratings.map((f) => [f.messageId, f]));
      return toPage(rows, q.limit, (r) => toMessageWithMeta(r, byMessage.get(r.id)));
    },
  };
}
export type ConversationsService = ReturnType<typeof createConversationsService>;
