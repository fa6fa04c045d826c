import type { JobDefinition, ParsedPayloadOf, PayloadOf } from './define-job.ts';

export interface JobMeta {
  id: string;
  /** 1 on the first run, 2 on the first retry, ... */
  attempt: number;
}

export type JobHandler<J extends JobDefinition> = (
  payload: ParsedPayloadOf<J>,
  meta: JobMeta,
) => Promise<void>;

export interface EnqueueOptions {
  /** Not before this time. */
  startAfter?: Date;
  /**
   * Idempotency key: a second enqueue of the same job with the same key is
   * ignored (returns null) while the first job is kept, that is until it is
   * archived (12 h after it completes or fails). Put a version in the key when a
   * later change must run again (`${documentId}:${version}`).
   */
  singletonKey?: string;
}

/**
 * Durable background jobs with retries. The api process only enqueues; the
 * worker process calls `work`; all-in-one does both. Handlers must be
 * idempotent: delivery is at least once (a worker that dies mid-job has the job
 * retried after `expireInSeconds`).
 */
export interface JobQueue {
  /** Installs or migrates the queue tables if needed and starts maintenance. Call once before anything else. */
  start(): Promise<void>;
  /** Validates the payload (throws when invalid) and stores the job; null when deduplicated by `singletonKey`. */
  enqueue<J extends JobDefinition>(
    job: J,
    payload: PayloadOf<J>,
    opts?: EnqueueOptions,
  ): Promise<string | null>;
  /** Runs `handler` for jobs of this kind, `concurrency` at a time; a throw fails the attempt. */
  work<J extends JobDefinition>(
    job: J,
    handler: JobHandler<J>,
    opts?: { concurrency?: number },
  ): Promise<void>;
  /** Waits for running handlers (bounded), then stops polling. Final: start a new queue to resume. */
  stop(): Promise<void>;
}
