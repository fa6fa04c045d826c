import type { Database, VectorStoreStatus } from '@companero/db';
import type { Logger } from 'pino';
import type { Config } from './env.ts';
import { rollUpAnalyticsJob } from './modules/analytics/analytics.jobs.ts';
import { createAnalytics } from './modules/analytics/analytics.service.ts';
import { createAnalyticsRollup } from './modules/analytics/analytics-rollup.ts';
import { createAlertNotifier } from './modules/assistant/alert-notifier.ts';
import {
  reviewMessageJob,
  runProactiveRulesJob,
  summariseConversationJob,
} from './modules/assistant/assistant.jobs.ts';
import { createAssistantRepository } from './modules/assistant/assistant.repository.ts';
import { createConversationSummaryService } from './modules/assistant/conversation-summary.service.ts';
import { createMessageReviewService } from './modules/assistant/message-review.service.ts';
import { createProactiveRepository } from './modules/assistant/proactive.repository.ts';
import { createProactiveService } from './modules/assistant/proactive.service.ts';
import { createConversationsRepository } from './modules/conversations/conversations.repository.ts';
import { createEndUsersRepository } from './modules/end-users/end-users.repository.ts';
import { extractionStage } from './modules/knowledge/extraction-stage.ts';
import { embedVersionJob, ingestVersionJob } from './modules/knowledge/knowledge.jobs.ts';
import { createKnowledgeRepository } from './modules/knowledge/knowledge.repository.ts';
import { createKnowledgeEmbeddingService } from './modules/knowledge/knowledge-embedding.service.ts';
import { createKnowledgeIngestionService } from './modules/knowledge/knowledge-ingestion.service.ts';
import { publishKnowledgeProgress } from './modules/knowledge/knowledge-live.routes.ts';
import { purgeExpiredTokensJob } from './modules/maintenance/maintenance.jobs.ts';
import { createMaintenanceService } from './modules/maintenance/maintenance.service.ts';
import { deliverProgramWebhook } from './modules/programs/program-webhooks.ts';
import {
  deliverProgramWebhookJob,
  resumeEnrollmentJob,
  sweepProgramWaitsJob,
} from './modules/programs/programs.jobs.ts';
import { createProgramsRepository } from './modules/programs/programs.repository.ts';
import { createProgramsService } from './modules/programs/programs.service.ts';
import { registerWhatsAppJobs, type WhatsAppWorkerConfig } from './modules/whatsapp/whatsapp.worker.ts';
import type { AiGateway } from './platform/ai/ai-gateway.ts';
import { type Cache, createMemoryCache } from './platform/cache/index.ts';
import type { Mailer } from './platform/mail/mailer.ts';
import type { PubSub } from './platform/pubsub/index.ts';
import type { JobQueue } from './platform/queue/index.ts';
import type { FileStorage } from './platform/storage/index.ts';

/**
 * The worker role: registers every job handler (one line per job, like the
 * module list in app.ts) and enqueues the recurring jobs. Returns a stop function.
 */
export async function startWorker({
  db,
  queue,
  storage,
  ai,
  vectors,
  pubsub,
  mailer,
  publicUrl,
  logger,
  cache,
  whatsapp,
}: {
  /** Shared state (rate limits of outbound channels, creator settings); in-process when absent. */
  cache?: Cache;
  /** The WhatsApp channel's settings; its jobs are not run without them. */
  whatsapp?: Omit<WhatsAppWorkerConfig, 'publicUrl'>;
  db: Database;
  queue: JobQueue;
  storage: FileStorage;
  ai: AiGateway;
  vectors?: VectorStoreStatus;
  pubsub: Pick<PubSub, 'publish'>;
  /** For alert mail from background reviews; none = no mail. */
  mailer?: Mailer;
  publicUrl?: string;
  logger: Logger;
}) {
  const maintenance = createMaintenanceService({ db });
  // Events of what the jobs do (WhatsApp conversations, program steps, check-ins); drained on stop.
  const sharedCache = cache ?? createMemoryCache();
  const analytics = createAnalytics({ db, cache: sharedCache, logger });
  const knowledgeRepo = createKnowledgeRepository();
  const embeddings =
    vectors?.enabled && ai.embeddingModel
      ? createKnowledgeEmbeddingService({ db, repo: knowledgeRepo, ai, logger })
      : undefined;
  const enqueueEmbedding = (v: { creatorId: string; documentId: string; version: number }) =>
    queue
      .enqueue(embedVersionJob, v, { singletonKey: `${v.documentId}:${v.version}` })
      .then(() => undefined)
      .catch((err) => logger.error({ err, ...v }, 'could not enqueue embedding'));
  const ingestion = createKnowledgeIngestionService({
    db,
    repo: knowledgeRepo,
    storage,
    extraction: extractionStage,
    logger,
    onIndexed: embeddings ? enqueueEmbedding : undefined,
    onProgress: publishKnowledgeProgress(pubsub),
  });

  // Two documents at a time: extraction is CPU-bound and the machine may be small.
  await queue.work(ingestVersionJob, (payload) => ingestion.ingestVersion(payload), { concurrency: 2 });

  if (embeddings) {
    await queue.work(
      embedVersionJob,
      async (payload) => {
        await embeddings.embedVersion(payload);
      },
      { concurrency: 2 },
    );
    // Chunks indexed before embeddings were enabled (or under another model) get vectors too.
    embeddings
      .versionsMissingVectors()
      .then((versions) => Promise.all(versions.map(enqueueEmbedding)))
      .catch((err) => logger.warn({ err }, 'could not schedule the embedding backfill'));
  }

  const summaries = createConversationSummaryService({
    db,
    repo: createAssistantRepository(),
    conversations: createConversationsRepository(),
    ai,
    logger,
  });
  await queue.work(
    summariseConversationJob,
    async (payload) => {
      await summaries.summarise(payload);
    },
    { concurrency: 2 },
  );

  if (ai.configured) {
    const reviews = createMessageReviewService({
      db,
      repo: createAssistantRepository(),
      conversations: createConversationsRepository(),
      ai,
      pubsub,
      notifyAlert: mailer && publicUrl ? createAlertNotifier({ db, mailer, publicUrl, logger }) : undefined,
      logger,
    });
    await queue.work(
      reviewMessageJob,
      async (payload) => {
        await reviews.review(payload);
      },
      { concurrency: 2 },
    );
  }

  const whatsappJobs = whatsapp
    ? await registerWhatsAppJobs({
        db,
        queue,
        cache: sharedCache,
        storage,
        ai,
        vectors,
        pubsub,
        config: { ...whatsapp, publicUrl: publicUrl ?? '' },
        analytics,
        logger,
      })
    : undefined;

  const proactive = createProactiveService({
    db,
    repo: createProactiveRepository(),
    assistant: createAssistantRepository(),
    pubsub,
    outbound: whatsappJobs
      ? (creatorId, conversationId, ids) => whatsappJobs.outbound.deliverTo(creatorId, conversationId, ids)
      : undefined,
    analytics,
    logger,
  });
  await queue.work(runProactiveRulesJob, async () => {
    const result = await proactive.evaluateAll(new Date());
    if (result.sent > 0) logger.info(result, 'proactive check-ins sent');
  });

  const programs = createProgramsService({
    db,
    repo: createProgramsRepository(),
    conversations: createConversationsRepository(),
    endUsers: createEndUsersRepository(),
    alerts: createAssistantRepository(),
    outbound: whatsappJobs
      ? (creatorId, conversationId, ids) => whatsappJobs.outbound.deliverTo(creatorId, conversationId, ids)
      : undefined,
    queue,
    pubsub,
    analytics,
    logger,
  });
  await queue.work(resumeEnrollmentJob, async ({ creatorId, enrollmentId }) => {
    await programs.resume(creatorId, enrollmentId);
  });
  await queue.work(sweepProgramWaitsJob, async () => {
    const resumed = await programs.resumeDue();
    if (resumed > 0) logger.info({ resumed }, 'program waits resumed by the sweeper');
  });
  await queue.work(deliverProgramWebhookJob, (payload) => deliverProgramWebhook(payload, { logger }), {
    concurrency: 4,
  });

  await queue.work(purgeExpiredTokensJob, async () => {
    const purged = await maintenance.purgeExpiredTokens();
    logger.info({ purged }, 'expired tokens purged');
  });

  // Recurring jobs: one per hour however many workers run (the hour is the singleton key).
  // Proactive rules every 5 minutes (schedules fire within a 2-hour window, so a late run still sends).
  const scheduleProactive = () => {
    const bucket = new Date(Math.floor(Date.now() / 300_000) * 300_000).toISOString();
    queue
      .enqueue(runProactiveRulesJob, { bucket }, { singletonKey: bucket })
      .catch((err) => logger.error({ err }, 'could not schedule proactive rules'));
  };
  scheduleProactive();
  const proactiveTimer = setInterval(scheduleProactive, 60_000);
  proactiveTimer.unref();

  // Program waits: each has its own delayed job; the sweeper catches any that was lost (once a minute).
  const scheduleSweep = () => {
    const bucket = new Date(Math.floor(Date.now() / 60_000) * 60_000).toISOString();
    queue
      .enqueue(sweepProgramWaitsJob, { bucket }, { singletonKey: `sweep:${bucket}` })
      .catch((err) => logger.error({ err }, 'could not schedule the program wait sweep'));
  };
  scheduleSweep();
  const sweepTimer = setInterval(scheduleSweep, 30_000);
  sweepTimer.unref();

  // Analytics roll-ups once a minute (the dashboard also brings a creator's up to date when it reads).
  const rollups = createAnalyticsRollup({ db, logger });
  await queue.work(rollUpAnalyticsJob, async () => {
    const r = await rollups.rollUpAll();
    if (r.creators > 0) logger.info(r, 'analytics rolled up');
  });
  const scheduleRollup = () => {
    const minute = new Date(Math.floor(Date.now() / 60_000) * 60_000).toISOString();
    queue
      .enqueue(rollUpAnalyticsJob, { minute }, { singletonKey: `rollup:${minute}` })
      .catch((err) => logger.error({ err }, 'could not schedule the analytics roll-up'));
  };
  scheduleRollup();
  const rollupTimer = setInterval(scheduleRollup, 30_000);
  rollupTimer.unref();

  const scheduleHourly = () => {
    const hour = new Date().toISOString().slice(0, 13);
    queue
      .enqueue(purgeExpiredTokensJob, { hour }, { singletonKey: hour })
      .catch((err) => logger.error({ err }, 'could not schedule maintenance'));
  };
  scheduleHourly();
  const timer = setInterval(scheduleHourly, 5 * 60_000);
  timer.unref();
  logger.info('worker started');
  return async () => {
    await whatsappJobs?.stop();
    clearInterval(timer);
    clearInterval(proactiveTimer);
    clearInterval(sweepTimer);
    clearInterval(rollupTimer);
    // Events buffered by the last jobs are written before the database closes.
    await analytics.drain();
  };
}

/** The worker's WhatsApp settings from the validated environment. */
export const whatsappWorkerConfig = (config: Config): Omit<WhatsAppWorkerConfig, 'publicUrl'> => ({
  graphUrl: config.WHATSAPP_GRAPH_URL,
  graphVersion: config.WHATSAPP_GRAPH_VERSION,
  mediaMaxBytes: config.WHATSAPP_MEDIA_MAX_BYTES,
  secretsKey: config.SECRETS_KEY,
  jwtSecret: config.jwtSecret,
});
