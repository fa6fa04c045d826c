import {
  ConversationSchema,
  CreateConversationBodySchema,
  IdParamsSchema,
  ListConversationsQuerySchema,
  MessageWithMetaSchema,
  PageQuerySchema,
  pageOf,
} from '@companero/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { ConversationsService } from './conversations.service.ts';

export const conversationsRoutes =
  ({ conversations }: { conversations: ConversationsService }): FastifyPluginAsyncZod =>
  async (app) => {
    const tags = ['conversations'];
    app.get(
      '/conversations',
      {
        config: { auth: 'conversations:read' },
        schema: {
          tags,
          summary: 'List conversations (newest first), filtered by status or channel',
          querystring: ListConversationsQuerySchema,
          response: { 200: pageOf(ConversationSchema) },
        },
      },
      (req) => conversations.list(req.tenant, req.query),
    );
    app.post(
      '/conversations',
      {
        config: { auth: 'conversations:write' },
        schema: {
          tags,
          summary: 'Start a conversation with an end user',
          body: CreateConversationBodySchema,
          response: { 201: ConversationSchema },
        },
      },
      async (req, reply) => reply.status(201).send(await conversations.create(req.tenant, req.body)),
    );
    app.get(
      '/conversations/:id',
      {
        config: { auth: 'conversations:read' },
        schema: {
          tags,
          summary: 'Get a conversation',
          params: IdParamsSchema,
          response: { 200: ConversationSchema },
        },
      },
      (req) => conversations.get(req.tenant, req.params.id),
    );
    app.get(
      '/conversations/:id/messages',
      {
        config: { auth: 'conversations:read' },
        schema: {
          tags,
          summary:
            'Transcript, oldest first, with each message’s metadata (citations, sentiment) and feedback',
          params: IdParamsSchema,
          querystring: PageQuerySchema,
          response: { 200: pageOf(MessageWithMetaSchema) },
        },
      },
      (req) => conversations.listMessages(req.tenant, req.params.id, req.query),
    );
  };
