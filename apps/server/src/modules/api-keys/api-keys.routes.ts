import {
  ApiKeyListSchema,
  CreateApiKeyBodySchema,
  CreatedApiKeySchema,
  IdParamsSchema,
} from '@companero/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { ApiKeysService } from './api-keys.service.ts';

// Managing keys needs a dashboard session: a leaked key cannot mint or revoke keys.
export const apiKeysRoutes =
  ({ apiKeys }: { apiKeys: ApiKeysService }): FastifyPluginAsyncZod =>
  async (app) => {
    const tags = ['api-keys'];
    app.get(
      '/api-keys',
      {
        config: { auth: 'session' },
        schema: {
          tags,
          summary: 'List API keys (secrets are never returned)',
          response: { 200: ApiKeyListSchema },
        },
      },
      (req) => apiKeys.list(req.tenant),
    );
    app.post(
      '/api-keys',
      {
        config: { auth: 'session' },
        schema: {
          tags,
          summary: 'Create a scoped API key; the secret is in this response only',
          body: CreateApiKeyBodySchema,
          response: { 201: CreatedApiKeySchema },
        },
      },
      async (req, reply) => reply.status(201).send(await apiKeys.create(req.tenant, req.body)),
    );
    app.delete(
      '/api-keys/:id',
      {
        config: { auth: 'session' },
        schema: { tags, summary: 'Revoke an API key (immediately)', params: IdParamsSchema },
      },
      async (req, reply) => {
        await apiKeys.revoke(req.tenant, req.params.id);
        return reply.status(204).send();
      },
    );
  };
