import {
  AiSettingsSchema,
  AlertSchema,
  AssistantStatusSchema,
  CorrectionBodySchema,
  CorrectionSchema,
  CreateMemoryBodySchema,
  DeletedCountSchema,
  FeedbackBodySchema,
  IdParamsSchema,
  ListAlertsQuerySchema,
  MemoryListSchema,
  MemoryParamsSchema,
  MemorySchema,
  MessageWithMetaSchema,
  PageQuerySchema,
  PersonalitySchema,
  PlaygroundBodySchema,
  PlaygroundStartResponseSchema,
  pageOf,
  UpdateAiSettingsBodySchema,
  UpdateMemoryBodySchema,
  UpdatePersonalityBodySchema,
} from '@companero/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AssistantService } from './assistant.service.ts';

/** The AI coach's settings, memory, feedback, corrections, alerts and playground. */
export const assistantRoutes =
  ({ assistant }: { assistant: AssistantService }): FastifyPluginAsyncZod =>
  async (app) => {
    const tags = ['assistant'];
    app.get(
      '/assistant/status',
      {
        config: { auth: 'assistant:read' },
        schema: {
          tags,
          summary:
            'Whether replies come from a model or the offline composer, the models in use, and this month’s token usage',
          response: { 200: AssistantStatusSchema },
        },
      },
      (req) => assistant.status(req.tenant),
    );
    app.get(
      '/assistant/personality',
      {
        config: { auth: 'assistant:read' },
        schema: { tags, summary: 'The coach’s personality', response: { 200: PersonalitySchema } },
      },
      (req) => assistant.getPersonality(req.tenant),
    );
    app.patch(
      '/assistant/personality',
      {
        config: { auth: 'assistant:write' },
        schema: {
          tags,
          summary: 'Change the coach’s personality (applies to every channel at once)',
          body: UpdatePersonalityBodySchema,
          response: { 200: PersonalitySchema },
        },
      },
      (req) => assistant.updatePersonality(req.tenant, req.body),
    );
    app.get(
      '/assistant/settings',
      {
        config: { auth: 'assistant:read' },
        schema: { tags, summary: 'Model routing and token budget', response: { 200: AiSettingsSchema } },
      },
      (req) => assistant.getAiSettings(req.tenant),
    );
    app.patch(
      '/assistant/settings',
      {
        config: { auth: 'assistant:write' },
        schema: {
          tags,
          summary:
            'Choose models per use (provider:model), a fallback, a monthly token budget, crisis handoff',
          body: UpdateAiSettingsBodySchema,
          response: { 200: AiSettingsSchema },
        },
      },
      (req) => assistant.updateAiSettings(req.tenant, req.body),
    );

    app.get(
      '/end-users/:id/memories',
      {
        config: { auth: 'assistant:read' },
        schema: {
          tags,
          summary: 'What the coach remembers about an end user',
          params: IdParamsSchema,
          response: { 200: MemoryListSchema },
        },
      },
      (req) => assistant.listMemories(req.tenant, req.params.id),
    );
    app.post(
      '/end-users/:id/memories',
      {
        config: { auth: 'assistant:write' },
        schema: {
          tags,
          summary: 'Add (or replace, by key) something the coach should remember',
          params: IdParamsSchema,
          body: CreateMemoryBodySchema,
          response: { 201: MemorySchema },
        },
      },
      async (req, reply) =>
        reply.status(201).send(await assistant.addMemory(req.tenant, req.params.id, req.body)),
    );
    app.patch(
      '/end-users/:id/memories/:memoryId',
      {
        config: { auth: 'assistant:write' },
        schema: {
          tags,
          summary: 'Edit a memory',
          params: MemoryParamsSchema,
          body: UpdateMemoryBodySchema,
          response: { 200: MemorySchema },
        },
      },
      (req) => assistant.updateMemory(req.tenant, req.params.id, req.params.memoryId, req.body.content),
    );
    app.delete(
      '/end-users/:id/memories/:memoryId',
      {
        config: { auth: 'assistant:write' },
        schema: {
          tags,
          summary: 'Forget one memory',
          params: MemoryParamsSchema,
          response: { 204: z.null() },
        },
      },
      async (req, reply) => {
        await assistant.deleteMemory(req.tenant, req.params.id, req.params.memoryId);
        return reply.status(204).send(null);
      },
    );
    app.delete(
      '/end-users/:id/memories',
      {
        config: { auth: 'assistant:write' },
        schema: {
          tags,
          summary: 'Forget everything about an end user (on their request); recorded in the audit log',
          params: IdParamsSchema,
          response: { 200: DeletedCountSchema },
        },
      },
      (req) => assistant.forgetEndUser(req.tenant, req.params.id),
    );

    app.put(
      '/messages/:id/feedback',
      {
        config: { auth: 'conversations:write' },
        schema: {
          tags,
          summary: 'Thumbs up or down (and a comment) on an AI answer; a second call replaces the first',
          params: IdParamsSchema,
          body: FeedbackBodySchema,
          response: { 200: MessageWithMetaSchema },
        },
      },
      (req) => assistant.feedback(req.tenant, req.params.id, req.body),
    );
    app.post(
      '/messages/:id/correction',
      {
        config: { auth: 'assistant:write' },
        schema: {
          tags,
          summary:
            'Correct an AI answer: the corrected answer is preferred for similar questions from now on',
          params: IdParamsSchema,
          body: CorrectionBodySchema,
          response: { 201: CorrectionSchema },
        },
      },
      async (req, reply) =>
        reply.status(201).send(await assistant.correct(req.tenant, req.params.id, req.body.answer)),
    );
    app.get(
      '/assistant/corrections',
      {
        config: { auth: 'assistant:read' },
        schema: {
          tags,
          summary: 'The creator’s corrections, newest first, with how often each was used',
          querystring: PageQuerySchema,
          response: { 200: pageOf(CorrectionSchema) },
        },
      },
      (req) => assistant.listCorrections(req.tenant, req.query),
    );
    app.delete(
      '/assistant/corrections/:id',
      {
        config: { auth: 'assistant:write' },
        schema: { tags, summary: 'Delete a correction', params: IdParamsSchema, response: { 204: z.null() } },
      },
      async (req, reply) => {
        await assistant.deleteCorrection(req.tenant, req.params.id);
        return reply.status(204).send(null);
      },
    );

    app.get(
      '/assistant/alerts',
      {
        config: { auth: 'assistant:read' },
        schema: {
          tags,
          summary: 'Crisis and handoff alerts, newest first',
          querystring: ListAlertsQuerySchema,
          response: { 200: pageOf(AlertSchema) },
        },
      },
      (req) => assistant.listAlerts(req.tenant, req.query),
    );
    app.post(
      '/assistant/alerts/:id/resolve',
      {
        config: { auth: 'assistant:write' },
        schema: {
          tags,
          summary: 'Mark an alert as handled',
          params: IdParamsSchema,
          response: { 200: AlertSchema },
        },
      },
      (req) => assistant.resolveAlert(req.tenant, req.params.id),
    );

    app.post(
      '/assistant/playground',
      {
        config: { auth: 'assistant:write' },
        schema: {
          tags,
          summary: 'Start a playground conversation as a test end user (with the given tags)',
          body: PlaygroundBodySchema,
          response: { 201: PlaygroundStartResponseSchema },
        },
      },
      async (req, reply) => reply.status(201).send(await assistant.startPlayground(req.tenant, req.body)),
    );
  };
