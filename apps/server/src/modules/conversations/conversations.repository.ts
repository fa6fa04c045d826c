import { type KeysetPosition, keysetAfter, schema, type TenantTx } from '@companero/db';
import { and, asc, desc, eq, sql } from 'drizzle-orm';

const c = schema.conversations;
const m = schema.messages;
export type ConversationRow = typeof c.$inferSelect;
export type MessageRow = typeof m.$inferSelect;

export type SummaryRow = {
  id: string;
  end_user_id: string;
  channel: ConversationRow['channel'];
  status: ConversationRow['status'];
  subject: string | null;
  last_message_at: string | Date | null;
  created_at: string | Date;
  message_count: number;
  user_read_at: string | Date | null;
  activity_at: string | Date;
  display_name: string | null;
  email: string | null;
  preview_role: 'user' | 'assistant' | 'creator' | 'system' | null;
  preview_content: string | null;
  preview_at: string | Date | null;
  unread_count: number;
  sentiment: 'negative' | 'neutral' | 'positive' | null;
  alert_id: string | null;
  alert_kind: 'self_harm' | 'medical_emergency' | 'violence' | 'handoff_request' | null;
  alert_at: string | Date | null;
};

export function createConversationsRepository() {
  return {
    /**
     * The inbox: conversations with at least one message, most recent activity
     * first, each with its client, latest message, unread count (client
     * messages after the creator's read mark, capped at 99), the sentiment of
     * the client's latest message and the newest unresolved alert.
     */
    async listSummaries(
      tx: TenantTx,
      q: {
        limit: number;
        after?: KeysetPosition;
        ids?: string[];
        status?: ConversationRow['status'];
        channel?: ConversationRow['channel'];
        sentiment?: 'negative' | 'neutral' | 'positive';
        unread?: boolean;
        attention?: boolean;
      },
    ): Promise<SummaryRow[]> {
      const where = [sql`c.message_count > 0`];
      if (q.ids) where.push(sql`c.id = any(${`{${q.ids.join(',')}}`}::uuid[])`);
      if (q.status) where.push(sql`c.status = ${q.status}`);
      if (q.channel) where.push(sql`c.channel = ${q.channel}`);
      if (q.sentiment) where.push(sql`s.sentiment = ${q.sentiment}`);
      if (q.unread === true) where.push(sql`un.n > 0`);
      if (q.unread === false) where.push(sql`un.n = 0`);
      if (q.attention === true) where.push(sql`al.id is not null`);
      if (q.attention === false) where.push(sql`al.id is null`);
      if (q.after)
        where.push(
          sql`(coalesce(c.last_message_at, c.created_at), c.id) < (${q.after.createdAt.toISOString()}::timestamptz, ${q.after.id}::uuid)`,
        );
      const rows = await tx.execute<SummaryRow>(sql`
        select c.id, c.end_user_id, c.channel, c.status, c.subject, c.last_message_at, c.created_at,
          c.message_count, c.user_read_at, coalesce(c.last_message_at, c.created_at) as activity_at,
          u.display_name, u.email,
          lm.role as preview_role, left(lm.content, 160) as preview_content, lm.created_at as preview_at,
          un.n as unread_count, s.sentiment, al.id as alert_id, al.kind as alert_kind, al.created_at as alert_at
        from conversations c
        join end_users u on u.id = c.end_user_id
        left join lateral (
          select role, content, created_at from messages
          where conversation_id = c.id and role <> 'system'
          order by created_at desc, id desc limit 1
        ) lm on true
        left join lateral (
          select metadata -> 'sentiment' ->> 'label' as sentiment from messages
          where conversation_id = c.id and role = 'user'
          order by created_at desc, id desc limit 1
        ) s on true
        cross join lateral (
          select count(*)::int as n from (
            select 1 from messages
            where conversation_id = c.id and role = 'user'
              and created_at > coalesce(c.creator_read_at, '-infinity'::timestamptz)
            limit 99
          ) x
        ) un
        left join lateral (
          select id, kind, created_at from creator_alerts
          where conversation_id = c.id and resolved_at is null
          order by created_at desc limit 1
        ) al on true
        where ${sql.join(where, sql` and `)}
        order by coalesce(c.last_message_at, c.created_at) desc, c.id desc
        limit ${q.limit + 1}
      `);
      return rows as unknown as SummaryRow[];
    },
    /** The creator has read the client's messages up to `messageId` (or all of them); never moves back. */
    async markCreatorRead(tx: TenantTx, id: string, messageId?: string) {
      const upTo = messageId
        ? sql`(select ${m.createdAt} from ${m} where ${m.conversationId} = ${id} and ${m.id} = ${messageId})`
        : sql`now()`;
      const [row] = await tx
        .update(c)
        .set({ creatorReadAt: sql`greatest(${c.creatorReadAt}, ${upTo})` })
        .where(eq(c.id, id))
        .returning();
      return row;
    },
    /** The newest client message: what "read" points at when the creator reads everything. */
    async lastUserMessageId(tx: TenantTx, id: string) {
      const [row] = await tx
        .select({ id: m.id })
        .from(m)
        .where(and(eq(m.conversationId, id), eq(m.role, 'user')))
        .orderBy(desc(m.createdAt), desc(m.id))
        .limit(1);
      return row?.id ?? null;
    },
    list(
      tx: TenantTx,
      q: {
        limit: number;
        after?: KeysetPosition;
        status?: ConversationRow['status'];
        channel?: ConversationRow['channel'];
      },
    ) {
      return tx
        .select()
        .from(c)
        .where(
          and(
            q.status ? eq(c.status, q.status) : undefined,
            q.channel ? eq(c.channel, q.channel) : undefined,
            keysetAfter(c.createdAt, c.id, q.after, 'desc'),
          ),
        )
        .orderBy(desc(c.createdAt), desc(c.id))
        .limit(q.limit + 1);
    },
    async find(tx: TenantTx, id: string): Promise<ConversationRow | undefined> {
      const [row] = await tx.select().from(c).where(eq(c.id, id)).limit(1);
      return row;
    },
    async insert(tx: TenantTx, values: Omit<typeof c.$inferInsert, 'creatorId'>) {
      const [row] = await tx
        .insert(c)
        .values({ creatorId: tx.creatorId, ...values })
        .returning();
      return row!;
    },
    /** The end user's most recently active conversation the AI has (programs talk there). */
    async latestOpen(tx: TenantTx, endUserId: string): Promise<ConversationRow | undefined> {
      const [row] = await tx
        .select()
        .from(c)
        .where(and(eq(c.endUserId, endUserId), eq(c.status, 'bot')))
        .orderBy(desc(c.lastMessageAt), desc(c.createdAt))
        .limit(1);
      return row;
    },
    async lock(tx: TenantTx, id: string): Promise<ConversationRow | undefined> {
      const [row] = await tx.select().from(c).where(eq(c.id, id)).for('update').limit(1);
      return row;
    },
    async setStatus(tx: TenantTx, id: string, status: ConversationRow['status']) {
      const [row] = await tx.update(c).set({ status, updatedAt: sql`now()` }).where(eq(c.id, id)).returning();
      return row;
    },
    /** Stores the creator's message (once per client id) and counts it on the conversation. */
    async insertCreatorMessage(
      tx: TenantTx,
      conversationId: string,
      v: { content: string; clientMessageId: string | null },
    ) {
      const [row] = await tx
        .insert(m)
        .values({
          creatorId: tx.creatorId,
          conversationId,
          role: 'creator',
          content: v.content,
          clientMessageId: v.clientMessageId,
          metadata: v.clientMessageId ? { clientMessageId: v.clientMessageId } : {},
        })
        .onConflictDoNothing()
        .returning();
      if (row)
        await tx
          .update(c)
          .set({
            lastMessageAt: sql`now()`,
            updatedAt: sql`now()`,
            messageCount: sql`${c.messageCount} + 1`,
            // Writing to the client means having read them.
            creatorReadAt: sql`now()`,
          })
          .where(eq(c.id, conversationId));
      return row;
    },
    async findByClientId(tx: TenantTx, conversationId: string, clientMessageId: string) {
      const [row] = await tx
        .select()
        .from(m)
        .where(and(eq(m.conversationId, conversationId), eq(m.clientMessageId, clientMessageId)))
        .limit(1);
      return row;
    },
    /** Oldest first, so a transcript reads top to bottom. */
    listMessages(tx: TenantTx, conversationId: string, q: { limit: number; after?: KeysetPosition }) {
      return tx
        .select()
        .from(m)
        .where(and(eq(m.conversationId, conversationId), keysetAfter(m.createdAt, m.id, q.after, 'asc')))
        .orderBy(asc(m.createdAt), asc(m.id))
        .limit(q.limit + 1);
    },
  };
}
export type ConversationsRepository = ReturnType<typeof createConversationsRepository>;
