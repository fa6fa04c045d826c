import type { Cache } from './cache.ts';

interface Entry {
  value: string;
  /** Epoch milliseconds; undefined means no expiry. */
  expiresAt: number | undefined;
}

/**
 * In-process cache for a single node (embedded mode and tests). Expired keys are
 * dropped when read and by a periodic sweep, and the oldest keys are evicted past
 * `maxKeys`, so counters keyed by IP cannot grow memory without bound.
 *
 * @example
 * const cache = createMemoryCache();
 * await cache.incr('login-fail:ip:203.0.113.9', 900);
 */
export function createMemoryCache(opts: { maxKeys?: number; sweepIntervalMs?: number } = {}): Cache {
  const maxKeys = opts.maxKeys ?? 100_000;
  const entries = new Map<string, Entry>();
  const isExpired = (e: Entry, now: number) => e.expiresAt !== undefined && e.expiresAt <= now;

  function live(key: string): Entry | undefined {
    const entry = entries.get(key);
    if (entry && isExpired(entry, Date.now())) {
      entries.delete(key);
      return undefined;
    }
    return entry;
  }

  function store(key: string, entry: Entry) {
    // Re-inserting moves the key to the end, so Map order approximates age.
    entries.delete(key);
    entries.set(key, entry);
    if (entries.size > maxKeys) sweep();
    while (entries.size > maxKeys) {
      const oldest = entries.keys().next().value;
      if (oldest === undefined) break;
      entries.delete(oldest);
    }
  }

  function sweep() {
    const now = Date.now();
    for (const [key, entry] of entries) if (isExpired(entry, now)) entries.delete(key);
  }

  const timer = setInterval(sweep, opts.sweepIntervalMs ?? 60_000);
  // The sweep must never keep a process alive on its own.
  timer.unref();

  const expiry = (ttlSeconds: number | undefined) =>
    ttlSeconds === undefined ? undefined : Date.now() + ttlSeconds * 1000;

  return {
    async get(key) {
      return live(key)?.value ?? null;
    },
    async set(key, value, ttlSeconds) {
      store(key, { value, expiresAt: expiry(ttlSeconds) });
    },
    async del(key) {
      entries.delete(key);
    },
    async incr(key, ttlSeconds) {
      const entry = live(key);
      const current = entry ? Number(entry.value) : 0;
      // Same contract as Redis INCR: a non-integer value is an error, not a reset.
      if (!Number.isSafeInteger(current)) throw new Error(`cache: value at ${key} is not an integer`);
      const next = current + 1;
      if (entry && entry.expiresAt !== undefined) {
        entry.value = String(next);
      } else {
        store(key, { value: String(next), expiresAt: expiry(ttlSeconds) });
      }
      return next;
    },
    async ping() {},
    async close() {
      clearInterval(timer);
      entries.clear();
    },
  };
}
