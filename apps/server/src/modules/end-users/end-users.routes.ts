import {
  CreateEndUserBodySchema,
  EndUserSchema,
  IdParamsSchema,
  PageQuerySchema,
  pageOf,
  UpdateEndUserBodySchema,
} from '@companero/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { EndUsersService } from './end-users.service.ts';

export const endUsersRoutes =
  ({ endUsers }: { endUsers: EndUsersService }): FastifyPluginAsyncZod =>
  async (app) => {
    const tags = ['end-users'];
    app.get(
      '/end-users',
      {
        config: { auth: 'end_users:read' },
        schema: {
          tags,
          summary: 'List end users (newest first)',
          querystring: PageQuerySchema,
          response: { 200: pageOf(EndUserSchema) },
        },
      },
      (req) => endUsers.list(req.tenant, req.query),
    );
    app.post(
      '/end-users',
      {
        config: { auth: 'end_users:write' },
        schema: {
          tags,
          summary: 'Create an end user',
          body: CreateEndUserBodySchema,
          response: { 201: EndUserSchema },
        },
      },
      async (req, reply) => reply.status(201).send(await endUsers.create(req.tenant, req.body)),
    );
    app.get(
      '/end-users/:id',
      {
        config: { auth: 'end_users:read' },
        schema: {
          tags,
          summary: 'Get an end user',
          params: IdParamsSchema,
          response: { 200: EndUserSchema },
        },
      },
      (req) => endUsers.get(req.tenant, req.params.id),
    );
    app.patch(
      '/end-users/:id',
      {
        config: { auth: 'end_users:write' },
        schema: {
          tags,
          summary: 'Change an end user’s name, language, time zone, tags or check-in consent',
          params: IdParamsSchema,
          body: UpdateEndUserBodySchema,
          response: { 200: EndUserSchema },
        },
      },
      (req) => endUsers.update(req.tenant, req.params.id, req.body),
    );
    app.delete(
      '/end-users/:id',
      {
        config: { auth: 'end_users:write' },
        schema: { tags, summary: 'Delete an end user and their conversations', params: IdParamsSchema },
      },
      async (req, reply) => {
        await endUsers.delete(req.tenant, req.params.id);
        return reply.status(204).send();
      },
    );
  };
