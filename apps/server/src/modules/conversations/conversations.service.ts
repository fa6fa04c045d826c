import type {
  Conversation,
  ConversationSummary,
  CreateConversationBody,
  CreatorMessageBody,
  MessageWithMeta,
} from '@companero/contracts';
import type { Database } from '@companero/db';
import { decodeCursor, encodeCursor, toPage } from '../../http/cursor.ts';
import type { TenantContext } from '../../http/plugins/auth.ts';
import { AppError, notFound } from '../../platform/errors/app-error.ts';
import type { PubSub } from '../../platform/pubsub/index.ts';
import type { Analytics } from '../analytics/analytics.service.ts';
import type { AssistantRepository } from '../assistant/assistant.repository.ts';
import { conversationChannel, toMessageWithMeta } from '../assistant/message-view.ts';
import type { EndUsersRepository } from '../end-users/end-users.repository.ts';
import type { ConversationRow, ConversationsRepository, SummaryRow } from './conversations.repository.ts';

const iso = (v: string | Date | null): string | null => (v === null ? null : new Date(v).toISOString());

const toSummary = (r: SummaryRow): ConversationSummary => ({
  id: r.id,
  endUserId: r.end_user_id,
  channel: r.channel,
  status: r.status,
  subject: r.subject,
  lastMessageAt: iso(r.last_message_at),
  createdAt: iso(r.created_at)!,
  endUser: { id: r.end_user_id, displayName: r.display_name, email: r.email },
  preview:
    r.preview_role && r.preview_content !== null
      ? { role: r.preview_role, content: r.preview_content, createdAt: iso(r.preview_at)! }
      : null,
  messageCount: Number(r.message_count),
  unreadCount: Number(r.unread_count),
  sentiment: r.sentiment,
  alert:
    r.alert_id && r.alert_kind ? { id: r.alert_id, kind: r.alert_kind, createdAt: iso(r.alert_at)! } : null,
  visitorReadAt: iso(r.user_read_at),
});

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
  pubsub,
  outbound,
  analytics,
}: {
  db: Database;
  repo: ConversationsRepository;
  endUsers: Pick<EndUsersRepository, 'find'>;
  feedback: Pick<AssistantRepository, 'feedbackFor'>;
  /** Live events to the conversation's subscribers (widget, inbox, app); none in some tests. */
  pubsub?: Pick<PubSub, 'publish'>;
  /** Sends the creator's messages on to external channels (WhatsApp), after commit. */
  outbound?: (creatorId: string, conversation: ConversationRow, messageIds: string[]) => Promise<void>;
  /** New conversations and the creator's messages go to analytics (after commit); none in some tests. */
  analytics?: Pick<Analytics, 'track'>;
}) {
  const publish = (creatorId: string, conversationId: string, event: unknown) =>
    pubsub
      ?.publish(conversationChannel(creatorId, conversationId), JSON.stringify(event))
      .catch(() => undefined);
  return {
    /** The inbox list: newest activity first, with filters (see `listSummaries`). */
    async list(
      ctx: TenantContext,
      q: {
        limit: number;
        cursor?: string;
        status?: Conversation['status'];
        channel?: Conversation['channel'];
        sentiment?: 'negative' | 'neutral' | 'positive';
        unread?: boolean;
        attention?: boolean;
      },
    ) {
      const after = decodeCursor(q.cursor);
      const rows = await db.readAsTenant(ctx.creatorId, (tx) => repo.listSummaries(tx, { ...q, after }));
      const items = rows.slice(0, q.limit);
      const last = items.at(-1);
      return {
        items: items.map(toSummary),
        nextCursor: rows.length > q.limit && last ? encodeCursor(new Date(last.activity_at), last.id) : null,
      };
    },
    /** The creator read the client's messages (up to `messageId`, or all); the client's widget shows "Seen". */
    async markRead(ctx: TenantContext, id: string, messageId?: string): Promise<ConversationSummary> {
      const { summary, readUpTo } = await db.withTenant(ctx.creatorId, async (tx) => {
        if (!(await repo.markCreatorRead(tx, id, messageId))) throw notFound('Conversation');
        const [summary] = await repo.listSummaries(tx, { limit: 1, ids: [id] });
        return { summary, readUpTo: messageId ?? (await repo.lastUserMessageId(tx, id)) };
      });
      if (readUpTo)
        publish(ctx.creatorId, id, { type: 'read', conversationId: id, who: 'creator', messageId: readUpTo });
      if (summary) return toSummary(summary);
      // A conversation with no messages yet is not in the inbox list; describe it all the same.
      const row = await db.readAsTenant(ctx.creatorId, (tx) => repo.find(tx, id));
      if (!row) throw notFound('Conversation');
      return {
        ...toConversation(row),
        endUser: { id: row.endUserId, displayName: null, email: null },
        preview: null,
        messageCount: row.messageCount,
        unreadCount: 0,
        sentiment: null,
        alert: null,
        visitorReadAt: row.userReadAt?.toISOString() ?? null,
      };
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
      analytics?.track(
        ctx.creatorId,
        'conversation_started',
        { conversationId: row.id, channel: row.channel },
        { endUserId: row.endUserId },
      );
      return toConversation(row);
    },
    /** Take over (`human`), hand back (`bot`), close, or reopen a closed one; subscribers get a `status` event. */
    async setStatus(ctx: TenantContext, id: string, status: Conversation['status']) {
      const { row, changed } = await db.withTenant(ctx.creatorId, async (tx) => {
        const current = await repo.lock(tx, id);
        if (!current) throw notFound('Conversation');
        if (current.status === status) return { row: current, changed: false };
        return { row: (await repo.setStatus(tx, id, status))!, changed: true };
      });
      if (changed) publish(ctx.creatorId, id, { type: 'status', conversationId: id, status });
      return toConversation(row);
    },
    /**
     * The creator writes as themselves. A conversation the AI has is taken
     * over first (the AI stays quiet until it is handed back).
     */
    async postCreatorMessage(
      ctx: TenantContext,
      id: string,
      body: CreatorMessageBody,
    ): Promise<MessageWithMeta> {
      const { message, tookOver, conversation } = await db.withTenant(ctx.creatorId, async (tx) => {
        const current = await repo.lock(tx, id);
        if (!current) throw notFound('Conversation');
        if (current.status === 'closed')
          throw new AppError('CONFLICT', 'This conversation is closed; the client can start a new one');
        const inserted = await repo.insertCreatorMessage(tx, id, {
          content: body.content,
          clientMessageId: body.clientMessageId ?? null,
        });
        const message = inserted ?? (await repo.findByClientId(tx, id, body.clientMessageId ?? ''));
        if (!message) throw new AppError('CONFLICT', 'The message could not be stored; retry');
        const tookOver = Boolean(inserted) && current.status === 'bot';
        if (tookOver) await repo.setStatus(tx, id, 'human');
        return { message: { row: message, fresh: Boolean(inserted) }, tookOver, conversation: current };
      });
      const view = toMessageWithMeta(message.row);
      if (tookOver) publish(ctx.creatorId, id, { type: 'status', conversationId: id, status: 'human' });
      if (message.fresh) {
        analytics?.track(
          ctx.creatorId,
          'message_sent',
          { conversationId: id, channel: conversation.channel, role: 'creator' },
          { endUserId: conversation.endUserId },
        );
        publish(ctx.creatorId, id, { type: 'message', message: view });
        await outbound?.(ctx.creatorId, conversation, [message.row.id]);
      }
      return view;
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
