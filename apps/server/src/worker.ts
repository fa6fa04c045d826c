import type { Database } from '@companero/db';
import type { Logger } from 'pino';
import { extractionStage } from './modules/knowledge/extraction-stage.ts';
import { ingestVersionJob } from './modules/knowledge/knowledge.jobs.ts';
import { createKnowledgeRepository } from './modules/knowledge/knowledge.repository.ts';
import { createKnowledgeIngestionService } from './modules/knowledge/knowledge-ingestion.service.ts';
import { purgeExpiredTokensJob } from './modules/maintenance/maintenance.jobs.ts';
import { createMaintenanceService } from './modules/maintenance/maintenance.service.ts';
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
  logger,
}: {
  db: Database;
  queue: JobQueue;
  storage: FileStorage;
  logger: Logger;
}) {
  const maintenance = createMaintenanceService({ db });
  const ingestion = createKnowledgeIngestionService({
    db,
    repo: createKnowledgeRepository(),
    storage,
    extraction: extractionStage,
    logger,
  });

  // Two documents at a time: extraction is CPU-bound and the machine may be small.
  await queue.work(ingestVersionJob, (payload) => ingestion.ingestVersion(payload), { concurrency: 2 });

  await queue.work(purgeExpiredTokensJob, async () => {
    const purged = await maintenance.purgeExpiredTokens();
    logger.info({ purged }, 'expired tokens purged');
  });

  // Recurring jobs: one per hour however many workers run (the hour is the singleton key).
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
  return () => clearInterval(timer);
}
