import { createHash } from 'node:crypto';
import type { Database } from '@companero/db';
import PgBoss from 'pg-boss';
import { z } from 'zod';
import type { JobDefinition, ParsedPayloadOf } from './define-job.ts';
import type { JobHandler, JobMeta, JobQueue } from './job-queue.ts';
import { createPgBossExecutor } from './pg-boss-executor.ts';

/** The queue's own schema: global, not tenant data (jobs carry creator ids in their payloads). */
export const QUEUE_SCHEMA = 'pgboss';

export interface JobQueueOptions {
  /** How often an idle worker polls (pg-boss minimum 0.5). Local enqueues wake local workers at once. */
  pollingIntervalSeconds?: number;
  /** How long `stop()` waits for running handlers before failing them (they are retried). */
  stopTimeoutMs?: number;
  /** Queue errors (no context) and failed attempts (with context). Defaults to console.error. */
  onError?: (err: unknown, context?: { job: string } & JobMeta) => void;
}

/**
 * Derives the job id from the singleton key. The job table's primary key then
 * refuses a second job with the same key while the first one is kept, under
 * every queue policy. (pg-boss's own singletonKey only deduplicates under the
 * short/singleton/stately policies, where all jobs without a key share one
 * slot.) The version nibble says "custom" (8), as RFC 9562 asks.
 */
function singletonJobId(name: string, key: string): string {
  const bytes = createHash('sha256').update(`${name}\0${key}`).digest().subarray(0, 16);
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x80;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function parsePayload<J extends JobDefinition>(job: J, payload: unknown, where: string): ParsedPayloadOf<J> {
  const result = job.payload.safeParse(payload);
  if (!result.success) {
    throw new Error(`Invalid payload for job ${job.name} ${where}:\n${z.prettifyError(result.error)}`);
  }
  return result.data as ParsedPayloadOf<J>;
}

/**
 * The job queue on pg-boss, with its tables in `db` (schema `pgboss`): PGlite in
 * embedded mode, PostgreSQL otherwise. Pass `closeDbOnStop` when `db` was
 * opened for the queue alone.
 *
 * @example
 * const queue = createPgBossQueue({ db, pollingIntervalSeconds: 2, onError: (err) => log.error({ err }) });
 * await queue.start();
 */
export function createPgBossQueue(
  opts: JobQueueOptions & { db: Database; closeDbOnStop?: boolean },
): JobQueue {
  const pollingIntervalSeconds = opts.pollingIntervalSeconds ?? 2;
  const onError = opts.onError ?? ((err, context) => console.error('job queue:', context ?? '', err));
  const executor = createPgBossExecutor(opts.db);
  const boss = new PgBoss({
    db: executor,
    schema: QUEUE_SCHEMA,
    pollingIntervalSeconds,
    // Cron schedules are not part of JobQueue yet; off, there is no extra poller.
    schedule: false,
  });
  // An EventEmitter 'error' without a listener would crash the process.
  boss.on('error', (err) => onError(err));

  let state: 'created' | 'started' | 'stopping' | 'stopped' = 'created';
  const queues = new Map<string, Promise<void>>();
  const workerIds = new Map<string, string[]>();

  function assertStarted(action: string) {
    if (state === 'created') throw new Error(`job queue: call start() before ${action}()`);
    if (state !== 'started') throw new Error(`job queue: ${action}() after stop()`);
  }

  // pg-boss 10 only accepts jobs for queues that exist (an unknown name is
  // silently dropped), so each job's queue is created on first use.
  function ensureQueue(job: JobDefinition): Promise<void> {
    let ready = queues.get(job.name);
    if (!ready) {
      ready = boss.createQueue(job.name, { name: job.name, policy: 'standard' });
      ready.catch(() => queues.delete(job.name));
      queues.set(job.name, ready);
    }
    return ready;
  }

  async function runOne<J extends JobDefinition>(
    job: J,
    handler: JobHandler<J>,
    row: PgBoss.JobWithMetadata<Record<string, unknown>>,
  ) {
    // A fetch in flight when stop() began can still return a job; running it
    // would outlive the queue, so its attempt fails and it is retried later.
    if (state === 'stopped') throw new Error('job queue stopped before the job started');
    const meta = { id: row.id, attempt: row.retryCount + 1 };
    try {
      await handler(parsePayload(job, row.data, 'in worker'), meta);
    } catch (err) {
      onError(err, { job: job.name, ...meta });
      throw err;
    }
  }

  return {
    async start() {
      if (state === 'started') return;
      if (state !== 'created') throw new Error('job queue: start() after stop(); create a new queue');
      await boss.start();
      state = 'started';
    },

    async enqueue(job, payload, enqueueOpts = {}) {
      assertStarted('enqueue');
      const data = parsePayload(job, payload, 'on enqueue');
      await ensureQueue(job);
      const { startAfter, singletonKey } = enqueueOpts;
      const id = await boss.send(job.name, data, {
        // Sent with every job, so a changed definition applies to new jobs at once.
        retryLimit: job.retryLimit,
        retryDelay: job.retryDelaySeconds,
        retryBackoff: job.retryBackoff,
        expireInSeconds: job.expireInSeconds,
        ...(startAfter ? { startAfter } : {}),
        ...(singletonKey !== undefined ? { id: singletonJobId(job.name, singletonKey), singletonKey } : {}),
      });
      // In all-in-one mode the worker is here: wake it instead of waiting for its next poll.
      if (id && !startAfter) {
        for (const workerId of workerIds.get(job.name) ?? []) boss.notifyWorker(workerId);
      }
      return id;
    },

    async work(job, handler, workOpts = {}) {
      assertStarted('work');
      const concurrency = workOpts.concurrency ?? 1;
      if (!Number.isInteger(concurrency) || concurrency < 1) {
        throw new Error('job queue: concurrency must be an integer >= 1');
      }
      await ensureQueue(job);
      // pg-boss 10 has no concurrency setting: each worker polls and runs one job at a time.
      for (let i = 0; i < concurrency; i++) {
        let workerId: string | undefined;
        workerId = await boss.work<Record<string, unknown>>(
          job.name,
          { pollingIntervalSeconds, batchSize: 1, includeMetadata: true },
          async (jobs) => {
            try {
              for (const row of jobs) await runOne(job, handler, row);
            } finally {
              // pg-boss sleeps a whole polling interval after every job, which caps a
              // worker at one job per interval; while there is a backlog, fetch again now.
              if (workerId && state === 'started') boss.notifyWorker(workerId);
            }
          },
        );
        workerIds.set(job.name, [...(workerIds.get(job.name) ?? []), workerId]);
      }
    },

    async stop() {
      if (state === 'stopping' || state === 'stopped') return;
      const wasStarted = state === 'started';
      state = 'stopping';
      if (wasStarted) await boss.stop({ graceful: true, wait: true, timeout: opts.stopTimeoutMs ?? 30_000 });
      state = 'stopped';
      // pg-boss does not await its last complete/fail statements; closing the
      // database under them would lose the result and reject unhandled.
      await executor.drain();
      if (opts.closeDbOnStop) await opts.db.close();
    },
  };
}
