import { Redis } from 'ioredis';
import type { Cache } from './cache.ts';

// INCR and EXPIRE in one script: sent as two commands, a crash between them
// would leave a counter without expiry, locking a user out forever. The expiry
// is also set when the key exists without one (written by a plain SET).
const INCR_FIXED_WINDOW = `
local n = redis.call('INCR', KEYS[1])
if redis.call('PTTL', KEYS[1]) < 0 then redis.call('EXPIRE', KEYS[1], ARGV[1]) end
return n`;

/**
 * Cache on Redis, shared by every api node. Given a URL it opens (and on
 * `close()` quits) its own connection; given a client, the caller keeps ownership.
 *
 * @example
 * const cache = createRedisCache('redis://127.0.0.1:6379');
 */
export function createRedisCache(urlOrClient: string | Redis): Cache {
  const isOwned = typeof urlOrClient === 'string';
  // A few retries then fail: a rate-limit check must not hang a request while Redis is down.
  const redis = isOwned ? new Redis(urlOrClient, { maxRetriesPerRequest: 3 }) : urlOrClient;
  return {
    async get(key) {
      return redis.get(key);
    },
    async set(key, value, ttlSeconds) {
      if (ttlSeconds === undefined) await redis.set(key, value);
      else await redis.set(key, value, 'EX', ttlSeconds);
    },
    async del(key) {
      await redis.del(key);
    },
    async incr(key, ttlSeconds) {
      return Number(await redis.eval(INCR_FIXED_WINDOW, 1, key, ttlSeconds));
    },
    async ping() {
      await redis.ping();
    },
    async close() {
      if (isOwned) await redis.quit();
    },
  };
}
