import type {
  ConversationEvent,
  MessageWithMeta,
  WidgetClientFrame,
  WidgetMessage,
  WidgetServerFrame,
} from '@companero/contracts';
import type { Database } from '@companero/db';
import type { Logger } from 'pino';
import type { Cache } from '../../platform/cache/index.ts';
import { AppError } from '../../platform/errors/app-error.ts';
import type { PubSub } from '../../platform/pubsub/index.ts';
import type { VisitorClaims } from '../../platform/security/visitor-tokens.ts';
import type { ConversationEngine } from '../assistant/conversation-engine.ts';
import { conversationChannel, toMessageWithMeta } from '../assistant/message-view.ts';
import type { WidgetRepository } from './widget.repository.ts';
import type { WidgetService } from './widget.service.ts';

type Send = (frame: WidgetServerFrame) => void;

/**
 * The visitor's side of realtime: turns a conversation's events (from any api
 * node, through pub/sub) into widget frames, and handles what the widget sends
 * — over a WebSocket, or one frame per POST where WebSockets are blocked.
 */
export function createWidgetGateway(deps: {
  db: Database;
  repo: WidgetRepository;
  widget: Pick<WidgetService, 'attachmentView' | 'forCreator'>;
  engine: Pick<ConversationEngine, 'postUserMessage'>;
  pubsub: Pick<PubSub, 'publish' | 'subscribe'>;
  cache: Cache;
  logger: Pick<Logger, 'warn' | 'error'>;
}) {
  const { db, repo, widget, cache } = deps;

  function toWidgetMessage(creatorId: string, m: MessageWithMeta): WidgetMessage {
    return {
      id: m.id,
      role: m.role,
      content: m.content,
      createdAt: m.createdAt,
      clientMessageId: m.meta.clientMessageId ?? null,
      citations: (m.meta.citations ?? [])
        .filter((c) => c.kind === 'document')
        .map((c) => ({ n: c.n, title: c.documentTitle, page: c.page })),
      quickReplies: m.meta.program?.quickReplies ?? [],
      media: m.meta.program?.media ?? null,
      attachments: (m.meta.attachments ?? []).map((a) => widget.attachmentView(creatorId, a)),
    };
  }

  /** A conversation event as the visitor may see it; null for what is not theirs to see. */
  function fromChannelEvent(creatorId: string, raw: string): WidgetServerFrame | null {
    let event: ConversationEvent;
    try {
      event = JSON.parse(raw) as ConversationEvent;
    } catch {
      return null;
    }
    switch (event.type) {
      case 'message':
        return event.message.role === 'system'
          ? null
          : { type: 'message', message: toWidgetMessage(creatorId, event.message) };
      case 'typing':
        return { type: 'typing', who: 'assistant', typing: true };
      case 'delta':
        return { type: 'delta', replyId: event.replyId, text: event.text };
      case 'status':
        return { type: 'status', status: event.status };
      case 'presence':
        return event.who === 'creator' ? { type: 'typing', who: 'creator', typing: event.typing } : null;
      case 'read':
        return event.who === 'creator' ? { type: 'read', messageId: event.messageId } : null;
      default:
        return null;
    }
  }

  const publish = (v: VisitorClaims, event: ConversationEvent) =>
    deps.pubsub
      .publish(conversationChannel(v.creatorId, v.conversationId), JSON.stringify(event))
      .catch((err) => deps.logger.warn({ err }, 'could not publish a widget event'));

  /** The widget's settings for a visitor's creator (limits, switched off). */
  const settingsOf = (creatorId: string) => widget.forCreator(creatorId);

  /** Fixed one-minute windows per visitor and per widget; over either, the message is refused. */
  async function overLimit(v: VisitorClaims, perVisitor: number, perWidget: number) {
    const minute = Math.floor(Date.now() / 60_000);
    const [mine, all] = await Promise.all([
      cache.incr(`widget:rate:${v.creatorId}:${v.visitorId}:${minute}`, 61),
      cache.incr(`widget:rate:${v.creatorId}:${minute}`, 61),
    ]).catch(() => [0, 0]); // the cache down: let messages through rather than fail them
    return mine! > perVisitor || all! > perWidget;
  }

  async function sendMessage(
    v: VisitorClaims,
    frame: Extract<WidgetClientFrame, { type: 'message' }>,
    send: Send,
  ) {
    const { clientMessageId } = frame;
    const refuse = (code: string, detail: string) => send({ type: 'error', code, detail, clientMessageId });
    const settings = await settingsOf(v.creatorId);
    if (!settings.enabled) return refuse('NOT_FOUND', 'This widget is switched off');
    if (await overLimit(v, settings.visitorMessagesPerMinute, settings.widgetMessagesPerMinute))
      return refuse('RATE_LIMITED', 'Too many messages; wait a moment and try again');
    const ids = [...new Set(frame.attachmentIds ?? [])];
    const files = ids.length
      ? await db.readAsTenant(v.creatorId, (tx) => repo.unsentAttachments(tx, v.conversationId, ids))
      : [];
    if (files.length !== ids.length)
      return refuse('VALIDATION_FAILED', 'An attachment is unknown or was already sent; upload it again');
    const content = frame.content || files.map((f) => `📎 ${f.name}`).join('\n');
    if (!content) return refuse('VALIDATION_FAILED', 'Write a message or attach a file');

    // Acknowledge as soon as the message is stored; the reply streams on through pub/sub.
    let acked!: () => void;
    const stored = new Promise<void>((resolve) => {
      acked = resolve;
    });
    const reply = deps.engine
      .postUserMessage(
        v.creatorId,
        v.conversationId,
        { content, clientMessageId },
        {
          metadata: files.length
            ? { attachments: files.map((f) => ({ id: f.id, name: f.name, mime: f.mime, size: f.sizeBytes })) }
            : undefined,
          emit: (event) => {
            if (event.type !== 'message' || event.message.role !== 'user') return;
            send({ type: 'ack', clientMessageId, messageId: event.message.id });
            if (files.length)
              void db
                .withTenant(v.creatorId, (tx) => repo.linkAttachments(tx, ids, event.message.id))
                .catch((err) => deps.logger.warn({ err }, 'could not link attachments'));
            acked();
          },
        },
      )
      .catch((err: { code?: string; message?: string; statusCode?: number }) => {
        if (!(err instanceof AppError)) deps.logger.error({ err }, 'widget message failed');
        refuse(
          err instanceof AppError ? err.code : 'INTERNAL',
          err instanceof AppError ? err.message : 'The message could not be processed; retry',
        );
      });
    await Promise.race([stored, reply]);
  }

  return {
    toWidgetMessage,
    fromChannelEvent,
    settingsOf,

    /** The conversation's status (a closed one means: open a new session). */
    async statusOf(v: VisitorClaims) {
      const row = await db.readAsTenant(v.creatorId, (tx) => repo.conversationStatus(tx, v.conversationId));
      return row?.status ?? 'closed';
    },

    async history(v: VisitorClaims, q: { after?: string; limit: number }) {
      const { rows, hasMore } = await db.readAsTenant(v.creatorId, (tx) =>
        repo.messages(tx, v.conversationId, { afterId: q.after, limit: q.limit }),
      );
      return { items: rows.map((r) => toWidgetMessage(v.creatorId, toMessageWithMeta(r))), hasMore };
    },

    /** Live frames of the visitor's conversation until the returned function is called. */
    subscribe(v: VisitorClaims, send: Send) {
      return deps.pubsub.subscribe(conversationChannel(v.creatorId, v.conversationId), (raw) => {
        const frame = fromChannelEvent(v.creatorId, raw);
        if (frame) send(frame);
      });
    },

    /** Handles one frame from a widget; answers go through `send` (acks, errors, replayed messages). */
    async handle(v: VisitorClaims, frame: WidgetClientFrame, send: Send): Promise<void> {
      switch (frame.type) {
        case 'ping':
          return send({ type: 'pong' });
        case 'message':
          return sendMessage(v, frame, send);
        case 'typing':
          publish(v, {
            type: 'presence',
            conversationId: v.conversationId,
            who: 'user',
            typing: frame.typing,
          });
          return;
        case 'read': {
          const at = await db.withTenant(v.creatorId, (tx) =>
            repo.markUserRead(tx, v.conversationId, frame.messageId),
          );
          if (at)
            publish(v, {
              type: 'read',
              conversationId: v.conversationId,
              who: 'user',
              messageId: frame.messageId,
            });
          return;
        }
        case 'resume': {
          // Everything after the widget's last message, in pages, then where the coach has read up to.
          let after = frame.after ?? undefined;
          let last: string | null = frame.after;
          const state = await db.readAsTenant(v.creatorId, (tx) =>
            repo.conversationStatus(tx, v.conversationId),
          );
          for (;;) {
            const page = await db.readAsTenant(v.creatorId, (tx) =>
              repo.messages(tx, v.conversationId, after ? { afterId: after, limit: 200 } : { limit: 200 }),
            );
            for (const row of page.rows)
              send({ type: 'message', message: toWidgetMessage(v.creatorId, toMessageWithMeta(row)) });
            if (page.rows.length) last = page.rows.at(-1)!.id;
            if (!page.hasMore || !after) break;
            after = last ?? undefined;
          }
          if (state) send({ type: 'status', status: state.status });
          if (state?.creatorReadAt) {
            const readUpTo = await db.readAsTenant(v.creatorId, (tx) =>
              repo.lastUserMessageUpTo(tx, v.conversationId, state.creatorReadAt!),
            );
            if (readUpTo) send({ type: 'read', messageId: readUpTo });
          }
          send({ type: 'synced', lastMessageId: last });
          return;
        }
      }
    },
  };
}
export type WidgetGateway = ReturnType<typeof createWidgetGateway>;
