import type { InboxEvent } from '@companero/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { WsHeartbeat } from '../../http/ws-heartbeat.ts';
import { AppError } from '../../platform/errors/app-error.ts';
import type { PubSub } from '../../platform/pubsub/index.ts';
import { inboxChannel } from './inbox-fanout.ts';

/**
 * The creator's inbox, live: one WebSocket per open dashboard receives a
 * `changed` notice whenever one of the creator's conversations gets a message,
 * changes status or is read, and an `alert` when a client needs a human —
 * from whichever api node the event happened on (pub/sub).
 */
export const inboxRoutes =
  ({
    pubsub,
    heartbeat,
  }: {
    pubsub: Pick<PubSub, 'subscribe'>;
    heartbeat: WsHeartbeat;
  }): FastifyPluginAsyncZod =>
  async (app) => {
    app.route({
      method: 'GET',
      url: '/inbox/live',
      config: { auth: 'conversations:read' },
      schema: {
        tags: ['conversations'],
        summary: 'WebSocket: live inbox notices (conversation changed, handoff and crisis alerts)',
        description:
          'Browsers authenticate with the subprotocols `companero.v1` and `bearer.<access token or API key>`. ' +
          'Frames: `ready`, `changed {conversationId, reason}`, `alert {conversationId, kind, excerpt}`.',
      },
      handler: async () => {
        throw new AppError('MALFORMED_REQUEST', 'Connect with a WebSocket (Upgrade: websocket)');
      },
      wsHandler: async (socket, req) => {
        heartbeat.watch(socket);
        const off = await pubsub.subscribe(inboxChannel(req.tenant.creatorId), (raw) => {
          if (socket.readyState === socket.OPEN) socket.send(raw);
        });
        socket.on('close', () => void off());
        socket.on('message', (data: Buffer) => {
          if (String(data).includes('"ping"') && socket.readyState === socket.OPEN)
            socket.send(JSON.stringify({ type: 'pong' }));
        });
        const ready: InboxEvent = { type: 'ready' };
        socket.send(JSON.stringify(ready));
      },
    });
  };
