import type { Delivery, MessageMeta } from '@companero/contracts';
import type { Database } from '@companero/db';
import type { Logger } from 'pino';
import type { Cache } from '../../platform/cache/index.ts';
import type { PubSub } from '../../platform/pubsub/index.ts';
import type { JobQueue } from '../../platform/queue/index.ts';
import type { SecretBox } from '../../platform/security/secret-box.ts';
import { conversationChannel } from '../assistant/message-view.ts';
import {
  type createGraphClient,
  type GraphCredentials,
  GraphError,
  type OutboundMessage,
} from './graph-client.ts';
import { sendWhatsAppMessageJob } from './whatsapp.jobs.ts';
import type {
  ChannelMessageRow,
  TemplateRow,
  WhatsAppAccountRow,
  WhatsAppRepository,
} from './whatsapp.repository.ts';

const WINDOW_MS = 24 * 3600 * 1000;
const MAX_TEXT = 4096;

/**
 * The template a check-in uses outside the 24-hour window: approved, in the
 * client's language, with no parameter or one (the client's name); one whose
 * name says check-in or reminder first.
 */
export function pickCheckInTemplate(templates: TemplateRow[], locale: string): TemplateRow | undefined {
  const usable = templates.filter(
    (t) => t.status === 'APPROVED' && t.parameterCount <= 1 && t.language.split('_')[0] === locale,
  );
  const score = (t: TemplateRow) => (/check.?in|reminder|recordatorio|seguimiento/i.test(t.name) ? 0 : 1);
  return usable.sort((x, y) => score(x) - score(y) || x.name.localeCompare(y.name))[0];
}

/** Meta's reason in words a creator can act on: its message and details, without our "Graph 400:" prefix. */
export function graphReason(err: GraphError): string {
  const message = err.message.replace(/^Graph \d+: /, '');
  return err.details && !message.includes(err.details) ? `${message} (${err.details})` : message;
}

/** A send that must wait (rate limit) or be retried (Meta busy): the job queue tries again. */
export class RetryLater extends Error {}

export const credentialsOf = (a: WhatsAppAccountRow, box: SecretBox): GraphCredentials => ({
  accessToken: box.open(a.accessTokenEnc),
  phoneNumberId: a.phoneNumberId,
  wabaId: a.wabaId,
});

/** Splits text over WhatsApp's 4,096 characters at paragraph or sentence ends. */
export function splitText(text: string, max = MAX_TEXT): string[] {
  const parts: string[] = [];
  let rest = text.trim();
  while (rest.length > max) {
    const cut = Math.max(
      rest.lastIndexOf('\n\n', max),
      rest.lastIndexOf('. ', max) + 1,
      rest.lastIndexOf(' ', max),
    );
    const at = cut > max / 2 ? cut : max;
    parts.push(rest.slice(0, at).trim());
    rest = rest.slice(at).trim();
  }
  if (rest) parts.push(rest);
  return parts;
}

/**
 * What a stored message becomes on WhatsApp: text (split when long), a program
 * step's choices as reply buttons (up to 3, titles ≤ 20) or a list (up to 10,
 * ≤ 24), media by link with a caption.
 */
export function toWhatsApp(to: string, content: string, meta: MessageMeta): OutboundMessage[] {
  const program = meta.program;
  const replies = program?.quickReplies ?? [];
  if (program?.media) {
    const kind = program.media.kind;
    return [
      {
        kind: 'media',
        to,
        media: kind,
        link: program.media.url,
        caption: program.media.caption ?? content.slice(0, 1024),
      },
    ];
  }
  if (replies.length > 0 && content.length <= 1024) {
    if (replies.length <= 3 && replies.every((r) => r.label.length <= 20))
      return [
        { kind: 'buttons', to, body: content, buttons: replies.map((r) => ({ id: r.id, title: r.label })) },
      ];
    if (replies.length <= 10 && replies.every((r) => r.label.length <= 24))
      return [
        {
          kind: 'list',
          to,
          body: content,
          button: 'Options',
          rows: replies.map((r) => ({ id: r.id, title: r.label })),
        },
      ];
    const numbered = `${content}\n\n${replies.map((r, i) => `${i + 1}. ${r.label}`).join('\n')}`;
    return splitText(numbered).map((body) => ({ kind: 'text', to, body }));
  }
  return splitText(content).map((body) => ({ kind: 'text', to, body }));
}

/**
 * Outbound WhatsApp: every message for a WhatsApp client goes through the
 * queue (`whatsapp.send-message`), one job per message, and is sent only if
 * the client has not opted out and — except for approved templates — wrote
 * within the last 24 hours (WhatsApp's customer service window). Otherwise the
 * message is held with its reason, shown in the inbox. Per phone number, at
 * most `messagesPerSecond`; Meta's rate limits and 5xx are retried with
 * backoff, permanent errors surface as `failed` with Meta's code.
 */
export function createWhatsAppOutbound(deps: {
  db: Database;
  repo: WhatsAppRepository;
  graph: ReturnType<typeof createGraphClient>;
  box: SecretBox;
  cache: Cache;
  queue: Pick<JobQueue, 'enqueue'>;
  pubsub: Pick<PubSub, 'publish'>;
  logger: Pick<Logger, 'warn' | 'error'>;
  now?: () => Date;
}) {
  const { db, repo } = deps;
  const now = deps.now ?? (() => new Date());

  /** Tells the conversation's subscribers (the inbox) where a message stands. */
  function announce(creatorId: string, row: ChannelMessageRow, delivery: Delivery) {
    if (!row.messageId || !row.conversationId) return;
    deps.pubsub
      .publish(
        conversationChannel(creatorId, row.conversationId),
        JSON.stringify({
          type: 'delivery',
          conversationId: row.conversationId,
          messageId: row.messageId,
          delivery,
        }),
      )
      .catch(() => undefined);
  }

  /**
   * Moves an outbound message to `status` (forward only) and records it on the
   * stored message in the same transaction, so concurrent status webhooks can
   * never leave the message showing an older state than its channel row.
   */
  async function settle(
    creatorId: string,
    id: string,
    status: ChannelMessageRow['status'],
    extra: { externalId?: string; error?: { code: number | null; message: string } } = {},
  ) {
    const delivery: Delivery = {
      status: status as Delivery['status'],
      error: extra.error ?? null,
      at: now().toISOString(),
    };
    const row = await db.withTenant(creatorId, async (tx) => {
      const moved = await repo.markOutbound(tx, id, {
        status,
        externalId: extra.externalId,
        errorCode: extra.error?.code ?? null,
        errorMessage: extra.error?.message ?? null,
      });
      if (moved?.messageId) await repo.mergeMessageMetadata(tx, moved.messageId, { delivery });
      return moved;
    });
    if (row) announce(creatorId, row, delivery);
    return row;
  }

  /** At most `perSecond` sends per phone number per second, across workers (the cache counts). */
  async function throttle(phoneNumberId: string, perSecond: number) {
    const second = Math.floor(Date.now() / 1000);
    const n = await deps.cache.incr(`whatsapp:rate:${phoneNumberId}:${second}`, 2).catch(() => 0);
    if (n > perSecond) throw new RetryLater(`over ${perSecond} messages per second for ${phoneNumberId}`);
  }

  return {
    settle,

    /** Queues stored messages of a WhatsApp conversation for sending (after their transaction committed). */
    async deliver(
      creatorId: string,
      conversation: { id: string; endUserId: string; channel: string },
      messageIds: string[],
    ) {
      if (conversation.channel !== 'whatsapp' || messageIds.length === 0) return;
      const queued: Delivery = { status: 'queued', error: null, at: now().toISOString() };
      const rows = await db.withTenant(creatorId, async (tx) => {
        const out: ChannelMessageRow[] = [];
        for (const messageId of messageIds) {
          // Already queued (a redelivered webhook processed twice at once): sent once.
          const row = await repo.insertOutbound(tx, {
            messageId,
            conversationId: conversation.id,
            endUserId: conversation.endUserId,
          });
          if (!row) continue;
          await repo.mergeMessageMetadata(tx, messageId, { delivery: queued });
          out.push(row);
        }
        return out;
      });
      // Enqueued after commit: the send job finds its row, and its own state follows `queued`.
      for (const row of rows) {
        announce(creatorId, row, queued);
        await deps.queue.enqueue(
          sendWhatsAppMessageJob,
          { creatorId, channelMessageId: row.id },
          { singletonKey: row.id },
        );
      }
    },

    /** Confirms an opt-out or opt-in keyword to the client at once (they just wrote: inside the window). */
    async confirmConsent(creatorId: string, endUser: { phoneE164: string | null }, text: string) {
      const account = await db.readAsTenant(creatorId, (tx) => repo.account(tx));
      if (!account || !endUser.phoneE164) return;
      await deps.graph
        .send(credentialsOf(account, deps.box), {
          kind: 'text',
          to: endUser.phoneE164.replace(/^\+/, ''),
          body: text,
        })
        .catch((err) => deps.logger.warn({ err, creatorId }, 'could not confirm a WhatsApp consent change'));
    },

    /** Like `deliver`, for callers that know only the conversation's id (program steps). */
    async deliverTo(creatorId: string, conversationId: string, messageIds: string[]) {
      const conversation = await db.readAsTenant(creatorId, (tx) => repo.conversation(tx, conversationId));
      if (conversation) await this.deliver(creatorId, conversation, messageIds);
    },

    /** The job: sends one queued message (a conversation message, or one broadcast recipient's template). */
    async send(creatorId: string, channelMessageId: string) {
      const loaded = await db.readAsTenant(creatorId, async (tx) => {
        const row = await repo.channelMessage(tx, channelMessageId);
        if (row?.direction !== 'out' || row.status !== 'queued') return null;
        // One after another: statements of one tenant read share a connection.
        const account = await repo.account(tx);
        const endUser = row.endUserId ? await repo.endUser(tx, row.endUserId) : undefined;
        const message = row.messageId ? await repo.message(tx, row.messageId) : undefined;
        const broadcast = row.broadcastId ? await repo.broadcast(tx, row.broadcastId) : undefined;
        return { row, account, endUser, message, broadcast };
      });
      if (!loaded) return; // already sent, held or failed: a retried job changes nothing
      const { row, account, endUser, message, broadcast } = loaded;
      if (!account)
        return void (await settle(creatorId, row.id, 'held', {
          error: { code: null, message: 'WhatsApp is not connected' },
        }));
      if (!endUser?.phoneE164)
        return void (await settle(creatorId, row.id, 'failed', {
          error: { code: null, message: 'The client has no phone number' },
        }));
      if (endUser.whatsappConsent === 'opted_out')
        return void (await settle(creatorId, row.id, 'held', {
          error: { code: null, message: 'The client opted out of WhatsApp messages' },
        }));
      const to = endUser.phoneE164.replace(/^\+/, '');
      let outbound: OutboundMessage[];
      if (broadcast) {
        const name = endUser.displayName ?? '';
        outbound = [
          {
            kind: 'template',
            to,
            name: broadcast.templateName,
            language: broadcast.language,
            bodyParameters: broadcast.parameters.map((p) => p.replaceAll('{{name}}', name) || '-'),
          },
        ];
      } else {
        if (!message)
          return void (await settle(creatorId, row.id, 'failed', {
            error: { code: null, message: 'The message no longer exists' },
          }));
        const lastInbound = endUser.whatsappLastInboundAt?.getTime() ?? 0;
        if (now().getTime() - lastInbound > WINDOW_MS)
          return void (await settle(creatorId, row.id, 'held', {
            error: {
              code: 131047,
              message:
                'More than 24 hours since the client last wrote: only an approved template can reach them now',
            },
          }));
        outbound = toWhatsApp(to, message.content, message.metadata as MessageMeta);
      }
      await throttle(account.phoneNumberId, account.messagesPerSecond);
      const creds = credentialsOf(account, deps.box);
      let lastId: string | undefined;
      try {
        for (const part of outbound) lastId = (await deps.graph.send(creds, part)).messageId;
      } catch (err) {
        if (err instanceof GraphError && !err.retryable)
          return void (await settle(creatorId, row.id, 'failed', {
            error: { code: err.code, message: err.message },
          }));
        throw err; // retried by the queue with backoff
      }
      await settle(creatorId, row.id, 'sent', { externalId: lastId });
    },
  };
}
export type WhatsAppOutbound = ReturnType<typeof createWhatsAppOutbound>;
