export { createJobQueue, type QueueDatabase } from './create-job-queue.ts';
export {
  defineJob,
  type JobDefinition,
  type ParsedPayloadOf,
  type PayloadOf,
  type PayloadSchema,
} from './define-job.ts';
export type { EnqueueOptions, JobHandler, JobMeta, JobQueue } from './job-queue.ts';
export { createPgBossQueue, type JobQueueOptions, QUEUE_SCHEMA } from './pg-boss-queue.ts';
