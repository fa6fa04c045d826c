import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Database, VectorStoreStatus } from '@companero/db';
import fastifyCookie from '@fastify/cookie';
import fastifyCors from '@fastify/cors';
import fastifyHelmet from '@fastify/helmet';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifySwagger from '@fastify/swagger';
import fastifyWebsocket from '@fastify/websocket';
import scalar from '@scalar/fastify-api-reference';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { Counter, collectDefaultMetrics, Histogram, Registry } from 'prom-client';
import type { Config } from './env.ts';
import { registerAuth } from './http/plugins/auth.ts';
import { registerErrorHandler } from './http/plugins/error-handler.ts';
import { registerDashboard, registerWidgetBundle } from './http/static-assets.ts';
import { createWsHeartbeat } from './http/ws-heartbeat.ts';
import { analyticsRoutes } from './modules/analytics/analytics.routes.ts';
import { createAnalytics } from './modules/analytics/analytics.service.ts';
import { createAnalyticsOverview } from './modules/analytics/analytics-overview.ts';
import { createAnalyticsRollup } from './modules/analytics/analytics-rollup.ts';
import { createApiKeysRepository } from './modules/api-keys/api-keys.repository.ts';
import { apiKeysRoutes } from './modules/api-keys/api-keys.routes.ts';
import { createApiKeysService } from './modules/api-keys/api-keys.service.ts';
import { createAlertNotifier } from './modules/assistant/alert-notifier.ts';
import { createAssistantRepository } from './modules/assistant/assistant.repository.ts';
import { assistantRoutes } from './modules/assistant/assistant.routes.ts';
import { createAssistantService } from './modules/assistant/assistant.service.ts';
import { createConversationEngine } from './modules/assistant/conversation-engine.ts';
import { conversationMessagesRoutes } from './modules/assistant/conversation-messages.routes.ts';
import { createCreatorConfigCache } from './modules/assistant/creator-config-cache.ts';
import { createProactiveRepository } from './modules/assistant/proactive.repository.ts';
import { proactiveRoutes } from './modules/assistant/proactive.routes.ts';
import { createProactiveService } from './modules/assistant/proactive.service.ts';
import { createUsageRecorder } from './modules/assistant/usage-recorder.ts';
import { createAuditRepository } from './modules/audit/audit.repository.ts';
import { auditRoutes } from './modules/audit/audit.routes.ts';
import { createAuditService } from './modules/audit/audit.service.ts';
import { createAuthRepository } from './modules/auth/auth.repository.ts';
import { authRoutes } from './modules/auth/auth.routes.ts';
import { createAuthService } from './modules/auth/auth.service.ts';
import { createLoginThrottle } from './modules/auth/login-throttle.ts';
import { createConversationsRepository } from './modules/conversations/conversations.repository.ts';
import { conversationsRoutes } from './modules/conversations/conversations.routes.ts';
import { createConversationsService } from './modules/conversations/conversations.service.ts';
import { createEndUsersRepository } from './modules/end-users/end-users.repository.ts';
import { endUsersRoutes } from './modules/end-users/end-users.routes.ts';
import { createEndUsersService } from './modules/end-users/end-users.service.ts';
import { inboxRoutes } from './modules/inbox/inbox.routes.ts';
import { publishInboxAlert, withInboxFanout } from './modules/inbox/inbox-fanout.ts';
import { detectFileType } from './modules/knowledge/extraction-stage.ts';
import { createKnowledgeRepository } from './modules/knowledge/knowledge.repository.ts';
import { knowledgeRoutes } from './modules/knowledge/knowledge.routes.ts';
import { createKnowledgeService } from './modules/knowledge/knowledge.service.ts';
import { createKnowledgeEmbeddingService } from './modules/knowledge/knowledge-embedding.service.ts';
import { knowledgeLiveRoutes } from './modules/knowledge/knowledge-live.routes.ts';
import { createKnowledgeSearchService } from './modules/knowledge/knowledge-search.service.ts';
import { createProgramsRepository } from './modules/programs/programs.repository.ts';
import { programsRoutes } from './modules/programs/programs.routes.ts';
import { createProgramsService } from './modules/programs/programs.service.ts';
import { probeRoutes, systemRoutes, VERSION } from './modules/system/system.routes.ts';
import { createGraphClient } from './modules/whatsapp/graph-client.ts';
import { createWhatsAppRepository } from './modules/whatsapp/whatsapp.repository.ts';
import { whatsappRoutes, whatsappWebhookRoutes } from './modules/whatsapp/whatsapp.routes.ts';
import { createWhatsAppService } from './modules/whatsapp/whatsapp.service.ts';
import { createWhatsAppOutbound } from './modules/whatsapp/whatsapp-outbound.ts';
import { createWidgetRepository } from './modules/widget/widget.repository.ts';
import { widgetConfigRoutes, widgetRoutes } from './modules/widget/widget.routes.ts';
import { createWidgetService } from './modules/widget/widget.service.ts';
import { createWidgetGateway } from './modules/widget/widget-gateway.ts';
import type { AiGateway } from './platform/ai/ai-gateway.ts';
import type { Cache } from './platform/cache/index.ts';
import type { Mailer } from './platform/mail/mailer.ts';
import type { PubSub } from './platform/pubsub/index.ts';
import type { JobQueue } from './platform/queue/index.ts';
import { createAccessTokens } from './platform/security/access-tokens.ts';
import { createSecretBox } from './platform/security/secret-box.ts';
import { createVisitorTokens } from './platform/security/visitor-tokens.ts';
import type { FileStorage } from './platform/storage/index.ts';

export interface AppDeps {
  config: Config;
  db: Database;
  cache: Cache;
  mailer: Mailer;
  logger: Logger;
  storage: FileStorage;
  queue: Pick<JobQueue, 'enqueue'>;
  /** Live conversation events; Redis pub/sub when several api nodes run. */
  pubsub: PubSub;
  /** Language and embedding models; `configured: false` means offline replies. */
  ai: AiGateway;
  /** Dense retrieval status (see ensureVectorStore); lexical search when absent or disabled. */
  vectors?: VectorStoreStatus;
  /** Shared Redis connection for the rate-limit store; in-process store when absent. */
  redis?: Redis;
}

const DEFAULT_DASHBOARD_DIST = resolve(dirname(fileURLToPath(import.meta.url)), '../../dashboard/dist');
const DEFAULT_WIDGET_DIST = resolve(dirname(fileURLToPath(import.meta.url)), '../../widget/dist');

/**
 * Builds the API: platform plugins, then an explicit list of feature modules.
 * Wiring stays here and stays short; each module's service gets only what it uses.
 */
export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const { config, db, cache, mailer, logger } = deps;
  // Conversation events also notify the creator's inbox (see inbox-fanout.ts).
  const pubsub = withInboxFanout(deps.pubsub);
  const app = Fastify({
    loggerInstance: logger as FastifyBaseLogger,
    bodyLimit: config.BODY_LIMIT_BYTES,
    trustProxy: config.TRUST_PROXY,
    genReqId: (req) => {
      const incoming = req.headers['x-request-id'];
      return typeof incoming === 'string' && /^[\w.:-]{1,128}$/.test(incoming)
        ? incoming
        : crypto.randomUUID();
    },
    routerOptions: { ignoreTrailingSlash: true },
  }).withTypeProvider<ZodTypeProvider>();
  // JSON only: a text/plain body answers 415 instead of reaching validation as a string.
  app.removeContentTypeParser('text/plain');
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.addHook('onSend', async (req, reply) => {
    reply.header('x-request-id', req.id);
  });

  // Metrics: one registry per app instance (tests build many apps in one process).
  const metrics = new Registry();
  collectDefaultMetrics({ register: metrics });
  const httpDuration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request duration by route and status',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [metrics],
  });
  const httpErrors = new Counter({
    name: 'http_errors_total',
    help: 'HTTP 5xx answers',
    labelNames: ['route'],
    registers: [metrics],
  });
  app.addHook('onResponse', async (req, reply) => {
    const route = req.routeOptions.url ?? 'unmatched';
    httpDuration.observe({ method: req.method, route, status: reply.statusCode }, reply.elapsedTime / 1000);
    if (reply.statusCode >= 500) httpErrors.inc({ route });
  });

  registerErrorHandler(app);

  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // The dashboard and the API reference set inline styles.
        styleSrc: ["'self'", "'unsafe-inline'"],
        // Avatars and widget previews may point at the creator's own https images.
        imgSrc: ["'self'", 'data:', 'https:'],
        connectSrc: ["'self'"],
        fontSrc: ["'self'", 'data:'],
        // Only upgrade when served over https; on plain-http installs it would break every asset.
        upgradeInsecureRequests: config.publicUrl.startsWith('https://') ? [] : null,
      },
    },
  });
  // The API reference page boots with one inline script; allow inline scripts there only.
  app.addHook('onSend', async (req, reply) => {
    if (req.url.startsWith('/docs')) {
      const csp = reply.getHeader('content-security-policy');
      if (typeof csp === 'string')
        reply.header(
          'content-security-policy',
          csp.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'"),
        );
    }
  });
  // The widget's endpoints are called from creators' own sites: CORS answers any
  // origin there (without cookies) and the widget checks its allowed-sites list.
  const apiCors = { origin: config.corsOrigins.length ? config.corsOrigins : false, credentials: true };
  await app.register(fastifyCors, {
    delegator: (req, cb) =>
      cb(
        null,
        req.url?.startsWith('/api/v1/widget/') ? { origin: true, credentials: false, maxAge: 600 } : apiCors,
      ),
  });
  await app.register(fastifyCookie);
  await app.register(fastifyWebsocket, {
    options: {
      maxPayload: 64 * 1024,
      // Token streams are many tiny frames: compression costs far more than it saves (docs/benchmarks.md).
      perMessageDeflate: false,
      // Browsers send the token as a `bearer.<token>` subprotocol; answer with the protocol name only.
      handleProtocols: (protocols: Set<string>) => (protocols.has('companero.v1') ? 'companero.v1' : false),
    },
  });
  await app.register(fastifyRateLimit, {
    global: true,
    max: config.RATE_LIMIT_PER_MINUTE,
    timeWindow: 60_000,
    ...(deps.redis ? { redis: deps.redis, nameSpace: 'rate-limit:' } : {}),
    // Liveness and metrics probes must never be throttled.
    allowList: (req) => req.url === '/healthz' || req.url === '/readyz' || req.url === '/metrics',
    errorResponseBuilder: (_req, ctx) =>
      Object.assign(new Error('Too many requests'), { statusCode: 429, retryAfter: ctx.ttl }),
  });

  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Compañero API',
        version: VERSION,
        description:
          'Creators manage their coaching platform through this API. Authenticate with a dashboard access token or an API key: `Authorization: Bearer <token>`. Errors are RFC 9457 problem+json with a stable `code`.',
      },
      components: { securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer' } } },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(scalar, { routePrefix: '/docs', configuration: { title: 'Compañero API' } });

  const accessTokens = createAccessTokens({
    secret: config.jwtSecret,
    ttlSeconds: config.ACCESS_TOKEN_TTL_SECONDS,
  });
  const audit = createAuditService({ db, repo: createAuditRepository() });
  const apiKeys = createApiKeysService({ db, repo: createApiKeysRepository(), audit });
  const auth = createAuthService({
    db,
    repo: createAuthRepository(),
    audit,
    accessTokens,
    mailer,
    log: logger,
    publicUrl: config.publicUrl,
    refreshTtlDays: config.REFRESH_TOKEN_TTL_DAYS,
    throttle: createLoginThrottle({
      cache,
      maxPerAccount: config.LOGIN_MAX_PER_ACCOUNT,
      maxPerIp: config.LOGIN_MAX_PER_IP,
      windowSeconds: config.LOGIN_WINDOW_SECONDS,
    }),
  });
  const endUsersRepo = createEndUsersRepository();
  const endUsers = createEndUsersService({ db, repo: endUsersRepo, audit });
  const conversationsRepo = createConversationsRepository();
  const assistantRepo = createAssistantRepository();
  // WhatsApp: secrets sealed at rest; every outbound message goes through the queue.
  const secretBox = createSecretBox({ key: config.SECRETS_KEY, fallbackSecret: config.jwtSecret });
  const graph = createGraphClient({
    baseUrl: config.WHATSAPP_GRAPH_URL,
    version: config.WHATSAPP_GRAPH_VERSION,
  });
  const whatsappRepo = createWhatsAppRepository();
  const whatsappOutbound = createWhatsAppOutbound({
    db,
    repo: whatsappRepo,
    graph,
    box: secretBox,
    cache,
    queue: deps.queue,
    pubsub,
    logger,
  });
  const whatsapp = createWhatsAppService({
    db,
    repo: whatsappRepo,
    graph,
    box: secretBox,
    queue: deps.queue,
    publicUrl: config.publicUrl,
    logger,
  });
  const analytics = createAnalytics({ db, cache, logger });
  const analyticsRollup = createAnalyticsRollup({ db, logger });
  const analyticsOverview = createAnalyticsOverview({ db, cache, rollup: analyticsRollup, logger });
  // Events buffered by the last requests are written before the database closes.
  app.addHook('onClose', () => analytics.drain());
  const conversations = createConversationsService({
    db,
    repo: conversationsRepo,
    endUsers: endUsersRepo,
    feedback: assistantRepo,
    pubsub,
    outbound: (creatorId, conversation, ids) => whatsappOutbound.deliver(creatorId, conversation, ids),
    analytics,
  });

  const knowledgeRepo = createKnowledgeRepository();
  const knowledge = createKnowledgeService({
    db,
    repo: knowledgeRepo,
    storage: deps.storage,
    queue: deps.queue,
    detect: detectFileType,
    limits: { maxFileBytes: config.KB_MAX_FILE_BYTES, quotaBytes: config.KB_QUOTA_BYTES },
    logger,
  });
  const knowledgeSearch = createKnowledgeSearchService({
    db,
    repo: knowledgeRepo,
    dense:
      deps.vectors?.enabled && deps.ai.embeddingModel
        ? createKnowledgeEmbeddingService({ db, repo: knowledgeRepo, ai: deps.ai, logger })
        : undefined,
    logger,
  });

  const usageRecorder = createUsageRecorder({ db, repo: assistantRepo, logger });
  // Usage recorded by the last replies is written before the database closes.
  app.addHook('onClose', () => usageRecorder.drain());
  const programs = createProgramsService({
    db,
    repo: createProgramsRepository(),
    conversations: conversationsRepo,
    endUsers: endUsersRepo,
    alerts: assistantRepo,
    outbound: (creatorId, conversationId, ids) => whatsappOutbound.deliverTo(creatorId, conversationId, ids),
    queue: deps.queue,
    pubsub,
    analytics,
    logger,
  });
  const mailAlert = createAlertNotifier({ db, mailer, publicUrl: config.publicUrl, logger });
  // Personality, AI settings and corrections per creator; changes invalidate it on every api node.
  const creatorConfig = createCreatorConfigCache({ db, repo: assistantRepo, cache, logger });
  const engine = createConversationEngine({
    db,
    programs,
    repo: assistantRepo,
    config: creatorConfig,
    search: knowledgeSearch,
    ai: deps.ai,
    pubsub,
    queue: deps.queue,
    audit,
    usage: usageRecorder,
    analytics,
    notifyAlert: (creatorId, alert) => {
      publishInboxAlert(pubsub, creatorId, alert).catch(() => undefined);
      return mailAlert(creatorId, alert);
    },
    logger,
  });
  const proactive = createProactiveService({
    db,
    repo: createProactiveRepository(),
    assistant: assistantRepo,
    pubsub,
    outbound: (creatorId, conversationId, ids) => whatsappOutbound.deliverTo(creatorId, conversationId, ids),
    analytics,
    logger,
  });
  const assistant = createAssistantService({
    db,
    repo: assistantRepo,
    config: creatorConfig,
    conversations: conversationsRepo,
    endUsers: endUsersRepo,
    ai: deps.ai,
    audit,
    retrieval: deps.vectors?.enabled && deps.ai.embeddingModel ? 'hybrid' : 'lexical',
    analytics,
  });

  const visitorTokens = createVisitorTokens({
    secret: `${config.jwtSecret}:widget-visitor`,
    ttlSeconds: config.VISITOR_TOKEN_TTL_SECONDS,
  });
  const widgetRepo = createWidgetRepository();
  const widget = createWidgetService({
    db,
    repo: widgetRepo,
    cache,
    tokens: visitorTokens,
    storage: deps.storage,
    audit,
    linkSecret: `${config.jwtSecret}:widget-files`,
    analytics,
    logger,
  });
  const widgetGateway = createWidgetGateway({ db, repo: widgetRepo, widget, engine, pubsub, cache, logger });
  // One timer finds dead sockets of every realtime route.
  const heartbeat = createWsHeartbeat();
  app.addHook('onClose', async () => heartbeat.close());

  registerAuth(app, { accessTokens, apiKeys, visitorTokens });

  await app.register(probeRoutes({ db, cache, metrics }));
  await app.register(
    async (api) => {
      await api.register(systemRoutes({ mailer }));
      await api.register(authRoutes({ auth, secureCookies: config.publicUrl.startsWith('https://') }));
      await api.register(apiKeysRoutes({ apiKeys }));
      await api.register(auditRoutes({ audit }));
      await api.register(endUsersRoutes({ endUsers }));
      await api.register(conversationsRoutes({ conversations }));
      await api.register(conversationMessagesRoutes({ engine, pubsub, conversations, heartbeat }));
      await api.register(inboxRoutes({ pubsub, heartbeat }));
      await api.register(
        analyticsRoutes({ analytics, overview: analyticsOverview, rollup: analyticsRollup }),
      );
      await api.register(knowledgeLiveRoutes({ pubsub, heartbeat }));
      await api.register(whatsappRoutes({ whatsapp }));
      await api.register(whatsappWebhookRoutes({ whatsapp }));
      await api.register(widgetConfigRoutes({ widget }));
      await api.register(widgetRoutes({ widget, gateway: widgetGateway, tokens: visitorTokens, heartbeat }));
      await api.register(assistantRoutes({ assistant }));
      await api.register(proactiveRoutes({ proactive }));
      await api.register(programsRoutes({ programs }));
      await api.register(
        knowledgeRoutes({
          knowledge,
          search: knowledgeSearch,
          maxFileBytes: config.KB_MAX_FILE_BYTES,
          maxFilesPerUpload: config.KB_MAX_FILES_PER_UPLOAD,
        }),
      );
    },
    { prefix: '/api/v1' },
  );

  await registerWidgetBundle(app, config.WIDGET_DIST ?? DEFAULT_WIDGET_DIST);
  await registerDashboard(app, config.DASHBOARD_DIST ?? DEFAULT_DASHBOARD_DIST);
  return app;
}
