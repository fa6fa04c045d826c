import { type SystemTx, schema, type TenantTx } from '@companero/db';
import { and, desc, eq, gte, sql } from 'drizzle-orm';

const r = schema.proactiveRules;
const s = schema.proactiveSends;

export type ProactiveRuleRow = typeof r.$inferSelect;

/** An end user a rule may reach: opted in, with an open conversation to write into. */
export interface ProactiveCandidate {
  endUserId: string;
  displayName: string | null;
  timezone: string | null;
  locale: 'en' | 'es' | null;
  conversationId: string;
  conversationStatus: 'bot' | 'human';
  conversationChannel: (typeof schema.conversations.$inferSelect)['channel'];
  /** What this occurrence of the trigger is about (a date, a message): one send per occurrence. */
  occurrence: string;
}

// The end user's most recent open conversation.
const latestConversation = sql`
  join lateral (
    select c.id, c.status, c.channel from conversations c
    where c.creator_id = eu.creator_id and c.end_user_id = eu.id and c.status <> 'closed'
    order by coalesce(c.last_message_at, c.created_at) desc, c.id desc
    limit 1
  ) conv on true`;

export function createProactiveRepository() {
  return {
    /** Creators with at least one enabled rule: the worker's only cross-tenant read. */
    async creatorsWithRules(tx: SystemTx): Promise<string[]> {
      const rows = await tx.selectDistinct({ creatorId: r.creatorId }).from(r).where(eq(r.enabled, true));
      return rows.map((x) => x.creatorId);
    },
    list(tx: TenantTx) {
      return tx
        .select({
          rule: r,
          // Spelled out: drizzle renders a lone table's columns unqualified, which the subquery would capture.
          sentCount: sql<number>`(select count(*)::int from proactive_sends ps
            where ps.creator_id = proactive_rules.creator_id and ps.rule_id = proactive_rules.id)`,
        })
        .from(r)
        .orderBy(desc(r.createdAt), desc(r.id));
    },
    enabled(tx: TenantTx) {
      return tx.select().from(r).where(eq(r.enabled, true));
    },
    async find(tx: TenantTx, id: string) {
      const [row] = await tx.select().from(r).where(eq(r.id, id)).limit(1);
      return row;
    },
    async insert(tx: TenantTx, v: Omit<typeof r.$inferInsert, 'creatorId'>) {
      const [row] = await tx
        .insert(r)
        .values({ creatorId: tx.creatorId, ...v })
        .returning();
      return row!;
    },
    async update(tx: TenantTx, id: string, v: Partial<Omit<typeof r.$inferInsert, 'creatorId' | 'id'>>) {
      const [row] = await tx
        .update(r)
        .set({ ...v, updatedAt: sql`now()` })
        .where(eq(r.id, id))
        .returning();
      return row;
    },
    async delete(tx: TenantTx, id: string) {
      const rows = await tx.delete(r).where(eq(r.id, id)).returning({ id: r.id });
      return rows.length > 0;
    },
    recentSends(tx: TenantTx, limit: number) {
      return tx.select().from(s).orderBy(desc(s.createdAt), desc(s.id)).limit(limit);
    },

    /** Candidates for a rule at `now`; time-zone checks (schedule, quiet hours) happen in the service. */
    async candidates(tx: TenantTx, rule: ProactiveRuleRow, now: Date): Promise<ProactiveCandidate[]> {
      const tag = rule.audienceTag;
      const audience = sql`eu.proactive_opt_in and (${tag}::text is null or ${tag}::text = any(eu.tags))`;
      const t = rule.trigger;
      const nowIso = now.toISOString();
      let query: ReturnType<typeof sql>;
      if (t.kind === 'inactivity') {
        query = sql`
          select eu.id as end_user_id, eu.display_name, eu.timezone, eu.locale, conv.id as conversation_id,
                 conv.status as conversation_status, conv.channel as conversation_channel,
                 'inactive-since:' || eu.last_seen_at::text as occurrence
          from end_users eu ${latestConversation}
          where ${audience} and eu.last_seen_at is not null
            and eu.last_seen_at < ${nowIso}::timestamptz - make_interval(days => ${t.days}::int)`;
      } else if (t.kind === 'sentiment_drop') {
        query = sql`
          select distinct on (eu.id) eu.id as end_user_id, eu.display_name, eu.timezone, eu.locale,
                 conv.id as conversation_id, conv.status as conversation_status, conv.channel as conversation_channel,
                 'message:' || m.id::text as occurrence
          from messages m
          join conversations mc on mc.creator_id = m.creator_id and mc.id = m.conversation_id
          join end_users eu on eu.creator_id = mc.creator_id and eu.id = mc.end_user_id
          ${latestConversation}
          where m.role = 'user'
            and m.created_at > ${nowIso}::timestamptz - make_interval(hours => ${t.withinHours}::int)
            and m.created_at <= ${nowIso}::timestamptz
            and ${audience}
            and (m.metadata -> 'sentiment' ->> 'score')::float8 <= ${t.threshold}::float8
            -- only when that message is still the user's latest word
            and not exists (
              select 1 from messages later
              where later.creator_id = m.creator_id and later.conversation_id = m.conversation_id
                and later.role = 'user' and later.created_at > m.created_at)
          order by eu.id, m.created_at desc`;
      } else {
        query = sql`
          select eu.id as end_user_id, eu.display_name, eu.timezone, eu.locale, conv.id as conversation_id,
                 conv.status as conversation_status, conv.channel as conversation_channel, '' as occurrence
          from end_users eu ${latestConversation}
          where ${audience}`;
      }
      const rows = await tx.execute<Record<string, unknown>>(query);
      return rows.map((x) => ({
        endUserId: String(x.end_user_id),
        displayName: (x.display_name as string | null) ?? null,
        timezone: (x.timezone as string | null) ?? null,
        locale: (x.locale as 'en' | 'es' | null) ?? null,
        conversationId: String(x.conversation_id),
        conversationStatus: x.conversation_status as 'bot' | 'human',
        conversationChannel: x.conversation_channel as ProactiveCandidate['conversationChannel'],
        occurrence: String(x.occurrence),
      }));
    },
    /** Proactive messages an end user received since `since` (frequency cap). */
    async sentSince(tx: TenantTx, endUserId: string, since: Date, ruleId?: string) {
      const [row] = await tx
        .select({ n: sql<number>`count(*)::int` })
        .from(s)
        .where(
          and(eq(s.endUserId, endUserId), gte(s.createdAt, since), ruleId ? eq(s.ruleId, ruleId) : undefined),
        );
      return row?.n ?? 0;
    },
    /** Claims an occurrence; false when it was already sent (a re-run or a second worker). */
    async claim(
      tx: TenantTx,
      v: { ruleId: string; endUserId: string; occurrence: string; conversationId: string; messageId: string },
      at: Date,
    ) {
      const rows = await tx
        .insert(s)
        .values({ creatorId: tx.creatorId, ...v, createdAt: at })
        .onConflictDoNothing()
        .returning({ id: s.id });
      return rows.length > 0;
    },
  };
}
export type ProactiveRepository = ReturnType<typeof createProactiveRepository>;
