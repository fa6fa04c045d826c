import type { KnowledgeEvent } from '@companero/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { WsHeartbeat } from '../../http/ws-heartbeat.ts';
import { AppError } from '../../platform/errors/app-error.ts';
import type { PubSub } from '../../platform/pubsub/index.ts';

/** The pub/sub channel of a creator's ingestion progress. */
export const knowledgeChannel = (creatorId: string) => `knowledge:${creatorId}`;

/** Publishes one ingestion step (from the worker); a lost notice only means the dashboard polls it later. */
export const publishKnowledgeProgress =
  (pubsub: Pick<PubSub, 'publish'>) =>
  (creatorId: string, event: Omit<Extract<KnowledgeEvent, { type: 'document' }>, 'type'>) => {
    const frame: KnowledgeEvent = { type: 'document', ...event };
    pubsub.publish(knowledgeChannel(creatorId), JSON.stringify(frame)).catch(() => undefined);
  };

/** Ingestion progress, live: each document's stage as the worker commits it, from any node. */
export const knowledgeLiveRoutes =
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
      url: '/knowledge/live',
      config: { auth: 'knowledge:read' },
      schema: {
        tags: ['knowledge'],
        summary: 'WebSocket: ingestion progress of your documents as it happens',
        description:
          'Subprotocols `companero.v1` and `bearer.<access token or API key>`. Frames: `ready`, then ' +
          '`document {documentId, version, status, progress, errorCode, errorMessage}` at each stage.',
      },
      handler: async () => {
        throw new AppError('MALFORMED_REQUEST', 'Connect with a WebSocket (Upgrade: websocket)');
      },
      wsHandler: async (socket, req) => {
        let closed = false;
        let off: (() => Promise<void>) | undefined;
        socket.on('close', () => {
          closed = true;
          void off?.();
        });
        socket.on('message', (data: Buffer) => {
          if (String(data).includes('"ping"') && socket.readyState === socket.OPEN)
            socket.send(JSON.stringify({ type: 'pong' }));
        });
        const unsubscribe = await pubsub.subscribe(knowledgeChannel(req.tenant.creatorId), (raw) => {
          if (socket.readyState === socket.OPEN) socket.send(raw);
        });
        if (closed) return void unsubscribe();
        off = unsubscribe;
        heartbeat.watch(socket);
        const ready: KnowledgeEvent = { type: 'ready' };
        socket.send(JSON.stringify(ready));
      },
    });
  };
