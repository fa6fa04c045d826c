import { buildApp } from '../app.ts';
import { loadConfig } from '../env.ts';
import { createLogger } from '../platform/logger.ts';
import { createPlatform } from '../platform/platform.ts';
import { startWorker, whatsappWorkerConfig } from '../worker.ts';

/**
 * Starts the api and/or worker roles and stops them cleanly on SIGINT/SIGTERM:
 * stop accepting connections, finish in-flight requests and jobs, close the
 * database (PGlite flushes to disk). A second signal exits at once.
 */
export async function runProcess(roles: { api: boolean; worker: boolean }) {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig();
  } catch (err) {
    console.error((err as Error).message);
    process.exit(1);
  }
  const logger = createLogger(config);
  const platform = await createPlatform(config, logger);
  const app = roles.api ? await buildApp({ config, logger, ...platform }) : undefined;
  const stopWorker = roles.worker
    ? await startWorker({
        db: platform.db,
        queue: platform.queue,
        storage: platform.storage,
        ai: platform.ai,
        vectors: platform.vectors,
        pubsub: platform.pubsub,
        mailer: platform.mailer,
        publicUrl: config.publicUrl,
        logger,
        cache: platform.cache,
        whatsapp: whatsappWorkerConfig(config),
      })
    : undefined;

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) {
      logger.warn('second signal: exiting now');
      process.exit(1);
    }
    stopping = true;
    logger.info({ signal }, 'shutting down');
    const timer = setTimeout(() => {
      logger.error('shutdown took over 15 s: exiting');
      process.exit(1);
    }, 15_000);
    timer.unref();
    try {
      await app?.close();
      await stopWorker?.();
      await platform.close();
      logger.info('stopped cleanly');
      process.exit(0);
    } catch (err) {
      logger.error({ err }, 'error during shutdown');
      process.exit(1);
    }
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));

  if (app) {
    await app.listen({ host: config.HOST, port: config.PORT });
    logger.info(
      `Compañero is running: dashboard ${config.publicUrl}/  ·  API reference ${config.publicUrl}/docs`,
    );
  }
}
