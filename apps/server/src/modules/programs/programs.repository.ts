import { type KeysetPosition, keysetAfter, type SystemTx, schema, type TenantTx } from '@companero/db';
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';

const p = schema.coachingPrograms;
const v = schema.programVersions;
const e = schema.programEnrollments;
const s = schema.programEnrollmentSteps;
const u = schema.endUsers;

export type ProgramRow = typeof p.$inferSelect;
export type ProgramVersionRow = typeof v.$inferSelect;
export type EnrollmentRow = typeof e.$inferSelect;
export type EnrollmentStepRow = typeof s.$inferSelect;
export type EnrollmentWithUser = EnrollmentRow & {
  endUserName: string | null;
  endUserLocale: 'en' | 'es' | null;
  endUserTimezone: string | null;
  endUserTags: string[];
};

const LIVE = ['active', 'waiting'] as const;
type ConversationChannel = (typeof schema.conversations.$inferSelect)['channel'];

export function createProgramsRepository() {
  // Correlated sub-selects spell the outer table out: Drizzle renders single-table columns unqualified.
  const activeCount = sql<number>`(select count(*)::int from program_enrollments pe
    where pe.creator_id = coaching_programs.creator_id and pe.program_id = coaching_programs.id
      and pe.status in ('active', 'waiting'))`;

  return {
    // --- programs ---------------------------------------------------------------
    /** Most recently changed first; limit + 1 rows (keyset on updated_at, id). */
    list(tx: TenantTx, q: { limit: number; after?: KeysetPosition; status?: ProgramRow['status'] }) {
      return tx
        .select({ program: p, activeEnrollments: activeCount })
        .from(p)
        .where(
          and(q.status ? eq(p.status, q.status) : undefined, keysetAfter(p.updatedAt, p.id, q.after, 'desc')),
        )
        .orderBy(desc(p.updatedAt), desc(p.id))
        .limit(q.limit + 1);
    },
    async find(tx: TenantTx, id: string) {
      const [row] = await tx
        .select({ program: p, activeEnrollments: activeCount })
        .from(p)
        .where(eq(p.id, id))
        .limit(1);
      return row;
    },
    async lock(tx: TenantTx, id: string): Promise<ProgramRow | undefined> {
      const [row] = await tx.select().from(p).where(eq(p.id, id)).for('update').limit(1);
      return row;
    },
    async insert(tx: TenantTx, values: Omit<typeof p.$inferInsert, 'creatorId'>) {
      const [row] = await tx
        .insert(p)
        .values({ creatorId: tx.creatorId, ...values })
        .returning();
      return row!;
    },
    /** With `expectedRevision`, updates only if the draft is still at that revision (else undefined). */
    async update(
      tx: TenantTx,
      id: string,
      values: Partial<Omit<typeof p.$inferInsert, 'creatorId' | 'id'>>,
      expectedRevision?: number,
    ) {
      const [row] = await tx
        .update(p)
        .set({ ...values, updatedAt: sql`now()` })
        .where(
          and(
            eq(p.id, id),
            expectedRevision === undefined ? undefined : eq(p.draftRevision, expectedRevision),
          ),
        )
        .returning();
      return row;
    },
    async delete(tx: TenantTx, id: string) {
      const rows = await tx.delete(p).where(eq(p.id, id)).returning({ id: p.id });
      return rows.length > 0;
    },

    // --- versions ---------------------------------------------------------------
    async insertVersion(tx: TenantTx, values: Omit<typeof v.$inferInsert, 'creatorId'>) {
      const [row] = await tx
        .insert(v)
        .values({ creatorId: tx.creatorId, ...values })
        .returning();
      return row!;
    },
    listVersions(tx: TenantTx, programId: string) {
      return tx
        .select({
          id: v.id,
          programId: v.programId,
          version: v.version,
          note: v.note,
          publishedAt: v.publishedAt,
          publishedBy: v.publishedBy,
          enrollments: sql<number>`(select count(*)::int from program_enrollments pe
            where pe.creator_id = program_versions.creator_id and pe.version_id = program_versions.id)`,
        })
        .from(v)
        .where(eq(v.programId, programId))
        .orderBy(desc(v.version));
    },
    async findVersion(tx: TenantTx, programId: string, version: number) {
      const [row] = await tx
        .select()
        .from(v)
        .where(and(eq(v.programId, programId), eq(v.version, version)))
        .limit(1);
      return row;
    },
    async findVersionById(tx: TenantTx, id: string) {
      const [row] = await tx.select().from(v).where(eq(v.id, id)).limit(1);
      return row;
    },

    // --- enrollments ------------------------------------------------------------
    async insertEnrollment(tx: TenantTx, values: Omit<typeof e.$inferInsert, 'creatorId'>) {
      const [row] = await tx
        .insert(e)
        .values({ creatorId: tx.creatorId, ...values })
        .onConflictDoNothing()
        .returning();
      return row;
    },
    /** Locks the enrollment for one step (concurrent messages for the same user queue here), with its user. */
    async lockWithUser(tx: TenantTx, id: string): Promise<EnrollmentWithUser | undefined> {
      const [row] = await tx
        .select({
          enrollment: e,
          endUserName: u.displayName,
          endUserLocale: u.locale,
          endUserTimezone: u.timezone,
          endUserTags: u.tags,
        })
        .from(e)
        .innerJoin(u, and(eq(u.creatorId, e.creatorId), eq(u.id, e.endUserId)))
        .where(eq(e.id, id))
        .for('update', { of: e })
        .limit(1);
      return row
        ? {
            ...row.enrollment,
            endUserName: row.endUserName,
            endUserLocale: row.endUserLocale,
            endUserTimezone: row.endUserTimezone,
            endUserTags: row.endUserTags,
          }
        : undefined;
    },
    /** The live enrollment a conversation's messages go to (newest first if several programs run). */
    async liveForConversation(tx: TenantTx, conversationId: string) {
      return tx
        .select({ id: e.id, status: e.status, currentNodeType: e.currentNodeType })
        .from(e)
        .where(and(eq(e.conversationId, conversationId), inArray(e.status, [...LIVE])))
        .orderBy(desc(e.lastActivityAt));
    },
    async findEnrollment(tx: TenantTx, id: string) {
      const [row] = await tx
        .select({ enrollment: e, endUserName: u.displayName })
        .from(e)
        .innerJoin(u, and(eq(u.creatorId, e.creatorId), eq(u.id, e.endUserId)))
        .where(eq(e.id, id))
        .limit(1);
      return row;
    },
    listEnrollments(
      tx: TenantTx,
      programId: string,
      q: {
        limit: number;
        after?: KeysetPosition;
        status?: EnrollmentRow['status'];
        nodeId?: string;
        version?: number;
      },
    ) {
      return tx
        .select({ enrollment: e, endUserName: u.displayName })
        .from(e)
        .innerJoin(u, and(eq(u.creatorId, e.creatorId), eq(u.id, e.endUserId)))
        .where(
          and(
            eq(e.programId, programId),
            q.status ? eq(e.status, q.status) : undefined,
            q.nodeId ? eq(e.currentNodeId, q.nodeId) : undefined,
            q.version ? eq(e.version, q.version) : undefined,
            keysetAfter(e.lastActivityAt, e.id, q.after, 'desc'),
          ),
        )
        .orderBy(desc(e.lastActivityAt), desc(e.id))
        .limit(q.limit + 1);
    },
    async updateEnrollment(
      tx: TenantTx,
      id: string,
      values: Partial<Omit<typeof e.$inferInsert, 'creatorId' | 'id'>>,
    ) {
      const [row] = await tx.update(e).set(values).where(eq(e.id, id)).returning();
      return row;
    },
    /** Live enrollments of a program version, locked for a migration. */
    lockLiveOnVersion(tx: TenantTx, programId: string, version: number, ids?: string[]) {
      return tx
        .select()
        .from(e)
        .where(
          and(
            eq(e.programId, programId),
            eq(e.version, version),
            inArray(e.status, [...LIVE]),
            ids ? inArray(e.id, ids) : undefined,
          ),
        )
        .for('update');
    },

    /**
     * One statement for a reply: records the message id as applied (unless it
     * already was) and locks the enrollment with its user. `fresh` is false for
     * a redelivered message. Undefined when the enrollment does not exist here.
     */
    async claimAndLock(
      tx: TenantTx,
      enrollmentId: string,
      messageId: string,
    ): Promise<(EnrollmentWithUser & { fresh: boolean }) | undefined> {
      // Only for an enrollment visible here (a foreign id must answer 404, not break a foreign key).
      const claim = tx.$with('claim', { messageId: sql<string>`message_id` }).as(
        sql`insert into program_inputs (creator_id, enrollment_id, message_id)
            select ${tx.creatorId}::uuid, pe.id, ${messageId}::text from program_enrollments pe where pe.id = ${enrollmentId}::uuid
            on conflict do nothing returning message_id`,
      );
      const [row] = await tx
        .with(claim)
        .select({
          enrollment: e,
          endUserName: u.displayName,
          endUserLocale: u.locale,
          endUserTimezone: u.timezone,
          endUserTags: u.tags,
          fresh: sql<boolean>`exists (select 1 from ${claim})`,
        })
        .from(e)
        .innerJoin(u, and(eq(u.creatorId, e.creatorId), eq(u.id, e.endUserId)))
        .where(eq(e.id, enrollmentId))
        .for('update', { of: e })
        .limit(1);
      return row
        ? {
            ...row.enrollment,
            endUserName: row.endUserName,
            endUserLocale: row.endUserLocale,
            endUserTimezone: row.endUserTimezone,
            endUserTags: row.endUserTags,
            fresh: row.fresh,
          }
        : undefined;
    },

    /**
     * Everything a step writes, in one statement: the enrollment's new state,
     * its history, its events, its messages into the conversation (ids and
     * times chosen by the caller) and the conversation's counters. Returns the
     * conversation's channel when messages were written to it.
     */
    async writeStep(
      tx: TenantTx,
      w: {
        enrollmentId: string;
        programId: string;
        endUserId: string;
        conversationId: string | null;
        state: Partial<Omit<typeof e.$inferInsert, 'creatorId' | 'id'>>;
        steps: { seq: number; nodeId: string; nodeType: string; kind: string; detail: unknown; at: Date }[];
        events: { name: string; nodeId: string | null; data: unknown }[];
        messages: { id: string; content: string; metadata: unknown; createdAt: Date }[];
      },
    ): Promise<{ channel: ConversationChannel | null }> {
      const c = tx.creatorId;
      const steps = JSON.stringify(
        w.steps.map((x) => ({ ...x, at: x.at.toISOString(), detail: x.detail ?? null })),
      );
      const events = JSON.stringify(w.events);
      const messages = JSON.stringify(
        w.messages.map((m) => ({ ...m, createdAt: m.createdAt.toISOString() })),
      );
      const [row] = await tx.execute<{ channel: ConversationChannel }>(sql`
        with upd as ${tx.update(e).set(w.state).where(eq(e.id, w.enrollmentId)).returning({ id: e.id })},
        st as (
          insert into program_enrollment_steps (creator_id, enrollment_id, seq, program_id, node_id, node_type, kind, detail, at)
          select ${c}::uuid, ${w.enrollmentId}::uuid, x."seq", ${w.programId}::uuid, x."nodeId", x."nodeType", x."kind", x."detail", x."at"
            from jsonb_to_recordset(${steps}::jsonb)
              as x("seq" int, "nodeId" text, "nodeType" text, "kind" text, "detail" jsonb, "at" timestamptz)),
        ev as (
          insert into program_events (creator_id, program_id, enrollment_id, end_user_id, name, node_id, data)
          select ${c}::uuid, ${w.programId}::uuid, ${w.enrollmentId}::uuid, ${w.endUserId}::uuid, x."name", x."nodeId", coalesce(x."data", '{}')
            from jsonb_to_recordset(${events}::jsonb) as x("name" text, "nodeId" text, "data" jsonb)),
        msg as (
          insert into messages (creator_id, id, conversation_id, role, content, metadata, created_at)
          select ${c}::uuid, x."id", ${w.conversationId}::uuid, 'assistant', x."content", x."metadata", x."createdAt"
            from jsonb_to_recordset(${messages}::jsonb)
              as x("id" uuid, "content" text, "metadata" jsonb, "createdAt" timestamptz)
           where ${w.conversationId}::uuid is not null
          returning 1)
        update conversations set last_message_at = now(), updated_at = now(),
               message_count = message_count + ${w.messages.length}
         where id = ${w.conversationId}::uuid and ${w.messages.length} > 0 and exists (select 1 from upd)
        returning channel`);
      return { channel: row?.channel ?? null };
    },

    // --- steps, inputs, events ----------------------------------------------------
    async insertSteps(tx: TenantTx, rows: Omit<typeof s.$inferInsert, 'creatorId'>[]) {
      if (rows.length === 0) return;
      await tx.insert(s).values(rows.map((r) => ({ creatorId: tx.creatorId, ...r })));
    },
    steps(tx: TenantTx, enrollmentId: string, limit = 500) {
      return tx.select().from(s).where(eq(s.enrollmentId, enrollmentId)).orderBy(asc(s.seq)).limit(limit);
    },
    async insertEvents(tx: TenantTx, rows: Omit<typeof schema.programEvents.$inferInsert, 'creatorId'>[]) {
      if (rows.length === 0) return;
      await tx.insert(schema.programEvents).values(rows.map((r) => ({ creatorId: tx.creatorId, ...r })));
    },
    async updateTags(tx: TenantTx, endUserId: string, add: string[], remove: string[]) {
      await tx
        .update(u)
        .set({
          tags: sql`(select coalesce(array_agg(distinct t order by t), '{}') from unnest(
            array_cat(${u.tags}, ${add}::text[])) t where t <> all(${remove}::text[]))`,
        })
        .where(eq(u.id, endUserId));
    },

    // --- stats ----------------------------------------------------------------------
    async statusCounts(tx: TenantTx, programId: string) {
      return tx
        .select({
          status: e.status,
          n: sql<number>`count(*)::int`,
          progress: sql<number>`coalesce(avg(${e.progress}), 0)::float8`,
        })
        .from(e)
        .where(eq(e.programId, programId))
        .groupBy(e.status);
    },
    /** Per node: users who entered it, users there now, users who stopped there. */
    async funnel(tx: TenantTx, programId: string, staleBefore: Date) {
      const reached = await tx
        .select({ nodeId: s.nodeId, n: sql<number>`count(distinct ${s.enrollmentId})::int` })
        .from(s)
        .where(and(eq(s.programId, programId), eq(s.kind, 'entered')))
        .groupBy(s.nodeId);
      const current = await tx
        .select({
          nodeId: e.currentNodeId,
          now: sql<number>`count(*) filter (where ${e.status} in ('active', 'waiting'))::int`,
          dropped: sql<number>`count(*) filter (where ${e.status} = 'active' and ${e.lastActivityAt} < ${staleBefore})::int`,
        })
        .from(e)
        .where(eq(e.programId, programId))
        .groupBy(e.currentNodeId);
      const exitedAt = await tx
        .select({ nodeId: s.nodeId, n: sql<number>`count(*)::int` })
        .from(s)
        .where(and(eq(s.programId, programId), eq(s.kind, 'exited')))
        .groupBy(s.nodeId);
      return { reached, current, exitedAt };
    },
  };
}
export type ProgramsRepository = ReturnType<typeof createProgramsRepository>;

/** Across creators, for the wait sweeper only: enrollments whose wait is over. */
export async function dueEnrollments(tx: SystemTx, now: Date, limit: number) {
  const rows = await tx.execute<{ creator_id: string; id: string; resume_at: Date | string }>(
    sql`select creator_id, id, resume_at from program_enrollments
        where status = 'waiting' and resume_at <= ${now.toISOString()}::timestamptz order by resume_at limit ${limit}`,
  );
  return rows.map((r) => ({
    creatorId: r.creator_id,
    enrollmentId: r.id,
    resumeAt: new Date(r.resume_at).toISOString(),
  }));
}
