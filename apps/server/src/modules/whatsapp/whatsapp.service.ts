import { randomBytes } from 'node:crypto';
import type {
  Broadcast,
  ConnectWhatsAppBody,
  CreateBroadcastBody,
  CreateWhatsAppTemplateBody,
  WhatsAppAccount,
  WhatsAppContact,
  WhatsAppTemplate,
} from '@companero/contracts';
import { type Database, schema } from '@companero/db';
import { and, eq } from 'drizzle-orm';
import type { Logger } from 'pino';
import { decodeCursor, toPage } from '../../http/cursor.ts';
import type { TenantContext } from '../../http/plugins/auth.ts';
import { AppError, notFound } from '../../platform/errors/app-error.ts';
import type { JobQueue } from '../../platform/queue/index.ts';
import type { SecretBox } from '../../platform/security/secret-box.ts';
import { type GraphClient, GraphError } from './graph-client.ts';
import { signatureValid } from './webhook-events.ts';
import { processWhatsAppWebhookJob, sendWhatsAppMessageJob, startBroadcastJob } from './whatsapp.jobs.ts';
import type {
  EndUserRow,
  TemplateRow,
  WhatsAppAccountRow,
  WhatsAppRepository,
} from './whatsapp.repository.ts';
import { credentialsOf, graphReason } from './whatsapp-outbound.ts';

const iso = (d: Date | null | undefined) => d?.toISOString() ?? null;

const toTemplate = (t: TemplateRow): WhatsAppTemplate => ({
  id: t.id,
  externalId: t.externalId,
  name: t.name,
  language: t.language,
  category: t.category,
  status: t.status,
  body: t.body,
  parameterCount: t.parameterCount,
  rejectedReason: t.rejectedReason,
  syncedAt: iso(t.syncedAt),
});

const toContact = (u: EndUserRow): WhatsAppContact => ({
  endUserId: u.id,
  phone: u.phoneE164 ?? '',
  displayName: u.displayName,
  tags: u.tags,
  consent: { status: u.whatsappConsent, source: u.whatsappConsentSource, at: iso(u.whatsappConsentAt) },
  lastInboundAt: iso(u.whatsappLastInboundAt),
  lastSeenAt: iso(u.lastSeenAt),
});

/** How long a node reuses the routing of a phone number id and its app secret (webhook bursts). */
const ROUTE_MEMO_MS = 30_000;

/**
 * The WhatsApp channel as the creator manages it (connection, templates,
 * contacts' consent, broadcasts) and the webhook's front door: route a
 * delivery to its creator, check its signature, queue it.
 */
export function createWhatsAppService(deps: {
  db: Database;
  repo: WhatsAppRepository;
  graph: GraphClient;
  box: SecretBox;
  queue: Pick<JobQueue, 'enqueue'>;
  publicUrl: string;
  logger: Pick<Logger, 'warn' | 'info'>;
}) {
  const { db, repo, box } = deps;
  const webhookUrl = `${deps.publicUrl}/api/v1/whatsapp/webhook`;

  const toAccount = (a: WhatsAppAccountRow | undefined): WhatsAppAccount => ({
    connected: Boolean(a),
    wabaId: a?.wabaId ?? null,
    phoneNumberId: a?.phoneNumberId ?? null,
    displayPhone: a?.displayPhone ?? null,
    verifiedName: a?.verifiedName ?? null,
    hasAccessToken: Boolean(a?.accessTokenEnc),
    hasAppSecret: Boolean(a?.appSecretEnc),
    webhookUrl,
    verifyToken: a?.verifyToken ?? '',
    messagesPerSecond: a?.messagesPerSecond ?? 20,
    optOutKeywords: a?.optOutKeywords ?? ['stop', 'unsubscribe', 'baja', 'cancelar'],
    optInKeywords: a?.optInKeywords ?? ['start', 'alta'],
    lastTestAt: iso(a?.lastTestAt),
    lastWebhookAt: iso(a?.lastWebhookAt),
    updatedAt: iso(a?.updatedAt),
  });

  type Route = { creatorId: string | null; secret: string | null };
  // The lookup itself is memoised (not its result), so a burst after expiry waits for one lookup.
  const routes = new Map<string, { at: number; route: Promise<Route> }>();

  /** The creator a phone number id belongs to, and its app secret: one narrow system lookup, memoised briefly. */
  function route(phoneNumberId: string): Promise<Route> {
    const memo = routes.get(phoneNumberId);
    if (memo && Date.now() - memo.at < ROUTE_MEMO_MS) return memo.route;
    const pending = lookUp(phoneNumberId);
    if (routes.size > 10_000) routes.clear();
    routes.set(phoneNumberId, { at: Date.now(), route: pending });
    pending.catch(() => routes.delete(phoneNumberId));
    return pending;
  }

  async function lookUp(phoneNumberId: string): Promise<Route> {
    const creatorId = await db.withSystem(
      'whatsapp webhook: the creator of a phone number id',
      async (tx) => {
        const [row] = await tx
          .select({ creatorId: schema.whatsappAccounts.creatorId })
          .from(schema.whatsappAccounts)
          .where(eq(schema.whatsappAccounts.phoneNumberId, phoneNumberId))
          .limit(1);
        return row?.creatorId ?? null;
      },
    );
    const account = creatorId ? await db.readAsTenant(creatorId, (tx) => repo.account(tx)) : undefined;
    return { creatorId, secret: account ? box.open(account.appSecretEnc) : null };
  }

  return {
    async account(ctx: TenantContext) {
      return toAccount(await db.readAsTenant(ctx.creatorId, (tx) => repo.account(tx)));
    },

    async connect(ctx: TenantContext, body: ConnectWhatsAppBody) {
      const row = await db
        .withTenant(ctx.creatorId, async (tx) => {
          const current = await repo.account(tx);
          if (!current && (!body.accessToken || !body.appSecret))
            throw new AppError(
              'VALIDATION_FAILED',
              'The access token and the app secret are needed to connect',
              {
                errors: [
                  ...(!body.accessToken
                    ? [{ path: 'body.accessToken', message: 'Required to connect', code: 'required' }]
                    : []),
                  ...(!body.appSecret
                    ? [{ path: 'body.appSecret', message: 'Required to connect', code: 'required' }]
                    : []),
                ],
              },
            );
          return repo.upsertAccount(tx, {
            wabaId: body.wabaId,
            phoneNumberId: body.phoneNumberId,
            accessTokenEnc: body.accessToken ? box.seal(body.accessToken) : current!.accessTokenEnc,
            appSecretEnc: body.appSecret ? box.seal(body.appSecret) : current!.appSecretEnc,
            verifyToken: current?.verifyToken ?? randomBytes(18).toString('base64url'),
            ...(body.messagesPerSecond ? { messagesPerSecond: body.messagesPerSecond } : {}),
            ...(body.optOutKeywords ? { optOutKeywords: body.optOutKeywords } : {}),
            ...(body.optInKeywords ? { optInKeywords: body.optInKeywords } : {}),
          });
        })
        .catch((err: { code?: string; constraint?: string; cause?: { code?: string } }) => {
          if (err.code === '23505' || err.cause?.code === '23505')
            throw new AppError('PHONE_NUMBER_TAKEN', 'This phone number is connected to another account');
          throw err;
        });
      routes.delete(row.phoneNumberId);
      return toAccount(row);
    },

    async disconnect(ctx: TenantContext) {
      const before = await db.withTenant(ctx.creatorId, async (tx) => {
        const a = await repo.account(tx);
        await repo.deleteAccount(tx);
        return a;
      });
      if (before) routes.delete(before.phoneNumberId);
      return toAccount(undefined);
    },

    /** Checks the credentials with Meta (the phone number's name and tier) and sends a template to `to`. */
    async test(ctx: TenantContext, body: { to: string; template: string; language: string }) {
      const account = await db.readAsTenant(ctx.creatorId, (tx) => repo.account(tx));
      if (!account) throw new AppError('WHATSAPP_NOT_CONNECTED', 'Connect WhatsApp first');
      const creds = credentialsOf(account, box);
      try {
        const phone = await deps.graph.phoneNumber(creds);
        const sent = await deps.graph.send(creds, {
          kind: 'template',
          to: body.to.replace(/^\+/, ''),
          name: body.template,
          language: body.language,
        });
        await db.withTenant(ctx.creatorId, (tx) =>
          repo.touchAccount(tx, {
            lastTestAt: new Date(),
            displayPhone: phone.displayPhoneNumber,
            verifiedName: phone.verifiedName,
          }),
        );
        return {
          ok: true,
          messageId: sent.messageId,
          phone: {
            displayPhone: phone.displayPhoneNumber,
            verifiedName: phone.verifiedName,
            tier: phone.messagingLimitTier,
          },
          error: null,
        };
      } catch (err) {
        if (!(err instanceof GraphError)) throw err;
        return {
          ok: false,
          messageId: null,
          phone: null,
          error: { code: err.code, message: graphReason(err) },
        };
      }
    },

    async templates(ctx: TenantContext) {
      const rows = await db.readAsTenant(ctx.creatorId, (tx) => repo.listTemplates(tx));
      return { items: rows.map(toTemplate) };
    },

    /** Reads the account's templates from Meta (status, body, parameters) into ours. */
    async syncTemplates(ctx: TenantContext) {
      const account = await db.readAsTenant(ctx.creatorId, (tx) => repo.account(tx));
      if (!account) throw new AppError('WHATSAPP_NOT_CONNECTED', 'Connect WhatsApp first');
      const remote = await deps.graph.listTemplates(credentialsOf(account, box)).catch((err) => {
        if (err instanceof GraphError)
          throw new AppError('SERVICE_UNAVAILABLE', `WhatsApp answered: ${err.message}`);
        throw err;
      });
      const now = new Date();
      await db.withTenant(ctx.creatorId, (tx) =>
        repo.upsertTemplates(
          tx,
          remote.map((t) => ({
            externalId: t.id,
            name: t.name,
            language: t.language,
            category: t.category,
            status: t.status,
            body: t.body,
            parameterCount: t.parameterCount,
            rejectedReason: t.rejectedReason,
            syncedAt: now,
          })),
        ),
      );
      return this.templates(ctx);
    },

    /** Submits a template to Meta for approval; it is listed as PENDING until a sync says otherwise. */
    async createTemplate(ctx: TenantContext, body: CreateWhatsAppTemplateBody) {
      const account = await db.readAsTenant(ctx.creatorId, (tx) => repo.account(tx));
      if (!account) throw new AppError('WHATSAPP_NOT_CONNECTED', 'Connect WhatsApp first');
      const created = await deps.graph
        .createTemplate(credentialsOf(account, box), {
          name: body.name,
          language: body.language,
          category: body.category,
          body: body.body,
          bodyExamples: body.bodyExamples,
        })
        .catch((err) => {
          if (err instanceof GraphError)
            throw new AppError('VALIDATION_FAILED', `WhatsApp refused the template: ${graphReason(err)}`, {
              errors: [
                { path: 'body.body', message: graphReason(err), code: `graph_${err.code ?? 'error'}` },
              ],
            });
          throw err;
        });
      const parameterCount = new Set(body.body.match(/\{\{\s*\w+\s*\}\}/g) ?? []).size;
      await db.withTenant(ctx.creatorId, (tx) =>
        repo.upsertTemplates(tx, [
          {
            externalId: created.id,
            name: body.name,
            language: body.language,
            category: created.category ?? body.category,
            status: created.status,
            body: body.body,
            parameterCount,
            rejectedReason: null,
            syncedAt: new Date(),
          },
        ]),
      );
      const row = await db.readAsTenant(ctx.creatorId, (tx) => repo.template(tx, body.name, body.language));
      return toTemplate(row!);
    },

    async contacts(
      ctx: TenantContext,
      q: { limit: number; cursor?: string; tag?: string; consent?: 'opted_in' | 'opted_out' | 'unknown' },
    ) {
      const after = decodeCursor(q.cursor);
      const rows = await db.readAsTenant(ctx.creatorId, (tx) => repo.listContacts(tx, { ...q, after }));
      return toPage(rows, q.limit, toContact);
    },

    async setConsent(
      ctx: TenantContext,
      endUserId: string,
      body: { status: 'opted_in' | 'opted_out'; source: string },
    ) {
      const row = await db.withTenant(ctx.creatorId, async (tx) => {
        const user = await repo.endUser(tx, endUserId);
        if (!user?.phoneE164) throw notFound('WhatsApp contact');
        return repo.setConsent(tx, endUserId, body.status, `creator:${body.source}`);
      });
      return toContact(row!);
    },

    /** A broadcast to every opted-in contact with the tags, with an approved template; sent in the background. */
    async createBroadcast(ctx: TenantContext, body: CreateBroadcastBody): Promise<Broadcast> {
      const parameters = body.parameters ?? [];
      const tags = body.tags ?? [];
      const row = await db.withTenant(ctx.creatorId, async (tx) => {
        if (!(await repo.account(tx))) throw new AppError('WHATSAPP_NOT_CONNECTED', 'Connect WhatsApp first');
        const template = await repo.template(tx, body.templateName, body.language);
        if (!template)
          throw new AppError('VALIDATION_FAILED', 'No such template: sync your templates first', {
            errors: [{ path: 'body.templateName', message: 'Unknown template', code: 'unknown_template' }],
          });
        if (template.status !== 'APPROVED')
          throw new AppError(
            'VALIDATION_FAILED',
            `The template is ${template.status}: only approved templates can be broadcast`,
            {
              errors: [{ path: 'body.templateName', message: 'Not approved', code: 'template_not_approved' }],
            },
          );
        if (parameters.length !== template.parameterCount)
          throw new AppError(
            'VALIDATION_FAILED',
            `The template needs ${template.parameterCount} parameters`,
            {
              errors: [
                {
                  path: 'body.parameters',
                  message: `Give ${template.parameterCount}`,
                  code: 'parameter_count',
                },
              ],
            },
          );
        return repo.createBroadcast(tx, {
          name: body.name,
          templateName: body.templateName,
          language: body.language,
          parameters,
          tags,
        });
      });
      await deps.queue.enqueue(
        startBroadcastJob,
        { creatorId: ctx.creatorId, broadcastId: row.id },
        { singletonKey: row.id },
      );
      return (await this.broadcasts(ctx)).items.find((b) => b.id === row.id)!;
    },

    async broadcasts(ctx: TenantContext) {
      const rows = await db.readAsTenant(ctx.creatorId, (tx) => repo.listBroadcasts(tx));
      return {
        items: rows.map(({ row, counts }): Broadcast => {
          const n = (s: string) => counts.find((c) => c.status === s)?.n ?? 0;
          const c = {
            queued: n('queued'),
            sent: n('sent'),
            delivered: n('delivered'),
            read: n('read'),
            failed: n('failed'),
            skipped: n('skipped'),
          };
          const total = Object.values(c).reduce((a, b) => a + b, 0);
          return {
            id: row.id,
            name: row.name,
            templateName: row.templateName,
            language: row.language,
            tags: row.tags,
            status: c.queued > 0 ? 'sending' : 'done',
            counts: { total, ...c },
            createdAt: row.createdAt.toISOString(),
          };
        }),
      };
    },

    async broadcastRecipients(ctx: TenantContext, id: string) {
      const rows = await db.readAsTenant(ctx.creatorId, async (tx) => {
        if (!(await repo.broadcast(tx, id))) throw notFound('Broadcast');
        return repo.broadcastRecipients(tx, id);
      });
      return {
        items: rows.map((r) => ({
          endUserId: r.endUserId,
          phone: r.phone ?? '',
          displayName: r.displayName,
          status: r.status,
          error: r.error,
          updatedAt: r.updatedAt.toISOString(),
        })),
      };
    },

    /** The worker's side of a broadcast: one queued send per recipient (the sender throttles per number). */
    async startBroadcast(creatorId: string, broadcastId: string) {
      const recipients = await db.readAsTenant(creatorId, (tx) => repo.broadcastQueue(tx, broadcastId));
      for (const r of recipients) {
        const row = await db.withTenant(creatorId, async (tx) => {
          // No stored message behind a broadcast send: nothing for the insert to collide with.
          const out = (await repo.insertOutbound(tx, { endUserId: r.endUserId, broadcastId }))!;
          // Marked as handed to a send job, so a retried start queues nobody twice.
          const rcp = schema.whatsappBroadcastRecipients;
          await tx
            .update(rcp)
            .set({ externalId: `pending:${out.id}` })
            .where(and(eq(rcp.broadcastId, broadcastId), eq(rcp.endUserId, r.endUserId)));
          return out;
        });
        await deps.queue.enqueue(
          sendWhatsAppMessageJob,
          { creatorId, channelMessageId: row.id },
          { singletonKey: row.id },
        );
      }
      return recipients.length;
    },

    /** Meta's subscription handshake: the challenge back when the verify token is one of ours. */
    async verifySubscription(q: { mode?: string; token?: string; challenge?: string }) {
      if (q.mode !== 'subscribe' || !q.token || !q.challenge) return null;
      const found = await db.withSystem(
        'whatsapp webhook: verify token of a subscription handshake',
        async (tx) => {
          const [row] = await tx
            .select({ creatorId: schema.whatsappAccounts.creatorId })
            .from(schema.whatsappAccounts)
            .where(eq(schema.whatsappAccounts.verifyToken, q.token!))
            .limit(1);
          return row?.creatorId ?? null;
        },
      );
      return found ? q.challenge : null;
    },

    /**
     * A webhook delivery: routed by its phone number id, checked against that
     * creator's app secret (HMAC-SHA256 of the raw body, constant time), then
     * queued. False when the signature is missing or wrong: nothing is stored.
     */
    async acceptWebhook(
      raw: Buffer,
      signature: string | undefined,
      phoneNumberIds: string[],
      body: Record<string, unknown>,
    ) {
      if (phoneNumberIds.length !== 1)
        return { accepted: false, reason: 'one phone number per delivery expected' };
      const r = await route(phoneNumberIds[0]!);
      if (!r.creatorId || !r.secret) return { accepted: false, reason: 'unknown phone number id' };
      if (!signatureValid(raw, signature, r.secret))
        return { accepted: false, reason: 'bad or missing signature' };
      await deps.queue.enqueue(processWhatsAppWebhookJob, { creatorId: r.creatorId, body });
      return { accepted: true, creatorId: r.creatorId };
    },
  };
}
export type WhatsAppService = ReturnType<typeof createWhatsAppService>;
