import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

/**
 * Serves the built widget (loader.js, chat.js) at `/widget/` for creators'
 * sites: cacheable for a few minutes (the loader's URL never changes) and
 * loadable from any origin.
 */
export async function registerWidgetBundle(app: FastifyInstance, dist: string) {
  if (!existsSync(join(dist, 'loader.js'))) {
    app.log.warn({ dist }, 'widget build not found: run `npm run build:widget` (npm start does it)');
    return;
  }
  await app.register(fastifyStatic, {
    root: dist,
    prefix: '/widget/',
    decorateReply: false,
    index: false,
    maxAge: 300_000,
    setHeaders: (res) => {
      res.header('access-control-allow-origin', '*');
      res.header('cross-origin-resource-policy', 'cross-origin');
    },
  });
}

/** Serves the built dashboard at `/` with SPA fallback; API and docs paths keep their 404s. */
export async function registerDashboard(app: FastifyInstance, dist: string) {
  if (!existsSync(join(dist, 'index.html'))) {
    app.log.warn({ dist }, 'dashboard build not found: run `npm run build:dashboard` (npm start does it)');
    return;
  }
  await app.register(fastifyStatic, { root: dist, prefix: '/', wildcard: false, index: ['index.html'] });
  app.get('/*', { config: { auth: 'public' }, schema: { hide: true } }, (req, reply) => {
    const path = req.url.split('?')[0] ?? '/';
    if (
      path.startsWith('/api/') ||
      path.startsWith('/docs') ||
      path.startsWith('/widget/') ||
      /\.[a-z0-9]+$/i.test(path)
    ) {
      return reply.callNotFound();
    }
    return reply.sendFile('index.html');
  });
}
