import type { z } from 'zod';

// `<module>.<verb-noun>`, lower-case kebab: the name is also the pg-boss queue name.
const JOB_NAME = /^[a-z][a-z0-9]*(-[a-z0-9]+)*\.[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
// pg-boss refuses expirations of 24 hours or more.
const MAX_EXPIRE_SECONDS = 24 * 60 * 60 - 1;

/**
 * A payload schema. Payloads are stored as JSON objects and parsed again by the
 * worker, so a schema must describe JSON (dates as ISO strings) and accept its
 * own output (no transforms).
 */
export type PayloadSchema = z.ZodType<Record<string, unknown>>;

/** One entry of the job catalog: what a job is called, carries, and how it retries. */
export interface JobDefinition<Name extends string = string, Payload extends PayloadSchema = PayloadSchema> {
  readonly name: Name;
  readonly payload: Payload;
  /** Retries after the first attempt; the job runs at most `retryLimit + 1` times. */
  readonly retryLimit: number;
  readonly retryDelaySeconds: number;
  /** Doubles the delay on each retry (with jitter). */
  readonly retryBackoff: boolean;
  /** An attempt running longer than this is failed (and retried). */
  readonly expireInSeconds: number;
}

/** What `enqueue` accepts for a job: the schema's input. */
export type PayloadOf<J> = J extends JobDefinition<string, infer P> ? z.input<P> : never;
/** What a handler receives: the schema's output, parsed again in the worker. */
export type ParsedPayloadOf<J> = J extends JobDefinition<string, infer P> ? z.output<P> : never;

/**
 * Declares a job for a module's `<feature>.jobs.ts`. Checked when the module
 * loads, so a typo in a name or retry setting fails at start-up, not on the
 * first enqueue.
 *
 * @example
 * export const sendEmailJob = defineJob({
 *   name: 'mail.send-email',
 *   payload: z.object({ creatorId: z.uuid(), to: z.email(), template: z.string() }),
 *   retryLimit: 5,
 *   retryDelaySeconds: 30,
 *   retryBackoff: true,
 *   expireInSeconds: 60,
 * });
 */
export function defineJob<const Name extends string, Payload extends PayloadSchema>(
  definition: JobDefinition<Name, Payload>,
): JobDefinition<Name, Payload> {
  const { name, retryLimit, retryDelaySeconds, expireInSeconds } = definition;
  const problems = [
    !JOB_NAME.test(name) && `name must look like "<module>.<verb-noun>", got ${JSON.stringify(name)}`,
    !(Number.isInteger(retryLimit) && retryLimit >= 0) && 'retryLimit must be an integer >= 0',
    !(Number.isInteger(retryDelaySeconds) && retryDelaySeconds >= 0) &&
      'retryDelaySeconds must be an integer >= 0',
    !(Number.isInteger(expireInSeconds) && expireInSeconds >= 1 && expireInSeconds <= MAX_EXPIRE_SECONDS) &&
      `expireInSeconds must be an integer from 1 to ${MAX_EXPIRE_SECONDS}`,
  ].filter(Boolean);
  if (problems.length > 0) throw new Error(`Invalid job definition ${name}: ${problems.join('; ')}`);
  return Object.freeze({ ...definition });
}
