import { AuditEntrySchema, PageQuerySchema, pageOf } from '@companero/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AuditService } from './audit.service.ts';

export const auditRoutes =
  ({ audit }: { audit: AuditService }): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/audit-log',
      {
        config: { auth: 'audit:read' },
        schema: {
          tags: ['account'],
          summary: 'Security activity: sign-ins, key changes, password changes (newest first)',
          querystring: PageQuerySchema,
          response: { 200: pageOf(AuditEntrySchema) },
        },
      },
      (req) => audit.list(req.tenant, req.query),
    );
  };
