import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Cache } from './cache.ts';
import { createMemoryCache } from './memory-cache.ts';
import { createRedisCache } from './redis-cache.ts';

const REDIS_URL = process.env.REDIS_URL;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** One behaviour, every adapter: the embedded cache must not drift from Redis. */
function cacheContract(name: string, open: () => Cache) {
  describe.concurrent(`Cache contract: ${name}`, () => {
    let cache: Cache;
    // Unique per run: parallel runs against one Redis must not see each other's keys.
    const runId = `test:${randomUUID()}`;
    const k = (s: string) => `${runId}:${s}`;

    beforeAll(() => {
      cache = open();
    });
    afterAll(() => cache.close());

    it('answers null for a missing key', async () => {
      expect(await cache.get(k('missing'))).toBeNull();
    });

    it('stores, overwrites and deletes values', async () => {
      await cache.set(k('a'), 'one');
      expect(await cache.get(k('a'))).toBe('one');
      await cache.set(k('a'), 'two');
      expect(await cache.get(k('a'))).toBe('two');
      await cache.del(k('a'));
      expect(await cache.get(k('a'))).toBeNull();
      await cache.del(k('never-set'));
    });

    it('forgets a value after its ttl, and a later set without ttl keeps it', async () => {
      await cache.set(k('ttl'), 'short', 1);
      await cache.set(k('ttl-cleared'), 'short', 1);
      await cache.set(k('ttl-cleared'), 'forever');
      expect(await cache.get(k('ttl'))).toBe('short');
      await sleep(1100);
      expect(await cache.get(k('ttl'))).toBeNull();
      expect(await cache.get(k('ttl-cleared'))).toBe('forever');
    });

    it('counts in a fixed window that starts at the first hit and is never extended', async () => {
      expect(await cache.incr(k('win'), 1)).toBe(1);
      await sleep(600);
      expect(await cache.incr(k('win'), 1)).toBe(2);
      expect(await cache.get(k('win'))).toBe('2');
      await sleep(600);
      // 1.2 s after the first hit: the window closed although the last hit was 0.6 s ago.
      expect(await cache.get(k('win'))).toBeNull();
      expect(await cache.incr(k('win'), 1)).toBe(1);
    });

    it('gives a counter left without expiry (by a plain set) the window ttl', async () => {
      await cache.set(k('plain'), '5');
      expect(await cache.incr(k('plain'), 1)).toBe(6);
      await sleep(1100);
      expect(await cache.get(k('plain'))).toBeNull();
    });

    it('increments atomically under concurrency', async () => {
      const counts = await Promise.all(Array.from({ length: 50 }, () => cache.incr(k('race'), 60)));
      expect(counts.sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    });

    it('refuses to increment a value that is not an integer', async () => {
      await cache.set(k('text'), 'hello');
      await expect(cache.incr(k('text'), 60)).rejects.toThrow();
      expect(await cache.get(k('text'))).toBe('hello');
    });

    it('answers ping', async () => {
      await expect(cache.ping()).resolves.toBeUndefined();
    });
  });
}

cacheContract('in-process', () => createMemoryCache());

describe.skipIf(!REDIS_URL)('Redis', () => {
  cacheContract('Redis', () => createRedisCache(REDIS_URL as string));

  it('shares counters between api nodes', async () => {
    const [a, b] = [createRedisCache(REDIS_URL as string), createRedisCache(REDIS_URL as string)];
    const key = `test:${randomUUID()}:shared`;
    try {
      await a.incr(key, 60);
      expect(await b.incr(key, 60)).toBe(2);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });
});

describe('in-process cache memory bound', () => {
  it('evicts the oldest keys past maxKeys', async () => {
    const cache = createMemoryCache({ maxKeys: 3 });
    for (const key of ['a', 'b', 'c', 'd', 'e']) await cache.set(key, key);
    expect(await cache.get('a')).toBeNull();
    expect(await cache.get('b')).toBeNull();
    expect(await cache.get('e')).toBe('e');
    await cache.close();
  });

  it('sweeps expired keys before evicting live ones', async () => {
    const cache = createMemoryCache({ maxKeys: 2 });
    await cache.set('expiring', 'x', 0.05);
    await cache.set('live', 'y');
    await sleep(80);
    await cache.set('new', 'z');
    expect(await cache.get('live')).toBe('y');
    expect(await cache.get('new')).toBe('z');
    await cache.close();
  });
});
