import { createMemoryPubSub } from './memory-pubsub.ts';
import type { PubSub } from './pubsub.ts';
import { createRedisPubSub } from './redis-pubsub.ts';

/**
 * The configured pub/sub: Redis when `redisUrl` is set (required with more than
 * one api node, or a client on node A never sees events raised on node B),
 * in-process otherwise.
 *
 * @example
 * const pubsub = createPubSub({ redisUrl: config.REDIS_URL, onHandlerError: (err) => log.error({ err }) });
 */
export function createPubSub(opts: { redisUrl?: string; onHandlerError?: (err: unknown) => void }): PubSub {
  const handlerOpts = opts.onHandlerError ? { onHandlerError: opts.onHandlerError } : {};
  return opts.redisUrl ? createRedisPubSub(opts.redisUrl, handlerOpts) : createMemoryPubSub(handlerOpts);
}
