import { type KeysetPosition, keysetAfter, schema, type TenantTx } from '@companero/db';
import { and, asc, desc, eq, sql } from 'drizzle-orm';

const c = schema.conversations;
const m = schema.messages;
export type ConversationRow = typeof c.$inferSelect;
export type MessageRow = typeof m.$inferSelect;

export function createConversationsRepository() {
  return {
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
          .set({ lastMessageAt: sql`now()`, updatedAt: sql`now()`, messageCount: sql`${c.messageCount} + 1` })
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
