import { DevMailboxSchema, HealthSchema, PublicConfigSchema, ReadinessSchema } from '@companero/contracts';
import type { Database } from '@companero/db';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Registry } from 'prom-client';
import type { Cache } from '../../platform/cache/index.ts';
import { AppError } from '../../platform/errors/app-error.ts';
import type { Mailer } from '../../platform/mail/mailer.ts';

export const VERSION = '0.1.0';

/** Liveness, readiness, Prometheus metrics: outside /api/v1, for orchestrators and scrapers. */
export const probeRoutes =
  ({
    db,
    cache,
    metrics,
  }: {
    db: Database;
    cache: Pick<Cache, 'ping'>;
    metrics: Registry;
  }): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/healthz',
      {
        config: { auth: 'public' },
        logLevel: 'warn',
        schema: {
          tags: ['system'],
          summary: 'Liveness: the process answers',
          response: { 200: HealthSchema },
        },
      },
      () => ({ status: 'ok' as const }),
    );
    app.get(
      '/readyz',
      {
        config: { auth: 'public' },
        logLevel: 'warn',
        schema: {
          tags: ['system'],
          summary: 'Readiness: database and cache reachable',
          response: { 200: ReadinessSchema, 503: ReadinessSchema },
        },
      },
      async (_req, reply) => {
        const check = (p: Promise<unknown>) =>
          Promise.race([p, new Promise((_, rej) => setTimeout(() => rej(new Error('timeout')), 2000))]).then(
            () => 'up' as const,
            () => 'down' as const,
          );
        const [database, cacheState] = await Promise.all([
          check(db.unsafeQuery('select 1')),
          check(cache.ping()),
        ]);
        const ready = database === 'up' && cacheState === 'up';
        return reply
          .status(ready ? 200 : 503)
          .send({ status: ready ? 'ready' : 'not_ready', checks: { database, cache: cacheState } });
      },
    );
    app.get(
      '/metrics',
      { config: { auth: 'public' }, logLevel: 'warn', schema: { hide: true } },
      async (_req, reply) => reply.type(metrics.contentType).send(await metrics.metrics()),
    );
  };

export const systemRoutes =
  ({ mailer }: { mailer: Mailer }): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/config',
      {
        config: { auth: 'public' },
        schema: {
          tags: ['system'],
          summary: 'Public facts the dashboard needs before log-in',
          response: { 200: PublicConfigSchema },
        },
      },
      () => ({ devMailbox: mailer.devMailbox !== undefined, version: VERSION }),
    );
    app.get(
      '/dev/mailbox',
      {
        config: { auth: 'public' },
        schema: {
          tags: ['system'],
          summary: 'Mail kept instead of sent (only without SMTP_URL; never in production with SMTP)',
          response: { 200: DevMailboxSchema },
        },
      },
      () => {
        if (!mailer.devMailbox)
          throw new AppError('ROUTE_NOT_FOUND', 'The dev mailbox exists only when SMTP_URL is unset');
        return { items: mailer.devMailbox.list() };
      },
    );
  };
