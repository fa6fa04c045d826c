import { type KeysetPosition, keysetAfter, schema, type TenantTx } from '@companero/db';
import { and, asc, desc, eq, gte, isNull, sql } from 'drizzle-orm';

const p = schema.creatorPersonalities;
const s = schema.creatorAiSettings;
const mem = schema.endUserMemories;
const fb = schema.messageFeedback;
const cor = schema.answerCorrections;
const usage = schema.aiUsageDaily;
const al = schema.creatorAlerts;
const msg = schema.messages;
const conv = schema.conversations;

export type PersonalityRow = typeof p.$inferSelect;
export type AiSettingsRow = typeof s.$inferSelect;
export type MemoryRow = typeof mem.$inferSelect;
export type CorrectionRow = typeof cor.$inferSelect;
export type AlertRow = typeof al.$inferSelect;
export type FeedbackRow = typeof fb.$inferSelect;

export function createAssistantRepository() {
  return {
    async personality(tx: TenantTx): Promise<PersonalityRow | undefined> {
      const [row] = await tx.select().from(p).limit(1);
      return row;
    },
    async upsertPersonality(tx: TenantTx, values: Partial<Omit<PersonalityRow, 'creatorId' | 'updatedAt'>>) {
      const [row] = await tx
        .insert(p)
        .values({ creatorId: tx.creatorId, ...values })
        .onConflictDoUpdate({ target: p.creatorId, set: { ...values, updatedAt: sql`now()` } })
        .returning();
      return row!;
    },
    async aiSettings(tx: TenantTx): Promise<AiSettingsRow | undefined> {
      const [row] = await tx.select().from(s).limit(1);
      return row;
    },
    async upsertAiSettings(tx: TenantTx, values: Partial<Omit<AiSettingsRow, 'creatorId' | 'updatedAt'>>) {
      const [row] = await tx
        .insert(s)
        .values({ creatorId: tx.creatorId, ...values })
        .onConflictDoUpdate({ target: s.creatorId, set: { ...values, updatedAt: sql`now()` } })
        .returning();
      return row!;
    },

    memories(tx: TenantTx, endUserId: string) {
      return tx
        .select()
        .from(mem)
        .where(eq(mem.endUserId, endUserId))
        .orderBy(asc(mem.createdAt), asc(mem.id));
    },
    /** Newest value wins per key. */
    async upsertMemory(
      tx: TenantTx,
      v: Pick<MemoryRow, 'endUserId' | 'kind' | 'key' | 'content' | 'source'> & {
        sourceMessageId?: string | null;
      },
    ) {
      const [row] = await tx
        .insert(mem)
        .values({ creatorId: tx.creatorId, ...v })
        .onConflictDoUpdate({
          target: [mem.creatorId, mem.endUserId, mem.key],
          set: {
            kind: v.kind,
            content: v.content,
            source: v.source,
            sourceMessageId: v.sourceMessageId ?? null,
            updatedAt: sql`now()`,
          },
        })
        .returning();
      return row!;
    },
    async updateMemory(tx: TenantTx, endUserId: string, id: string, content: string) {
      const [row] = await tx
        .update(mem)
        .set({ content, source: 'creator', updatedAt: sql`now()` })
        .where(and(eq(mem.endUserId, endUserId), eq(mem.id, id)))
        .returning();
      return row;
    },
    async deleteMemory(tx: TenantTx, endUserId: string, id: string) {
      const rows = await tx
        .delete(mem)
        .where(and(eq(mem.endUserId, endUserId), eq(mem.id, id)))
        .returning({ id: mem.id });
      return rows.length > 0;
    },
    async deleteAllMemories(tx: TenantTx, endUserId: string) {
      const rows = await tx.delete(mem).where(eq(mem.endUserId, endUserId)).returning({ id: mem.id });
      return rows.length;
    },

    async upsertFeedback(tx: TenantTx, messageId: string, rating: 1 | -1, comment: string | null) {
      const [row] = await tx
        .insert(fb)
        .values({ creatorId: tx.creatorId, messageId, rating, comment })
        .onConflictDoUpdate({
          target: [fb.creatorId, fb.messageId],
          set: { rating, comment, updatedAt: sql`now()` },
        })
        .returning();
      return row!;
    },
    feedbackFor(tx: TenantTx, messageIds: string[]) {
      if (messageIds.length === 0) return Promise.resolve([] as FeedbackRow[]);
      return tx
        .select()
        .from(fb)
        .where(sql`${fb.messageId} = any(${sql.param(messageIds)}::uuid[])`);
    },

    /** Every correction of the creator: few (hundreds), matched in memory. */
    allCorrections(tx: TenantTx) {
      return tx
        .select({ id: cor.id, question: cor.question, answer: cor.answer })
        .from(cor)
        .orderBy(desc(cor.createdAt))
        .limit(2000);
    },
    listCorrections(tx: TenantTx, q: { limit: number; after?: KeysetPosition }) {
      return tx
        .select()
        .from(cor)
        .where(keysetAfter(cor.createdAt, cor.id, q.after, 'desc'))
        .orderBy(desc(cor.createdAt), desc(cor.id))
        .limit(q.limit + 1);
    },
    async insertCorrection(tx: TenantTx, v: { messageId: string | null; question: string; answer: string }) {
      const [row] = await tx
        .insert(cor)
        .values({ creatorId: tx.creatorId, ...v })
        .returning();
      return row!;
    },
    async deleteCorrection(tx: TenantTx, id: string) {
      const rows = await tx.delete(cor).where(eq(cor.id, id)).returning({ id: cor.id });
      return rows.length > 0;
    },
    async countCorrectionUse(tx: TenantTx, id: string) {
      await tx
        .update(cor)
        .set({ uses: sql`${cor.uses} + 1` })
        .where(eq(cor.id, id));
    },

    async addUsage(
      tx: TenantTx,
      v: {
        day: string;
        use: string;
        model: string;
        inputTokens: number;
        outputTokens: number;
        requests?: number;
      },
    ) {
      const requests = v.requests ?? 1;
      await tx
        .insert(usage)
        .values({ creatorId: tx.creatorId, ...v, requests })
        .onConflictDoUpdate({
          target: [usage.creatorId, usage.day, usage.use, usage.model],
          set: {
            requests: sql`${usage.requests} + ${requests}`,
            inputTokens: sql`${usage.inputTokens} + ${v.inputTokens}`,
            outputTokens: sql`${usage.outputTokens} + ${v.outputTokens}`,
          },
        });
    },
    /** Tokens spent by real models since `fromDay` (offline replies cost nothing). */
    async usageSince(tx: TenantTx, fromDay: string) {
      const [row] = await tx
        .select({
          input: sql<string>`coalesce(sum(${usage.inputTokens}), 0)`,
          output: sql<string>`coalesce(sum(${usage.outputTokens}), 0)`,
        })
        .from(usage)
        .where(and(gte(usage.day, fromDay), sql`${usage.model} <> 'offline'`));
      return { inputTokens: Number(row?.input ?? 0), outputTokens: Number(row?.output ?? 0) };
    },

    async insertAlert(tx: TenantTx, v: Omit<typeof al.$inferInsert, 'creatorId'>) {
      const [row] = await tx
        .insert(al)
        .values({ creatorId: tx.creatorId, ...v })
        .returning();
      return row!;
    },
    listAlerts(tx: TenantTx, q: { limit: number; after?: KeysetPosition; open?: boolean }) {
      return tx
        .select()
        .from(al)
        .where(
          and(
            q.open === undefined
              ? undefined
              : q.open
                ? isNull(al.resolvedAt)
                : sql`${al.resolvedAt} is not null`,
            keysetAfter(al.createdAt, al.id, q.after, 'desc'),
          ),
        )
        .orderBy(desc(al.createdAt), desc(al.id))
        .limit(q.limit + 1);
    },
    async countOpenAlerts(tx: TenantTx) {
      const [row] = await tx.select({ n: sql<number>`count(*)::int` }).from(al).where(isNull(al.resolvedAt));
      return row?.n ?? 0;
    },
    async resolveAlert(tx: TenantTx, id: string) {
      const [row] = await tx
        .update(al)
        .set({ resolvedAt: sql`coalesce(${al.resolvedAt}, now())` })
        .where(eq(al.id, id))
        .returning();
      return row;
    },

    /** Merges keys into a message's metadata. */
    async updateMessageMetadata(tx: TenantTx, id: string, patch: Record<string, unknown>) {
      await tx
        .update(msg)
        .set({ metadata: sql`${msg.metadata} || ${JSON.stringify(patch)}::jsonb` })
        .where(eq(msg.id, id));
    },
    async findMessage(tx: TenantTx, id: string) {
      const [row] = await tx.select().from(msg).where(eq(msg.id, id)).limit(1);
      return row;
    },
    async findByClientId(tx: TenantTx, conversationId: string, clientMessageId: string) {
      const [row] = await tx
        .select()
        .from(msg)
        .where(and(eq(msg.conversationId, conversationId), eq(msg.clientMessageId, clientMessageId)))
        .limit(1);
      return row;
    },
    /** The assistant reply written for a user message, if any. */
    async replyTo(tx: TenantTx, conversationId: string, userMessageId: string) {
      const [row] = await tx
        .select()
        .from(msg)
        .where(
          and(eq(msg.conversationId, conversationId), sql`${msg.metadata}->>'replyTo' = ${userMessageId}`),
        )
        .limit(1);
      return row;
    },
    /** The user message an assistant message answered (for corrections). */
    async previousUserMessage(tx: TenantTx, conversationId: string, before: Date) {
      const [row] = await tx
        .select()
        .from(msg)
        .where(
          and(
            eq(msg.conversationId, conversationId),
            eq(msg.role, 'user'),
            sql`${msg.createdAt} <= ${before.toISOString()}`,
          ),
        )
        .orderBy(desc(msg.createdAt), desc(msg.id))
        .limit(1);
      return row;
    },
    /** Inserts a message; a repeated client id returns undefined (the first one stands). */
    async insertMessage(tx: TenantTx, v: Omit<typeof msg.$inferInsert, 'creatorId'>) {
      const [row] = await tx
        .insert(msg)
        .values({ creatorId: tx.creatorId, ...v })
        .onConflictDoNothing()
        .returning();
      return row;
    },
    /** Newest `limit` messages, returned oldest first. */
    async recentMessages(tx: TenantTx, conversationId: string, limit: number) {
      const rows = await tx
        .select()
        .from(msg)
        .where(eq(msg.conversationId, conversationId))
        .orderBy(desc(msg.createdAt), desc(msg.id))
        .limit(limit);
      return rows.reverse();
    },
    async countMessages(tx: TenantTx, conversationId: string) {
      const [row] = await tx
        .select({ n: sql<number>`count(*)::int` })
        .from(msg)
        .where(eq(msg.conversationId, conversationId));
      return row?.n ?? 0;
    },
    /** Oldest-first messages from position `from` (0-based) up to `to` (exclusive). */
    messagesRange(tx: TenantTx, conversationId: string, from: number, to: number) {
      return tx
        .select()
        .from(msg)
        .where(eq(msg.conversationId, conversationId))
        .orderBy(asc(msg.createdAt), asc(msg.id))
        .offset(from)
        .limit(Math.max(0, to - from));
    },
    /** Marks activity (and `added` new messages); returns the message counts for the summary decision. */
    async touchConversation(tx: TenantTx, id: string, status?: 'bot' | 'human' | 'closed', added = 1) {
      const [row] = await tx
        .update(conv)
        .set({
          lastMessageAt: sql`now()`,
          updatedAt: sql`now()`,
          messageCount: sql`${conv.messageCount} + ${added}`,
          ...(status ? { status } : {}),
        })
        .where(eq(conv.id, id))
        .returning({ messageCount: conv.messageCount, summaryMessageCount: conv.summaryMessageCount });
      return row;
    },
    async touchEndUser(tx: TenantTx, id: string) {
      await tx.update(schema.endUsers).set({ lastSeenAt: sql`now()` }).where(eq(schema.endUsers.id, id));
    },
    async setSummary(tx: TenantTx, id: string, summary: string, summaryMessageCount: number) {
      await tx.update(conv).set({ summary, summaryMessageCount }).where(eq(conv.id, id));
    },
  };
}
export type AssistantRepository = ReturnType<typeof createAssistantRepository>;
