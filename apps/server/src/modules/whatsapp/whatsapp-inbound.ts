import { randomUUID } from 'node:crypto';
import type { Database } from '@companero/db';
import { schema } from '@companero/db';
import type { Logger } from 'pino';
import type { PubSub } from '../../platform/pubsub/index.ts';
import type { SecretBox } from '../../platform/security/secret-box.ts';
import type { FileStorage } from '../../platform/storage/index.ts';
import type { Analytics } from '../analytics/analytics.service.ts';
import type { ConversationEngine } from '../assistant/conversation-engine.ts';
import { conversationChannel, toMessageWithMeta } from '../assistant/message-view.ts';
import type { createGraphClient } from './graph-client.ts';
import type { InboundMessage, StatusUpdate, WebhookEvent } from './webhook-events.ts';
import { readWebhook } from './webhook-events.ts';
import type { WhatsAppRepository } from './whatsapp.repository.ts';
import { credentialsOf, type WhatsAppOutbound } from './whatsapp-outbound.ts';

const CONFIRM = {
  en: {
    out: 'You will not receive more messages from us here. Send START to resume.',
    in: 'Welcome back! You will receive messages from us here again. Send STOP to stop.',
  },
  es: {
    out: 'No recibirás más mensajes nuestros por aquí. Envía ALTA para volver.',
    in: '¡Hola de nuevo! Volverás a recibir nuestros mensajes por aquí. Envía BAJA para dejar de recibirlos.',
  },
} as const;
const SPANISH = new Set(['baja', 'cancelar', 'alta', 'parar', 'detener']);

const normalise = (text: string) =>
  text
    .trim()
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[.!¡¿?]+$/g, '');

/**
 * Processes one webhook delivery in the worker, inside the creator's tenant:
 * statuses move outbound messages forward (and broadcast reports); each new
 * message (a redelivery is recognised by its id and skipped) finds or creates
 * its client and conversation, honours opt-out/opt-in keywords at once,
 * stores media in the creator's files, and goes to the conversation engine —
 * the AI's reply, a program step's answer, or silence when a human has the
 * conversation — whose messages are queued back to WhatsApp.
 */
export function createWhatsAppInbound(deps: {
  db: Database;
  repo: WhatsAppRepository;
  engine: Pick<ConversationEngine, 'postUserMessage'>;
  outbound: WhatsAppOutbound;
  graph: ReturnType<typeof createGraphClient>;
  box: SecretBox;
  storage: FileStorage;
  mediaMaxBytes: number;
  pubsub: Pick<PubSub, 'publish'>;
  /** New WhatsApp conversations go to analytics (the engine records the messages); none in some tests. */
  analytics?: Pick<Analytics, 'track'>;
  logger: Pick<Logger, 'warn' | 'error' | 'info'>;
}) {
  const { db, repo, outbound } = deps;

  async function status(creatorId: string, s: StatusUpdate) {
    const row = await db.readAsTenant(creatorId, (tx) => repo.byExternalId(tx, s.wamid));
    if (row?.direction !== 'out') return;
    await outbound.settle(creatorId, row.id, s.status, { error: s.error ?? undefined });
  }

  async function storeMedia(creatorId: string, conversationId: string, m: InboundMessage) {
    if (!m.media) return [];
    try {
      const account = await db.readAsTenant(creatorId, (tx) => repo.account(tx));
      if (!account) return [];
      const creds = credentialsOf(account, deps.box);
      const info = await deps.graph.mediaInfo(creds, m.media.id);
      const bytes = await deps.graph.downloadMedia(creds, info.url, deps.mediaMaxBytes);
      const id = randomUUID();
      const key = `creator_${creatorId}/whatsapp/${conversationId}/${id}`;
      await deps.storage.put(key, bytes, { contentType: info.mimeType });
      const name = m.media.filename ?? `${m.media.kind}-${m.wamid.slice(-8)}`;
      await db.withTenant(creatorId, (tx) =>
        tx.insert(schema.conversationAttachments).values({
          creatorId,
          id,
          conversationId,
          storageKey: key,
          name,
          mime: info.mimeType,
          sizeBytes: bytes.length,
        }),
      );
      return [{ id, name, mime: info.mimeType, size: bytes.length }];
    } catch (err) {
      // The message still reaches the conversation; the file is described, not stored.
      deps.logger.warn({ err, creatorId, wamid: m.wamid }, 'could not download WhatsApp media');
      return [];
    }
  }

  async function message(creatorId: string, m: InboundMessage) {
    const phone = `+${m.from}`;
    const reacted: { conversationId: string; message: Parameters<typeof toMessageWithMeta>[0] } | null = null;
    const claimed = await db.withTenant(creatorId, async (tx) => {
      const channelMessageId = await repo.claimInbound(tx, m.wamid);
      if (!channelMessageId) return null; // a redelivery
      const account = await repo.account(tx);
      const endUser = await repo.upsertContact(tx, phone, m.profileName, m.at);
      if (m.reaction) {
        const target = await repo.byExternalId(tx, m.reaction.messageId);
        if (target?.messageId)
          await repo.mergeMessageMetadata(tx, target.messageId, { reaction: m.reaction.emoji });
        return null;
      }
      const word = normalise(m.text);
      const keyword = account?.optOutKeywords.includes(word)
        ? ('opted_out' as const)
        : account?.optInKeywords.includes(word)
          ? ('opted_in' as const)
          : null;
      if (keyword) await repo.setConsent(tx, endUser.id, keyword, `keyword:${word}`);
      const { conversation, started } = await repo.openConversation(tx, endUser.id);
      await repo.linkInbound(tx, channelMessageId, {
        conversationId: conversation.id,
        endUserId: endUser.id,
      });
      return { channelMessageId, endUser, conversation, started, keyword, spanish: SPANISH.has(word) };
    });
    if (reacted) {
      // The inbox shows the reaction at once: the message again, with its emoji.
      const { conversationId, message: row } = reacted as {
        conversationId: string;
        message: Parameters<typeof toMessageWithMeta>[0];
      };
      await deps.pubsub
        .publish(
          conversationChannel(creatorId, conversationId),
          JSON.stringify({ type: 'message', message: toMessageWithMeta(row) }),
        )
        .catch(() => undefined);
    }
    if (!claimed) return;
    const { conversation, endUser, keyword } = claimed;
    if (claimed.started)
      deps.analytics?.track(
        creatorId,
        'conversation_started',
        { conversationId: conversation.id, channel: 'whatsapp' },
        { endUserId: endUser.id },
      );
    if (keyword) {
      // A keyword is an instruction, not a question: confirmed (the one message an opt-out
      // still gets) and never answered by the coach.
      const lang = claimed.spanish || endUser.locale === 'es' ? 'es' : 'en';
      await outbound.confirmConsent(
        creatorId,
        endUser,
        keyword === 'opted_out' ? CONFIRM[lang].out : CONFIRM[lang].in,
      );
      return;
    }

    const attachments = await storeMedia(creatorId, conversation.id, m);
    const result = await deps.engine.postUserMessage(
      creatorId,
      conversation.id,
      { content: m.text.slice(0, 4000), clientMessageId: m.wamid.slice(0, 100) },
      {
        metadata: {
          ...(attachments.length ? { attachments } : {}),
          whatsapp: { wamid: m.wamid, type: m.type, replyId: m.replyId },
        },
      },
    );
    await db.withTenant(creatorId, (tx) =>
      repo.linkInbound(tx, claimed.channelMessageId, {
        messageId: result.message.id,
        conversationId: conversation.id,
        endUserId: endUser.id,
      }),
    );
    const replies = result.programMessages?.length
      ? result.programMessages
      : result.reply
        ? [result.reply]
        : [];
    await outbound.deliver(
      creatorId,
      conversation,
      replies.map((r) => r.id),
    );
  }

  return {
    /** One webhook body: every event in order; a failure is retried by the queue (claimed ids are skipped). */
    async process(creatorId: string, body: unknown) {
      const events: WebhookEvent[] = readWebhook(body);
      await db.withTenant(creatorId, (tx) => repo.noteWebhook(tx));
      for (const event of events) {
        if (event.kind === 'status') await status(creatorId, event);
        else await message(creatorId, event);
      }
      return events.length;
    },
  };
}
export type WhatsAppInbound = ReturnType<typeof createWhatsAppInbound>;
