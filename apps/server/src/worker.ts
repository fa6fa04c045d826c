import type { Database } from '@companero/db';
import type { Logger } from 'pino';
import { purgeExpiredTokensJob } from './modules/maintenance/maintenance.jobs.ts';
import { createMaintenanceService } from './modules/maintenance/maintenance.service.ts';
import type { JobQueue } from './platform/queue/index.ts';

/**
 * The worker role: registers every job handler (one line per job, like the
 * module list in app.ts) and enqueues the recurring jobs. Returns a stop function.
 */
export async function startWorker({ db, queue, logger }: { db: Database; queue: JobQueue; logger: Logger }) {
  const maintenance = createMaintenanceService({ db });

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
