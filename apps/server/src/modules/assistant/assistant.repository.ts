import { type KeysetPosition, keysetAfter, schema, type TenantTx } from '@companero/db';
import { and, asc, desc, eq, getTableColumns, gte, isNull, sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';

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
export type MessageRow = typeof msg.$inferSelect;
export type ConversationRow = typeof conv.$inferSelect;
export type EndUserRow = typeof schema.endUsers.$inferSelect;

type Json = Record<string, unknown>;

/**
 * Reads a row that came back as JSON (`to_jsonb(t)`: database column names,
 * timestamps as strings) into the shape Drizzle returns for the table.
 */
function jsonRowReader<T extends PgTable>(table: T): (json: Json) => T['$inferSelect'] {
  const columns = Object.entries(getTableColumns(table)).map(([key, column]) => ({
    key,
    name: column.name,
    // JSON values are already decoded; only the others (timestamps, numbers) need the column's mapping.
    map:
      column.columnType === 'PgJsonb' || column.columnType === 'PgJson'
        ? null
        : (v: unknown) => column.mapFromDriverValue(v),
  }));
  return (json) => {
    const row: Json = {};
    for (const c of columns) {
      const v = json[c.name];
      row[c.key] = v === null || v === undefined ? null : c.map ? c.map(v) : v;
    }
    return row as T['$inferSelect'];
  };
}
const readMessage = jsonRowReader(msg);
const readConversation = jsonRowReader(conv);
const readEndUser = jsonRowReader(schema.endUsers);
const readMemory = jsonRowReader(mem);

export type HistoryMessage = Pick<MessageRow, 'id' | 'role' | 'content' | 'createdAt'>;

/** What storing an end user's message found and did (see `storeUserMessage`). */
export interface StoredUserMessage {
  /** Undefined: no such conversation (for this creator). */
  conversation: ConversationRow | undefined;
  /** The message stored earlier with the same client id (nothing was stored now). */
  duplicateId: string | null;
  /** The stored message; undefined when nothing was stored (closed, duplicate, or a racing duplicate). */
  stored: MessageRow | undefined;
  endUser: EndUserRow | undefined;
  /** The end user's memories after this message's facts, oldest first. */
  memories: MemoryRow[];
  /** The newest messages before this one, oldest first (without their metadata). */
  history: HistoryMessage[];
  /** The conversation has a live program enrollment (mirrors programs' `liveForConversation`). */
  inProgram: boolean;
}

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
    /**
     * Stores an end user's message in one statement (one round trip): finds the
     * conversation, skips a repeated client id, inserts the message and the
     * facts it revealed, counts it on the conversation, marks the end user seen,
     * and reads back what the reply needs — the end user, their memories, the
     * last `historyLimit` messages before this one, and whether a program
     * enrollment is live in the conversation. Nothing is written when the
     * conversation is missing or closed, or the client id was seen before.
     */
    async storeUserMessage(
      tx: TenantTx,
      v: {
        conversationId: string;
        content: string;
        clientMessageId: string | null;
        metadata: Record<string, unknown>;
        facts: { kind: MemoryRow['kind']; key: string; content: string }[];
        historyLimit: number;
      },
    ): Promise<StoredUserMessage> {
      // One row per key: a later fact replaces an earlier one (and ON CONFLICT may touch a row once).
      const facts = [...new Map(v.facts.map((f) => [f.key, f])).values()];
      const id = v.conversationId;
      const [row] = await tx.execute<{
        conversation: Json | null;
        duplicate_id: string | null;
        stored: Json | null;
        end_user: Json | null;
        memories: Json[] | null;
        upserted: Json[] | null;
        history: Json[] | null;
        in_program: boolean;
      }>(sql`
        with c as (
          select * from conversations where id = ${id}::uuid
        ),
        dup as (
          select id from messages
           where conversation_id = ${id}::uuid and client_message_id = ${v.clientMessageId}::text
        ),
        ins as (
          insert into messages (creator_id, conversation_id, role, content, client_message_id, metadata)
          select ${tx.creatorId}::uuid, c.id, 'user', ${v.content}::text, ${v.clientMessageId}::text,
                 ${JSON.stringify(v.metadata)}::jsonb
            from c
           where c.status <> 'closed' and not exists (select 1 from dup)
          on conflict do nothing
          returning *
        ),
        mem as (
          insert into end_user_memories (creator_id, end_user_id, kind, key, content, source, source_message_id)
          select ${tx.creatorId}::uuid, c.end_user_id, f."kind", f."key", f."content", 'conversation', ins.id
            from ins, c, jsonb_to_recordset(${JSON.stringify(facts)}::jsonb) as f("kind" text, "key" text, "content" text)
          on conflict (creator_id, end_user_id, key) do update
            set kind = excluded.kind, content = excluded.content, source = excluded.source,
                source_message_id = excluded.source_message_id, updated_at = now()
          returning *
        ),
        touched as (
          update conversations
             set last_message_at = now(), updated_at = now(), message_count = message_count + 1
           where id = ${id}::uuid and exists (select 1 from ins)
          returning 1
        ),
        eu as (
          update end_users set last_seen_at = now()
           where id = (select end_user_id from c) and exists (select 1 from ins)
          returning *
        )
        select
          (select to_jsonb(c) from c) as conversation,
          (select id from dup limit 1) as duplicate_id,
          (select to_jsonb(ins) from ins) as stored,
          (select to_jsonb(eu) from eu) as end_user,
          (select jsonb_agg(m) from end_user_memories m
            where m.end_user_id = (select end_user_id from c) and exists (select 1 from ins)) as memories,
          (select jsonb_agg(mem) from mem) as upserted,
          (select jsonb_agg(h order by h.created_at, h.id) from (
             select id, role, content, created_at from messages
              where conversation_id = ${id}::uuid and exists (select 1 from ins)
              order by created_at desc, id desc
              limit ${v.historyLimit}) h) as history,
          exists (select 1 from program_enrollments pe
                   where pe.conversation_id = ${id}::uuid and pe.status in ('active', 'waiting')) as in_program`);
      if (!row) throw new Error('storeUserMessage: no result row');
      // The statement sees the memories as they were before it: the upserted rows replace theirs.
      const byKey = new Map<string, MemoryRow>();
      for (const m of row.memories ?? []) {
        const r = readMemory(m);
        byKey.set(r.key, r);
      }
      for (const m of row.upserted ?? []) {
        const r = readMemory(m);
        byKey.set(r.key, r);
      }
      const memories = [...byKey.values()].sort(
        (a, b) => a.createdAt.getTime() - b.createdAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
      );
      return {
        conversation: row.conversation ? readConversation(row.conversation) : undefined,
        duplicateId: row.duplicate_id,
        stored: row.stored ? readMessage(row.stored) : undefined,
        endUser: row.end_user ? readEndUser(row.end_user) : undefined,
        memories,
        history: (row.history ?? []).map(
          (h): HistoryMessage => ({
            id: h.id as string,
            role: h.role as HistoryMessage['role'],
            content: h.content as string,
            createdAt: new Date(h.created_at as string),
          }),
        ),
        inProgram: row.in_program,
      };
    },
    /**
     * Stores the coach's reply in one statement: the message, a use of each
     * cited correction, and the conversation's activity; returns the message
     * counts for the summary decision (undefined if the conversation is gone).
     */
    async storeReply(
      tx: TenantTx,
      v: {
        id: string;
        conversationId: string;
        content: string;
        metadata: Record<string, unknown>;
        correctionIds: string[];
      },
    ) {
      const [row] = await tx.execute<{
        message: Json;
        message_count: number | null;
        summary_message_count: number | null;
      }>(sql`
        with ins as (
          insert into messages (creator_id, id, conversation_id, role, content, metadata)
          values (${tx.creatorId}::uuid, ${v.id}::uuid, ${v.conversationId}::uuid, 'assistant',
                  ${v.content}::text, ${JSON.stringify(v.metadata)}::jsonb)
          returning *
        ),
        used as (
          update answer_corrections set uses = uses + 1
           where id = any(${sql.param(v.correctionIds)}::uuid[])
        ),
        touched as (
          update conversations
             set last_message_at = now(), updated_at = now(), message_count = message_count + 1
           where id = ${v.conversationId}::uuid
          returning message_count, summary_message_count
        )
        select (select to_jsonb(ins) from ins) as message,
               (select message_count from touched) as message_count,
               (select summary_message_count from touched) as summary_message_count`);
      if (!row?.message) throw new Error('storeReply: the reply was not stored');
      return {
        row: readMessage(row.message),
        counts:
          row.message_count === null || row.summary_message_count === null
            ? undefined
            : {
                messageCount: Number(row.message_count),
                summaryMessageCount: Number(row.summary_message_count),
              },
      };
    },
    async setSummary(tx: TenantTx, id: string, summary: string, summaryMessageCount: number) {
      await tx.update(conv).set({ summary, summaryMessageCount }).where(eq(conv.id, id));
    },
  };
}
export type AssistantRepository = ReturnType<typeof createAssistantRepository>;
