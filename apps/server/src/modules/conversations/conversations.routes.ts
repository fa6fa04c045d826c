import {
  ConversationSchema,
  ConversationSummarySchema,
  CreateConversationBodySchema,
  CreatorMessageBodySchema,
  IdParamsSchema,
  ListConversationsQuerySchema,
  MarkReadBodySchema,
  MessageWithMetaSchema,
  PageQuerySchema,
  pageOf,
  UpdateConversationBodySchema,
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
          summary:
            'The inbox: conversations with messages, latest activity first, filtered by status, channel, sentiment, unread or alerts',
          querystring: ListConversationsQuerySchema,
          response: { 200: pageOf(ConversationSummarySchema) },
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
    app.patch(
      '/conversations/:id',
      {
        config: { auth: 'conversations:write' },
        schema: {
          tags,
          summary: 'Take over (`human`: the AI stays quiet), hand back to the AI (`bot`), close, or reopen',
          params: IdParamsSchema,
          body: UpdateConversationBodySchema,
          response: { 200: ConversationSchema },
        },
      },
      (req) => conversations.setStatus(req.tenant, req.params.id, req.body.status),
    );
    app.post(
      '/conversations/:id/creator-messages',
      {
        config: { auth: 'conversations:write' },
        schema: {
          tags,
          summary: 'Write to the client as yourself (takes the conversation over from the AI)',
          params: IdParamsSchema,
          body: CreatorMessageBodySchema,
          response: { 201: MessageWithMetaSchema },
        },
      },
      async (req, reply) =>
        reply.status(201).send(await conversations.postCreatorMessage(req.tenant, req.params.id, req.body)),
    );
    app.post(
      '/conversations/:id/read',
      {
        config: { auth: 'conversations:write' },
        schema: {
          tags,
          summary: 'Mark the client’s messages read (up to one, or all); the client sees “Seen”',
          params: IdParamsSchema,
          body: MarkReadBodySchema,
          response: { 200: ConversationSummarySchema },
        },
      },
      (req) => conversations.markRead(req.tenant, req.params.id, req.body.messageId),
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
