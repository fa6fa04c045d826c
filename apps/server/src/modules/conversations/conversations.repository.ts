import { schema, type TenantTx } from '@companero/db';
import { and, asc, desc, eq, gt, lt, or } from 'drizzle-orm';

const c = schema.conversations;
const m = schema.messages;
export type ConversationRow = typeof c.$inferSelect;
export type MessageRow = typeof m.$inferSelect;

type Keyset = { createdAt: Date; id: string };

export function createConversationsRepository() {
  return {
    list(
      tx: TenantTx,
      q: {
        limit: number;
        after?: Keyset;
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
            q.after
              ? or(
                  lt(c.createdAt, q.after.createdAt),
                  and(eq(c.createdAt, q.after.createdAt), lt(c.id, q.after.id)),
                )
              : undefined,
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
    /** Oldest first, so a transcript reads top to bottom. */
    listMessages(tx: TenantTx, conversationId: string, q: { limit: number; after?: Keyset }) {
      return tx
        .select()
        .from(m)
        .where(
          and(
            eq(m.conversationId, conversationId),
            q.after
              ? or(
                  gt(m.createdAt, q.after.createdAt),
                  and(eq(m.createdAt, q.after.createdAt), gt(m.id, q.after.id)),
                )
              : undefined,
          ),
        )
        .orderBy(asc(m.createdAt), asc(m.id))
        .limit(q.limit + 1);
    },
  };
}
export type ConversationsRepository = ReturnType<typeof createConversationsRepository>;
