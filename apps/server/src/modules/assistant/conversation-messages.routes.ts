import {
  type ConversationEvent,
  IdParamsSchema,
  PostMessageBodySchema,
  PostMessageQuerySchema,
  PostMessageResponseSchema,
} from '@companero/contracts';
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { WsHeartbeat } from '../../http/ws-heartbeat.ts';
import { AppError } from '../../platform/errors/app-error.ts';
import type { PubSub } from '../../platform/pubsub/index.ts';
import type { ConversationsService } from '../conversations/conversations.service.ts';
import type { ConversationEngine } from './conversation-engine.ts';
import { conversationChannel } from './message-view.ts';

/** Opens a Server-Sent Events response on first use; keeps the headers hooks already set (CORS, security). */
function sseWriter(reply: FastifyReply) {
  let open = false;
  return {
    get open() {
      return open;
    },
    write(event: ConversationEvent) {
      if (!open) {
        open = true;
        reply.hijack();
        reply.raw.writeHead(200, {
          ...(reply.getHeaders() as Record<string, string>),
          'content-type': 'text/event-stream; charset=utf-8',
          'cache-control': 'no-cache, no-transform',
          'x-accel-buffering': 'no',
          'x-request-id': reply.request.id,
        });
      }
      if (!reply.raw.writableEnded)
        reply.raw.write(`event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`);
    },
    end() {
      if (open && !reply.raw.writableEnded) reply.raw.end();
    },
  };
}

const ClientFrameSchema = z.discriminatedUnion('type', [
  PostMessageBodySchema.extend({ type: z.literal('message') }),
  z.object({ type: z.literal('ping') }),
  z.strictObject({ type: z.literal('typing'), typing: z.boolean() }),
]);

/**
 * Talking to the coach: post an end user's message and get the reply — whole
 * (JSON), streamed (SSE with `Accept: text/event-stream`), or live over a
 * WebSocket that also carries every other event of the conversation.
 */
export const conversationMessagesRoutes =
  ({
    engine,
    pubsub,
    conversations,
    heartbeat,
  }: {
    engine: ConversationEngine;
    pubsub: Pick<PubSub, 'subscribe' | 'publish'>;
    conversations: Pick<ConversationsService, 'get'>;
    heartbeat?: WsHeartbeat;
  }): FastifyPluginAsyncZod =>
  async (app) => {
    const tags = ['conversations'];
    app.post(
      '/conversations/:id/messages',
      {
        config: { auth: 'conversations:write' },
        schema: {
          tags,
          summary:
            'Send an end user’s message; the AI coach replies (streamed with Accept: text/event-stream)',
          description:
            'JSON: answers 201 with the stored message and the reply once it is complete. ' +
            'SSE (`Accept: text/event-stream`): events `message` (the stored user message), `typing`, ' +
            '`delta` (the next piece of reply text), `message` (the stored reply with citations and metadata), ' +
            '`debug` (with ?debug=true) and `error`. A repeated `clientMessageId` returns the first answer.',
          params: IdParamsSchema,
          querystring: PostMessageQuerySchema,
          body: PostMessageBodySchema,
          response: { 201: PostMessageResponseSchema },
        },
      },
      async (req, reply) => {
        const stream = (req.headers.accept ?? '').includes('text/event-stream');
        if (!stream) {
          const result = await engine.postUserMessage(req.tenant.creatorId, req.params.id, req.body, {
            debug: req.query.debug,
          });
          return reply.status(201).send(result);
        }
        const sse = sseWriter(reply);
        const aborted = new AbortController();
        reply.raw.on('close', () => {
          if (!reply.raw.writableFinished) aborted.abort();
        });
        try {
          await engine.postUserMessage(req.tenant.creatorId, req.params.id, req.body, {
            debug: req.query.debug,
            emit: (event) => sse.write(event),
            signal: aborted.signal,
          });
        } catch (err) {
          // Before the first event the error handler still answers with problem+json.
          if (!sse.open) throw err;
          req.log.error({ err }, 'reply stream failed');
          sse.write({
            type: 'error',
            code: 'INTERNAL',
            detail: 'The reply could not be completed; please retry',
          });
        }
        sse.end();
        return reply;
      },
    );

    app.route({
      method: 'GET',
      url: '/conversations/:id/live',
      config: { auth: 'conversations:read' },
      schema: {
        tags,
        summary: 'WebSocket: live events of a conversation; send {"type":"message","content":"..."} to talk',
        description:
          'Browsers authenticate with the subprotocols `companero.v1` and `bearer.<access token or API key>`. ' +
          'Server frames are the same events as the SSE stream, from every node (fan-out through pub/sub). ' +
          'Sending messages needs the `conversations:write` scope. `{"type":"typing","typing":true}` tells the ' +
          'other side someone is typing (the creator from a dashboard session, the end user from an API key).',
        params: IdParamsSchema,
      },
      // A plain GET (no Upgrade): 404 for a conversation the caller cannot see, else say how to connect.
      handler: async (req) => {
        await conversations.get(req.tenant, req.params.id);
        throw new AppError(
          'MALFORMED_REQUEST',
          'Connect with a WebSocket (Upgrade: websocket) to receive live events',
        );
      },
      wsHandler: async (socket, req) => {
        const { creatorId, scopes } = req.tenant;
        const canWrite = scopes === 'all' || scopes.has('conversations:write');
        const conversationId = (req.params as { id: string }).id;
        const send = (payload: unknown) => {
          if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(payload));
        };
        try {
          await conversations.get(req.tenant, conversationId);
        } catch {
          send({ type: 'error', code: 'NOT_FOUND', detail: 'Conversation not found' });
          socket.close(4404, 'Conversation not found');
          return;
        }
        heartbeat?.watch(socket);
        const channel = conversationChannel(creatorId, conversationId);
        const off = await pubsub.subscribe(channel, (raw) => {
          if (socket.readyState === socket.OPEN) socket.send(raw);
        });
        // A dashboard session is the creator; an API key speaks for the end user (an app).
        const who = req.tenant.actor.type === 'creator' ? 'creator' : 'user';
        socket.on('close', () => void off());
        socket.on('message', (data: Buffer) => {
          let frame: z.infer<typeof ClientFrameSchema>;
          try {
            frame = ClientFrameSchema.parse(JSON.parse(String(data)));
          } catch {
            send({
              type: 'error',
              code: 'VALIDATION_FAILED',
              detail: 'Send {"type":"message","content":"..."}',
            });
            return;
          }
          if (frame.type === 'ping') return send({ type: 'pong' });
          if (frame.type === 'typing') {
            const event: ConversationEvent = { type: 'presence', conversationId, who, typing: frame.typing };
            void pubsub.publish(channel, JSON.stringify(event)).catch(() => undefined);
            return;
          }
          if (!canWrite)
            return send({
              type: 'error',
              code: 'INSUFFICIENT_SCOPE',
              detail: 'This key lacks "conversations:write"',
            });
          const { type: _type, ...body } = frame;
          engine
            .postUserMessage(creatorId, conversationId, body)
            .catch((err: { code?: string; message?: string }) => {
              req.log.warn({ err }, 'websocket message failed');
              send({
                type: 'error',
                code: err.code ?? 'INTERNAL',
                detail: err.code ? (err.message ?? 'Failed') : 'The message could not be processed',
              });
            });
        });
        send({ type: 'ready', conversationId });
      },
    });
  };
