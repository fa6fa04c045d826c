import { createMemoryPubSub } from './memory-pubsub.ts';
import type { PubSub } from './pubsub.ts';
import { createRedisPubSub } from './redis-pubsub.ts';

/**
 * The configured pub/sub: Redis when `redisUrl` is set (required with more than
 * one api node, or a client on node A never sees events raised on node B),
 * in-process otherwise.
 *
 * @example
 * const pubsub = createPubSub({ redisUrl: config.REDIS_URL, onError: (err) => log.error({ err }) });
 */
export function createPubSub(opts: { redisUrl?: string; onError?: (err: unknown) => void }): PubSub {
  return opts.redisUrl ? createRedisPubSub(opts.redisUrl, opts) : createMemoryPubSub(opts);
}
