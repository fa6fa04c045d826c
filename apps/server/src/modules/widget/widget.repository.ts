import { schema, type TenantTx } from '@companero/db';
import { and, asc, desc, eq, inArray, isNull, ne, sql } from 'drizzle-orm';

const w = schema.widgetConfigs;
const a = schema.conversationAttachments;
const u = schema.endUsers;
const c = schema.conversations;
const m = schema.messages;
const personality = schema.creatorPersonalities;
const creators = schema.creators;

export type WidgetConfigRow = typeof w.$inferSelect;
export type WidgetAttachmentRow = typeof a.$inferSelect;
export type WidgetMessageRow = typeof m.$inferSelect;

/** Storage of the web widget: its settings, visitor sessions, attached files and beacons. */
export function createWidgetRepository() {
  return {
    async findConfig(tx: TenantTx): Promise<WidgetConfigRow | undefined> {
      const [row] = await tx.select().from(w).limit(1);
      return row;
    },
    /** The creator's settings, created with defaults (and `publicKey`) the first time. */
    async ensureConfig(tx: TenantTx, publicKey: string): Promise<WidgetConfigRow> {
      await tx.insert(w).values({ creatorId: tx.creatorId, publicKey }).onConflictDoNothing();
      const [row] = await tx.select().from(w).limit(1);
      return row!;
    },
    async updateConfig(
      tx: TenantTx,
      values: Partial<Omit<WidgetConfigRow, 'creatorId' | 'createdAt' | 'updatedAt'>>,
    ): Promise<WidgetConfigRow | undefined> {
      const [row] = await tx
        .update(w)
        .set({ ...values, updatedAt: sql`now()` })
        .where(eq(w.creatorId, tx.creatorId))
        .returning();
      return row;
    },
    /** The name the widget speaks as: the coach name of the personality, else the creator's. */
    async coachName(tx: TenantTx): Promise<string> {
      const [row] = await tx
        .select({ coach: personality.coachName, creator: creators.displayName })
        .from(creators)
        .leftJoin(personality, eq(personality.creatorId, creators.id))
        .where(eq(creators.id, tx.creatorId))
        .limit(1);
      return row?.coach || row?.creator || '';
    },
    /**
     * The visitor's end user record (created on first visit) and their open web
     * conversation (created when there is none). The upsert locks the end user
     * row, so two tabs opening at once share one conversation.
     */
    async openSession(tx: TenantTx, visitorId: string, locale: 'en' | 'es' | null) {
      const [endUser] = await tx
        .insert(u)
        .values({ creatorId: tx.creatorId, widgetVisitorId: visitorId, locale })
        .onConflictDoUpdate({
          target: [u.creatorId, u.widgetVisitorId],
          targetWhere: sql`${u.widgetVisitorId} IS NOT NULL`,
          set: { lastSeenAt: sql`now()` },
        })
        .returning();
      const [open] = await tx
        .select()
        .from(c)
        .where(and(eq(c.endUserId, endUser!.id), eq(c.channel, 'web'), ne(c.status, 'closed')))
        .orderBy(desc(c.createdAt))
        .limit(1);
      if (open) return { endUser: endUser!, conversation: open, started: false };
      const [conversation] = await tx
        .insert(c)
        .values({ creatorId: tx.creatorId, endUserId: endUser!.id, channel: 'web' })
        .returning();
      return { endUser: endUser!, conversation: conversation!, started: true };
    },
    async identify(
      tx: TenantTx,
      endUserId: string,
      values: { displayName?: string; email?: string; locale?: 'en' | 'es' },
    ) {
      if (!Object.keys(values).length) return;
      await tx.update(u).set(values).where(eq(u.id, endUserId));
    },
    async conversationStatus(tx: TenantTx, conversationId: string) {
      const [row] = await tx
        .select({ status: c.status, creatorReadAt: c.creatorReadAt })
        .from(c)
        .where(eq(c.id, conversationId))
        .limit(1);
      return row;
    },
    /** Messages after `afterId` (oldest first), or the newest `limit` when none is given. */
    async messages(tx: TenantTx, conversationId: string, q: { afterId?: string; limit: number }) {
      if (q.afterId) {
        const [anchor] = await tx
          .select({ createdAt: m.createdAt })
          .from(m)
          .where(and(eq(m.conversationId, conversationId), eq(m.id, q.afterId)))
          .limit(1);
        // An id the conversation does not have (another conversation's, or deleted): send everything.
        const rows = await tx
          .select()
          .from(m)
          .where(
            and(
              eq(m.conversationId, conversationId),
              ne(m.role, 'system'),
              anchor
                ? sql`(${m.createdAt}, ${m.id}) > (${anchor.createdAt.toISOString()}::timestamptz, ${q.afterId}::uuid)`
                : undefined,
            ),
          )
          .orderBy(asc(m.createdAt), asc(m.id))
          .limit(q.limit + 1);
        return { rows: rows.slice(0, q.limit), hasMore: rows.length > q.limit };
      }
      const rows = await tx
        .select()
        .from(m)
        .where(and(eq(m.conversationId, conversationId), ne(m.role, 'system')))
        .orderBy(desc(m.createdAt), desc(m.id))
        .limit(q.limit + 1);
      return { rows: rows.slice(0, q.limit).reverse(), hasMore: rows.length > q.limit };
    },
    /** The visitor has read up to `messageId` (never moves back). */
    async markUserRead(tx: TenantTx, conversationId: string, messageId: string) {
      const [row] = await tx
        .update(c)
        .set({
          userReadAt: sql`greatest(${c.userReadAt}, (select ${m.createdAt} from ${m} where ${m.conversationId} = ${conversationId} and ${m.id} = ${messageId}))`,
        })
        .where(eq(c.id, conversationId))
        .returning({ userReadAt: c.userReadAt });
      return row?.userReadAt ?? null;
    },
    async insertAttachment(tx: TenantTx, values: Omit<typeof a.$inferInsert, 'creatorId'>) {
      const [row] = await tx
        .insert(a)
        .values({ creatorId: tx.creatorId, ...values })
        .returning();
      return row!;
    },
    async findAttachment(tx: TenantTx, id: string): Promise<WidgetAttachmentRow | undefined> {
      const [row] = await tx.select().from(a).where(eq(a.id, id)).limit(1);
      return row;
    },
    /** The conversation's attachments among `ids` not yet sent with a message. */
    async unsentAttachments(tx: TenantTx, conversationId: string, ids: string[]) {
      if (!ids.length) return [];
      return tx
        .select()
        .from(a)
        .where(and(eq(a.conversationId, conversationId), inArray(a.id, ids), isNull(a.messageId)));
    },
    async linkAttachments(tx: TenantTx, ids: string[], messageId: string) {
      if (!ids.length) return;
      await tx
        .update(a)
        .set({ messageId })
        .where(and(inArray(a.id, ids), isNull(a.messageId)));
    },
    /** A visitor's own messages after a time (read receipts on reconnect). */
    async lastUserMessageUpTo(tx: TenantTx, conversationId: string, at: Date) {
      const [row] = await tx
        .select({ id: m.id })
        .from(m)
        .where(
          and(
            eq(m.conversationId, conversationId),
            eq(m.role, 'user'),
            sql`${m.createdAt} <= ${at.toISOString()}::timestamptz`,
          ),
        )
        .orderBy(desc(m.createdAt))
        .limit(1);
      return row?.id ?? null;
    },
  };
}
export type WidgetRepository = ReturnType<typeof createWidgetRepository>;
