import type { Database, VectorStoreStatus } from '@companero/db';
import type { Logger } from 'pino';
import type { AiGateway } from '../../platform/ai/ai-gateway.ts';
import type { Cache } from '../../platform/cache/index.ts';
import type { PubSub } from '../../platform/pubsub/index.ts';
import type { JobQueue } from '../../platform/queue/index.ts';
import { createSecretBox } from '../../platform/security/secret-box.ts';
import type { FileStorage } from '../../platform/storage/index.ts';
import type { Analytics } from '../analytics/analytics.service.ts';
import { createAssistantRepository } from '../assistant/assistant.repository.ts';
import { createConversationEngine } from '../assistant/conversation-engine.ts';
import { createCreatorConfigCache } from '../assistant/creator-config-cache.ts';
import { createUsageRecorder } from '../assistant/usage-recorder.ts';
import { createAuditRepository } from '../audit/audit.repository.ts';
import { createAuditService } from '../audit/audit.service.ts';
import { createConversationsRepository } from '../conversations/conversations.repository.ts';
import { createEndUsersRepository } from '../end-users/end-users.repository.ts';
import { createKnowledgeRepository } from '../knowledge/knowledge.repository.ts';
import { createKnowledgeEmbeddingService } from '../knowledge/knowledge-embedding.service.ts';
import { createKnowledgeSearchService } from '../knowledge/knowledge-search.service.ts';
import { createProgramsRepository } from '../programs/programs.repository.ts';
import { createProgramsService } from '../programs/programs.service.ts';
import { createGraphClient } from './graph-client.ts';
import { processWhatsAppWebhookJob, sendWhatsAppMessageJob, startBroadcastJob } from './whatsapp.jobs.ts';
import { createWhatsAppRepository } from './whatsapp.repository.ts';
import { createWhatsAppService } from './whatsapp.service.ts';
import { createWhatsAppInbound } from './whatsapp-inbound.ts';
import { createWhatsAppOutbound, RetryLater } from './whatsapp-outbound.ts';

export interface WhatsAppWorkerConfig {
  graphUrl: string;
  graphVersion: string;
  mediaMaxBytes: number;
  secretsKey?: string;
  jwtSecret: string;
  publicUrl: string;
}

/**
 * The worker's WhatsApp jobs: processing webhook deliveries (which needs the
 * conversation engine, assembled here as in the api), sending messages, and
 * starting broadcasts.
 */
export async function registerWhatsAppJobs(deps: {
  db: Database;
  queue: JobQueue;
  cache: Cache;
  storage: FileStorage;
  ai: AiGateway;
  vectors?: VectorStoreStatus;
  pubsub: Pick<PubSub, 'publish'>;
  config: WhatsAppWorkerConfig;
  /** Events of the conversations and programs these jobs run; the caller drains it on shutdown. */
  analytics?: Pick<Analytics, 'track'>;
  logger: Logger;
}) {
  const { db, queue, cache, logger, config } = deps;
  const box = createSecretBox({ key: config.secretsKey, fallbackSecret: config.jwtSecret });
  const graph = createGraphClient({ baseUrl: config.graphUrl, version: config.graphVersion });
  const repo = createWhatsAppRepository();
  const outbound = createWhatsAppOutbound({
    db,
    repo,
    graph,
    box,
    cache,
    queue,
    pubsub: deps.pubsub,
    logger,
  });

  const assistantRepo = createAssistantRepository();
  const knowledgeRepo = createKnowledgeRepository();
  const usage = createUsageRecorder({ db, repo: assistantRepo, logger });
  const engine = createConversationEngine({
    db,
    repo: assistantRepo,
    search: createKnowledgeSearchService({
      db,
      repo: knowledgeRepo,
      dense:
        deps.vectors?.enabled && deps.ai.embeddingModel
          ? createKnowledgeEmbeddingService({ db, repo: knowledgeRepo, ai: deps.ai, logger })
          : undefined,
      logger,
    }),
    programs: createProgramsService({
      db,
      repo: createProgramsRepository(),
      conversations: createConversationsRepository(),
      endUsers: createEndUsersRepository(),
      alerts: assistantRepo,
      queue,
      pubsub: deps.pubsub,
      outbound: (creatorId, conversationId, ids) => outbound.deliverTo(creatorId, conversationId, ids),
      analytics: deps.analytics,
      logger,
    }),
    ai: deps.ai,
    pubsub: deps.pubsub,
    queue,
    audit: createAuditService({ db, repo: createAuditRepository() }),
    config: createCreatorConfigCache({ db, repo: assistantRepo, cache, logger }),
    usage,
    analytics: deps.analytics,
    logger,
  });
  const inbound = createWhatsAppInbound({
    db,
    repo,
    engine,
    outbound,
    graph,
    box,
    storage: deps.storage,
    mediaMaxBytes: config.mediaMaxBytes,
    pubsub: deps.pubsub,
    analytics: deps.analytics,
    logger,
  });
  const service = createWhatsAppService({ db, repo, graph, box, queue, publicUrl: config.publicUrl, logger });

  await queue.work(
    processWhatsAppWebhookJob,
    async ({ creatorId, body }) => {
      await inbound.process(creatorId, body);
    },
    { concurrency: 4 },
  );
  await queue.work(
    sendWhatsAppMessageJob,
    async ({ creatorId, channelMessageId }) => {
      try {
        await outbound.send(creatorId, channelMessageId);
      } catch (err) {
        if (!(err instanceof RetryLater))
          logger.warn({ err, channelMessageId }, 'WhatsApp send failed; retrying');
        throw err;
      }
    },
    { concurrency: 8 },
  );
  await queue.work(startBroadcastJob, async ({ creatorId, broadcastId }) => {
    const queued = await service.startBroadcast(creatorId, broadcastId);
    logger.info({ creatorId, broadcastId, queued }, 'broadcast queued');
  });
  return { outbound, stop: () => usage.drain() };
}
