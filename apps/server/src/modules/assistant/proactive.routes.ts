import {
  CreateProactiveRuleBodySchema,
  IdParamsSchema,
  ProactiveRuleSchema,
  ProactiveSendSchema,
  UpdateProactiveRuleBodySchema,
} from '@companero/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ProactiveService } from './proactive.service.ts';

/** Rules for check-ins the coach starts on its own. */
export const proactiveRoutes =
  ({ proactive }: { proactive: ProactiveService }): FastifyPluginAsyncZod =>
  async (app) => {
    const tags = ['assistant'];
    app.get(
      '/assistant/proactive-rules',
      {
        config: { auth: 'assistant:read' },
        schema: {
          tags,
          summary: 'Proactive check-in rules, with how many messages each has sent',
          response: { 200: z.object({ items: z.array(ProactiveRuleSchema) }) },
        },
      },
      (req) => proactive.list(req.tenant),
    );
    app.post(
      '/assistant/proactive-rules',
      {
        config: { auth: 'assistant:write' },
        schema: {
          tags,
          summary: 'Create a rule: inactivity for N days, a weekly schedule, or a sentiment drop',
          description:
            'Messages go only to end users with `proactiveOptIn`, outside the quiet hours of the AI settings in ' +
            'the end user’s time zone, within the weekly cap and the rule’s cooldown, never while a human has the conversation.',
          body: CreateProactiveRuleBodySchema,
          response: { 201: ProactiveRuleSchema },
        },
      },
      async (req, reply) => reply.status(201).send(await proactive.create(req.tenant, req.body)),
    );
    app.patch(
      '/assistant/proactive-rules/:id',
      {
        config: { auth: 'assistant:write' },
        schema: {
          tags,
          summary: 'Change or pause a rule',
          params: IdParamsSchema,
          body: UpdateProactiveRuleBodySchema,
          response: { 200: ProactiveRuleSchema },
        },
      },
      (req) => proactive.update(req.tenant, req.params.id, req.body),
    );
    app.delete(
      '/assistant/proactive-rules/:id',
      {
        config: { auth: 'assistant:write' },
        schema: { tags, summary: 'Delete a rule', params: IdParamsSchema, response: { 204: z.null() } },
      },
      async (req, reply) => {
        await proactive.remove(req.tenant, req.params.id);
        return reply.status(204).send(null);
      },
    );
    app.get(
      '/assistant/proactive-sends',
      {
        config: { auth: 'assistant:read' },
        schema: {
          tags,
          summary: 'The latest 100 proactive messages sent',
          response: { 200: z.object({ items: z.array(ProactiveSendSchema) }) },
        },
      },
      (req) => proactive.recentSends(req.tenant),
    );
  };
