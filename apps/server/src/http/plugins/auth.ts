import type { ApiScope } from '@companero/contracts';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../../platform/errors/app-error.ts';
import type { AccessTokens } from '../../platform/security/access-tokens.ts';
import { API_KEY_PREFIX } from '../../platform/security/opaque-tokens.ts';
import type { VisitorClaims, VisitorTokens } from '../../platform/security/visitor-tokens.ts';

/** Who is calling, for which creator: resolved once per request, passed down explicitly. */
export interface TenantContext {
  creatorId: string;
  actor: { type: 'creator' | 'api_key'; id: string };
  /** 'all' for a dashboard session; the key's scopes for an API key. */
  scopes: 'all' | ReadonlySet<ApiScope>;
  familyId?: string;
  requestId: string;
  ip: string;
  userAgent: string | null;
}

/**
 * What a route needs: no caller, a dashboard session (never an API key), a
 * scope, or a web widget visitor's token (`visitor`, sets `req.visitor`).
 */
export type RouteAuth = 'public' | 'session' | 'visitor' | ApiScope;

declare module 'fastify' {
  interface FastifyContextConfig {
    auth?: RouteAuth;
  }
  interface FastifyRequest {
    tenant: TenantContext;
    visitor: VisitorClaims;
  }
  interface FastifyInstance {
    /** Every /api route with what it needs; tests walk it to prove isolation for each. */
    apiRoutes: { method: string; url: string; auth: RouteAuth }[];
  }
}

export interface ApiKeyVerifier {
  verify(secret: string): Promise<{ creatorId: string; keyId: string; scopes: ApiScope[] } | undefined>;
}

export function bearerOf(req: FastifyRequest): string | undefined {
  const header = req.headers.authorization;
  if (header) {
    const [scheme, value] = header.split(' ');
    if (scheme?.toLowerCase() === 'bearer' && value) return value.trim();
    return undefined;
  }
  const key = req.headers['x-api-key'];
  if (typeof key === 'string') return key.trim();
  // Browsers cannot set headers on a WebSocket: they offer `bearer.<token>` as a subprotocol.
  const protocols = req.headers['sec-websocket-protocol'];
  if (typeof protocols === 'string') {
    const offered = protocols.split(',').map((p) => p.trim());
    const bearer = offered.find((p) => p.startsWith('bearer.'));
    if (bearer) return bearer.slice('bearer.'.length);
  }
  return undefined;
}

/**
 * Authentication and tenant resolution. Every /api route must declare
 * `config.auth`; registering one without it fails at start-up, so no API
 * route can be public by omission.
 */
export function registerAuth(
  app: FastifyInstance,
  deps: { accessTokens: AccessTokens; apiKeys: ApiKeyVerifier; visitorTokens: VisitorTokens },
) {
  app.decorateRequest('tenant', null as unknown as TenantContext);
  app.decorateRequest('visitor', null as unknown as VisitorClaims);
  const apiRoutes: FastifyInstance['apiRoutes'] = [];
  app.decorate('apiRoutes', apiRoutes);

  app.addHook('onRoute', (route) => {
    const auth = route.config?.auth;
    if (!auth) {
      // Our API must say who may call each route; routes added by plugins
      // outside /api (static files, the docs UI) are public by nature.
      if (route.url.startsWith('/api/')) {
        throw new Error(
          `Route ${route.method} ${route.url} must declare config.auth ('public', 'session' or a scope)`,
        );
      }
      route.config = { ...route.config, auth: 'public' };
      return;
    }
    if (route.url.startsWith('/api/')) {
      for (const method of [route.method].flat())
        if (method !== 'HEAD') apiRoutes.push({ method, url: route.url, auth });
    }
    if (auth !== 'public' && route.schema) {
      // Visitor tokens travel the same way (Authorization: Bearer); the docs describe them per route.
      route.schema = { ...route.schema, security: [{ bearerAuth: [] }] } as typeof route.schema;
    }
  });

  // onRequest: authenticate before the body is read or validated, so an
  // anonymous caller learns nothing about a route's input rules.
  app.addHook('onRequest', async (req) => {
    const auth = req.routeOptions.config.auth;
    if (!auth || auth === 'public') return;
    const token = bearerOf(req);
    if (!token)
      throw new AppError('UNAUTHENTICATED', 'Send an access token or API key as `Authorization: Bearer ...`');
    if (auth === 'visitor') {
      const visitor = await deps.visitorTokens.verify(token);
      // A token is bound to the site it was issued to; another page cannot use it.
      const origin = req.headers.origin;
      if (visitor.origin && origin && origin.toLowerCase() !== visitor.origin)
        throw new AppError('ORIGIN_NOT_ALLOWED', 'This visitor token belongs to another website');
      req.visitor = visitor;
      req.log = req.log.child({ creatorId: visitor.creatorId });
      return;
    }
    const base = { requestId: req.id, ip: req.ip, userAgent: req.headers['user-agent'] ?? null };
    if (token.startsWith(API_KEY_PREFIX)) {
      const key = await deps.apiKeys.verify(token);
      if (!key) throw new AppError('UNAUTHENTICATED', 'Invalid, expired or revoked API key');
      req.tenant = {
        ...base,
        creatorId: key.creatorId,
        actor: { type: 'api_key', id: key.keyId },
        scopes: new Set(key.scopes),
      };
    } else {
      const claims = await deps.accessTokens.verify(token);
      req.tenant = {
        ...base,
        creatorId: claims.creatorId,
        actor: { type: 'creator', id: claims.creatorId },
        scopes: 'all',
        familyId: claims.familyId,
      };
    }
    req.log = req.log.child({ creatorId: req.tenant.creatorId });
    if (auth === 'session' && req.tenant.actor.type !== 'creator') {
      throw new AppError('FORBIDDEN', 'This action needs a dashboard session; API keys cannot do it');
    }
    if (auth !== 'session' && req.tenant.scopes !== 'all' && !req.tenant.scopes.has(auth)) {
      throw new AppError('INSUFFICIENT_SCOPE', `This API key lacks the scope "${auth}"`);
    }
  });
}
