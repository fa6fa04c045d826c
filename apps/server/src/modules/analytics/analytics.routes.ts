import { IngestEventsBodySchema, IngestEventsResultSchema, LiveCountersSchema } from '@companero/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Analytics } from './analytics.service.ts';

export const analyticsRoutes =
  ({ analytics }: { analytics: Analytics }): FastifyPluginAsyncZod =>
  async (app) => {
    const tags = ['analytics'];
    app.post(
      '/analytics/events',
      {
        config: { auth: 'analytics:write' },
        schema: {
          tags,
          summary: 'Record a batch of events (apps); each is validated against the catalog on its own',
          description:
            'Answers 202 with how many were stored and, for each refused event, its position and the reason. ' +
            'A bad event never drops the good ones of its batch.',
          body: IngestEventsBodySchema,
          response: { 202: IngestEventsResultSchema },
        },
      },
      async (req, reply) =>
        reply.status(202).send(await analytics.ingest(req.tenant.creatorId, req.body.events)),
    );
    app.get(
      '/analytics/live',
      {
        config: { auth: 'analytics:read' },
        schema: {
          tags,
          summary: 'Live counts of this hour and today (UTC) per event type',
          response: { 200: LiveCountersSchema },
        },
      },
      (req) => analytics.live(req.tenant.creatorId),
    );
  };
