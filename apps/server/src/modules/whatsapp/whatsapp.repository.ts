import { type KeysetPosition, keysetAfter, schema, type TenantTx } from '@companero/db';
import { and, desc, eq, inArray, isNull, ne, sql } from 'drizzle-orm';

const acc = schema.whatsappAccounts;
const cm = schema.channelMessages;
const u = schema.endUsers;
const c = schema.conversations;
const m = schema.messages;
const ce = schema.consentEvents;
const tpl = schema.whatsappTemplates;
const bc = schema.whatsappBroadcasts;
const br = schema.whatsappBroadcastRecipients;

export type WhatsAppAccountRow = typeof acc.$inferSelect;
export type ChannelMessageRow = typeof cm.$inferSelect;
export type TemplateRow = typeof tpl.$inferSelect;
export type EndUserRow = typeof u.$inferSelect;

/** Delivery states only move forward (a late `sent` never undoes `read`); `failed` is final. */
const RANK = { queued: 0, held: 0, received: 0, sent: 1, delivered: 2, read: 3, failed: 4 } as const;

/** Storage of the WhatsApp channel, always inside one creator's tenant transaction. */
export function createWhatsAppRepository() {
  return {
    async account(tx: TenantTx): Promise<WhatsAppAccountRow | undefined> {
      const [row] = await tx.select().from(acc).limit(1);
      return row;
    },
    async upsertAccount(tx: TenantTx, values: Omit<typeof acc.$inferInsert, 'creatorId'>) {
      const { verifyToken: _keep, ...changes } = values;
      const [row] = await tx
        .insert(acc)
        .values({ creatorId: tx.creatorId, ...values })
        .onConflictDoUpdate({ target: acc.creatorId, set: { ...changes, updatedAt: sql`now()` } })
        .returning();
      return row!;
    },
    async deleteAccount(tx: TenantTx) {
      await tx.delete(acc).where(eq(acc.creatorId, tx.creatorId));
    },
    /** Records that Meta delivered a webhook (at most once a minute: every delivery would contend on the row). */
    async noteWebhook(tx: TenantTx) {
      await tx
        .update(acc)
        .set({ lastWebhookAt: sql`now()` })
        .where(
          and(
            eq(acc.creatorId, tx.creatorId),
            sql`(${acc.lastWebhookAt} is null or ${acc.lastWebhookAt} < now() - interval '1 minute')`,
          ),
        );
    },
    async touchAccount(
      tx: TenantTx,
      values: Partial<
        Pick<WhatsAppAccountRow, 'lastTestAt' | 'lastWebhookAt' | 'displayPhone' | 'verifiedName'>
      >,
    ) {
      await tx.update(acc).set(values).where(eq(acc.creatorId, tx.creatorId));
    },

    /**
     * Claims an inbound WhatsApp message id: its row id, or undefined when it was
     * already processed (a redelivery). A claim whose processing failed before
     * the message was stored is handed out again, so a retried job finishes it.
     */
    async claimInbound(tx: TenantTx, wamid: string) {
      const [row] = await tx
        .insert(cm)
        .values({
          creatorId: tx.creatorId,
          channel: 'whatsapp',
          direction: 'in',
          externalId: wamid,
          status: 'received',
        })
        .onConflictDoNothing()
        .returning({ id: cm.id });
      if (row) return row.id;
      const [earlier] = await tx
        .select({ id: cm.id, messageId: cm.messageId })
        .from(cm)
        .where(and(eq(cm.channel, 'whatsapp'), eq(cm.externalId, wamid)))
        .for('update')
        .limit(1);
      return earlier && !earlier.messageId ? earlier.id : undefined;
    },
    async linkInbound(
      tx: TenantTx,
      id: string,
      v: { messageId?: string; conversationId: string; endUserId: string },
    ) {
      await tx
        .update(cm)
        .set({ ...v, updatedAt: sql`now()` })
        .where(eq(cm.id, id));
    },

    /** The client behind a WhatsApp number (created on first message); the 24-hour window restarts now. */
    async upsertContact(tx: TenantTx, phone: string, name: string | null, at: Date) {
      const [row] = await tx
        .insert(u)
        .values({
          creatorId: tx.creatorId,
          phoneE164: phone,
          displayName: name,
          whatsappLastInboundAt: at,
          lastSeenAt: at,
        })
        .onConflictDoUpdate({
          target: [u.creatorId, u.phoneE164],
          targetWhere: sql`${u.phoneE164} IS NOT NULL`,
          set: {
            lastSeenAt: sql`now()`,
            whatsappLastInboundAt: sql`greatest(${u.whatsappLastInboundAt}, ${at.toISOString()}::timestamptz)`,
            displayName: sql`coalesce(${u.displayName}, excluded.display_name)`,
          },
        })
        .returning();
      return row!;
    },
    async endUser(tx: TenantTx, id: string): Promise<EndUserRow | undefined> {
      const [row] = await tx.select().from(u).where(eq(u.id, id)).limit(1);
      return row;
    },
    /** The client's open WhatsApp conversation, or a new one (`started`). */
    async openConversation(tx: TenantTx, endUserId: string) {
      const [open] = await tx
        .select()
        .from(c)
        .where(and(eq(c.endUserId, endUserId), eq(c.channel, 'whatsapp'), ne(c.status, 'closed')))
        .orderBy(desc(c.createdAt))
        .limit(1);
      if (open) return { conversation: open, started: false };
      const [row] = await tx
        .insert(c)
        .values({ creatorId: tx.creatorId, endUserId, channel: 'whatsapp' })
        .returning();
      return { conversation: row!, started: true };
    },
    async conversation(tx: TenantTx, id: string) {
      const [row] = await tx.select().from(c).where(eq(c.id, id)).limit(1);
      return row;
    },
    async setConsent(tx: TenantTx, endUserId: string, status: 'opted_in' | 'opted_out', source: string) {
      const [row] = await tx
        .update(u)
        .set({ whatsappConsent: status, whatsappConsentSource: source, whatsappConsentAt: sql`now()` })
        .where(eq(u.id, endUserId))
        .returning();
      if (row)
        await tx
          .insert(ce)
          .values({ creatorId: tx.creatorId, endUserId, channel: 'whatsapp', status, source });
      return row;
    },

    /** Queues an outbound message; undefined when that stored message was already queued (sent once). */
    async insertOutbound(
      tx: TenantTx,
      v: { messageId?: string; conversationId?: string; endUserId: string; broadcastId?: string },
    ): Promise<ChannelMessageRow | undefined> {
      const [row] = await tx
        .insert(cm)
        .values({ creatorId: tx.creatorId, channel: 'whatsapp', direction: 'out', status: 'queued', ...v })
        .onConflictDoNothing()
        .returning();
      return row;
    },
    async channelMessage(tx: TenantTx, id: string): Promise<ChannelMessageRow | undefined> {
      const [row] = await tx.select().from(cm).where(eq(cm.id, id)).limit(1);
      return row;
    },
    async byExternalId(tx: TenantTx, wamid: string): Promise<ChannelMessageRow | undefined> {
      const [row] = await tx
        .select()
        .from(cm)
        .where(and(eq(cm.channel, 'whatsapp'), eq(cm.externalId, wamid)))
        .limit(1);
      return row;
    },
    /** Moves an outbound message's state forward; false when the update would move it back. */
    async markOutbound(
      tx: TenantTx,
      id: string,
      v: {
        status: ChannelMessageRow['status'];
        externalId?: string;
        errorCode?: number | null;
        errorMessage?: string | null;
      },
    ) {
      // Locked: two status webhooks processed at once (read, then a late delivered) apply in turn.
      const [current] = await tx.select().from(cm).where(eq(cm.id, id)).for('update').limit(1);
      if (!current) return undefined;
      if (current.status !== 'queued' && current.status !== 'held' && RANK[v.status] <= RANK[current.status])
        return undefined;
      const [row] = await tx
        .update(cm)
        .set({ ...v, updatedAt: sql`now()` })
        .where(eq(cm.id, id))
        .returning();
      if (row?.broadcastId) {
        const status =
          v.status === 'held'
            ? 'skipped'
            : v.status === 'queued' || v.status === 'received'
              ? 'queued'
              : v.status;
        await tx
          .update(br)
          .set({
            status,
            error: v.errorMessage ?? null,
            externalId: v.externalId ?? row.externalId,
            updatedAt: sql`now()`,
          })
          .where(and(eq(br.broadcastId, row.broadcastId), eq(br.endUserId, row.endUserId!)));
      }
      return row;
    },
    async message(tx: TenantTx, id: string) {
      const [row] = await tx.select().from(m).where(eq(m.id, id)).limit(1);
      return row;
    },
    async mergeMessageMetadata(tx: TenantTx, id: string, patch: Record<string, unknown>) {
      await tx
        .update(m)
        .set({ metadata: sql`${m.metadata} || ${JSON.stringify(patch)}::jsonb` })
        .where(eq(m.id, id));
    },

    listTemplates(tx: TenantTx) {
      return tx.select().from(tpl).orderBy(tpl.name, tpl.language);
    },
    async template(tx: TenantTx, name: string, language: string): Promise<TemplateRow | undefined> {
      const [row] = await tx
        .select()
        .from(tpl)
        .where(and(eq(tpl.name, name), eq(tpl.language, language)))
        .limit(1);
      return row;
    },
    async upsertTemplates(tx: TenantTx, rows: Omit<typeof tpl.$inferInsert, 'creatorId'>[]) {
      for (const r of rows)
        await tx
          .insert(tpl)
          .values({ creatorId: tx.creatorId, ...r })
          .onConflictDoUpdate({
            target: [tpl.creatorId, tpl.name, tpl.language],
            set: {
              externalId: r.externalId,
              category: r.category,
              status: r.status,
              body: r.body,
              parameterCount: r.parameterCount,
              rejectedReason: r.rejectedReason,
              syncedAt: r.syncedAt,
            },
          });
    },

    listContacts(
      tx: TenantTx,
      q: {
        limit: number;
        after?: KeysetPosition;
        tag?: string;
        consent?: 'opted_in' | 'opted_out' | 'unknown';
      },
    ) {
      return tx
        .select()
        .from(u)
        .where(
          and(
            sql`${u.phoneE164} IS NOT NULL`,
            q.tag ? sql`${u.tags} @> array[${q.tag}]::text[]` : undefined,
            q.consent === 'unknown'
              ? isNull(u.whatsappConsent)
              : q.consent
                ? eq(u.whatsappConsent, q.consent)
                : undefined,
            keysetAfter(u.createdAt, u.id, q.after, 'desc'),
          ),
        )
        .orderBy(desc(u.createdAt), desc(u.id))
        .limit(q.limit + 1);
    },

    /** A broadcast and its audience: every opted-in contact with all the tags, in one statement. */
    async createBroadcast(
      tx: TenantTx,
      v: { name: string; templateName: string; language: string; parameters: string[]; tags: string[] },
    ) {
      const [row] = await tx
        .insert(bc)
        .values({ creatorId: tx.creatorId, ...v })
        .returning();
      await tx.execute(sql`
        insert into whatsapp_broadcast_recipients (creator_id, broadcast_id, end_user_id)
        select creator_id, ${row!.id}::uuid, id from end_users
        where phone_e164 is not null and whatsapp_consent = 'opted_in'
          and tags @> array[${sql.join(
            v.tags.map((t) => sql`${t}`),
            sql`, `,
          )}]::text[]`);
      return row!;
    },
    async broadcastQueue(tx: TenantTx, broadcastId: string) {
      return tx
        .select({ endUserId: br.endUserId })
        .from(br)
        .where(and(eq(br.broadcastId, broadcastId), eq(br.status, 'queued'), isNull(br.externalId)));
    },
    async broadcast(tx: TenantTx, id: string) {
      const [row] = await tx.select().from(bc).where(eq(bc.id, id)).limit(1);
      return row;
    },
    async listBroadcasts(tx: TenantTx) {
      const rows = await tx.select().from(bc).orderBy(desc(bc.createdAt)).limit(100);
      if (!rows.length) return [];
      const counts = await tx
        .select({ broadcastId: br.broadcastId, status: br.status, n: sql<number>`count(*)::int` })
        .from(br)
        .where(
          inArray(
            br.broadcastId,
            rows.map((r) => r.id),
          ),
        )
        .groupBy(br.broadcastId, br.status);
      return rows.map((r) => ({ row: r, counts: counts.filter((x) => x.broadcastId === r.id) }));
    },
    broadcastRecipients(tx: TenantTx, broadcastId: string) {
      return tx
        .select({
          endUserId: br.endUserId,
          status: br.status,
          error: br.error,
          updatedAt: br.updatedAt,
          phone: u.phoneE164,
          displayName: u.displayName,
        })
        .from(br)
        .innerJoin(u, eq(u.id, br.endUserId))
        .where(eq(br.broadcastId, broadcastId))
        .orderBy(u.displayName);
    },
  };
}
export type WhatsAppRepository = ReturnType<typeof createWhatsAppRepository>;
