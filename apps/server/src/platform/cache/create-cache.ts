import type { Cache } from './cache.ts';
import { createMemoryCache } from './memory-cache.ts';
import { createRedisCache } from './redis-cache.ts';

/**
 * The configured cache: Redis when `redisUrl` is set (needed as soon as there is
 * more than one api node, so limits are shared), in-process otherwise.
 *
 * @example
 * const cache = createCache({ redisUrl: config.REDIS_URL });
 */
export function createCache(opts: { redisUrl?: string }): Cache {
  return opts.redisUrl ? createRedisCache(opts.redisUrl) : createMemoryCache();
}
