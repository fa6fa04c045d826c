import type { Database } from '@companero/db';
import { afterEach, describe, expect, it } from 'vitest';
import { type Cache, createMemoryCache } from '../../platform/cache/index.ts';
import type { AssistantRepository } from './assistant.repository.ts';
import { createCreatorConfigCache, creatorConfigVersionKey } from './creator-config-cache.ts';

const CREATOR = '11111111-1111-4111-8111-111111111111';
const quiet = { warn() {}, error() {} };

/** A database with one creator's rows that counts how often each is read. */
function fakeDatabase() {
  const state = {
    coachName: 'Coach Ana',
    budget: null as number | null,
    corrections: [{ id: 'c1', question: 'How many rest days a week?', answer: 'Two.' }],
    reads: 0,
  };
  const db = {
    readAsTenant: (_creatorId: string, fn: (tx: never) => unknown) => fn(undefined as never),
  } as unknown as Database;
  const repo = {
    personality: async () => {
      state.reads++;
      return { coachName: state.coachName } as never;
    },
    aiSettings: async () => ({ monthlyTokenBudget: state.budget }) as never,
    allCorrections: async () => state.corrections.map((c) => ({ ...c })),
  } as unknown as Pick<AssistantRepository, 'personality' | 'aiSettings' | 'allCorrections'>;
  return { state, db, repo };
}

const caches: Cache[] = [];
function sharedCache() {
  const cache = createMemoryCache();
  caches.push(cache);
  return cache;
}
afterEach(async () => {
  await Promise.all(caches.splice(0).map((c) => c.close()));
});

describe('creator config cache', () => {
  it('reads the database once, then answers from memory', async () => {
    const { state, db, repo } = fakeDatabase();
    const config = createCreatorConfigCache({ db, repo, cache: sharedCache(), logger: quiet });
    const first = await config.get(CREATOR);
    expect(first.voice.coachName).toBe('Coach Ana');
    expect([...(first.corrections[0]?.terms ?? [])]).toEqual(['rest', 'days', 'week']);
    for (let i = 0; i < 5; i++) await config.get(CREATOR);
    expect(state.reads).toBe(1);
  });

  it('shares one database read among concurrent replies', async () => {
    const { state, db, repo } = fakeDatabase();
    const config = createCreatorConfigCache({ db, repo, cache: sharedCache(), logger: quiet });
    await Promise.all(Array.from({ length: 20 }, () => config.get(CREATOR)));
    expect(state.reads).toBe(1);
  });

  it('re-reads on the next call after a change, on this node and on another sharing the cache', async () => {
    const { state, db, repo } = fakeDatabase();
    const cache = sharedCache();
    const nodeA = createCreatorConfigCache({ db, repo, cache, logger: quiet });
    const nodeB = createCreatorConfigCache({ db, repo, cache, logger: quiet });
    await nodeA.get(CREATOR);
    await nodeB.get(CREATOR);
    state.coachName = 'Coach Bea';
    state.budget = 1000;
    state.corrections = [];
    await nodeA.changed(CREATOR);
    for (const node of [nodeA, nodeB]) {
      const next = await node.get(CREATOR);
      expect(next.voice.coachName).toBe('Coach Bea');
      expect(next.settings?.monthlyTokenBudget).toBe(1000);
      expect(next.corrections).toEqual([]);
    }
  });

  it('re-reads when the version key is lost, and never mistakes a new version for an old one', async () => {
    const { state, db, repo } = fakeDatabase();
    const cache = sharedCache();
    const config = createCreatorConfigCache({ db, repo, cache, logger: quiet });
    await config.changed(CREATOR);
    await config.get(CREATOR);
    await cache.del(creatorConfigVersionKey(CREATOR)); // Redis restarted, or the key expired
    state.coachName = 'Coach Cris';
    expect((await config.get(CREATOR)).voice.coachName).toBe('Coach Cris');
    expect(state.reads).toBe(2);
  });

  it('re-reads after the time to live, whatever the version says (backstop)', async () => {
    const { state, db, repo } = fakeDatabase();
    let clock = 0;
    const config = createCreatorConfigCache({
      db,
      repo,
      cache: sharedCache(),
      logger: quiet,
      ttlMs: 1000,
      now: () => clock,
    });
    await config.get(CREATOR);
    clock = 999;
    await config.get(CREATOR);
    expect(state.reads).toBe(1);
    clock = 1000;
    await config.get(CREATOR);
    expect(state.reads).toBe(2);
  });

  it('reads the database on every call while the version cannot be read', async () => {
    const { state, db, repo } = fakeDatabase();
    const broken: Pick<Cache, 'get' | 'set'> = {
      get: () => Promise.reject(new Error('redis down')),
      set: () => Promise.reject(new Error('redis down')),
    };
    const config = createCreatorConfigCache({ db, repo, cache: broken, logger: quiet });
    await config.get(CREATOR);
    await config.get(CREATOR);
    expect(state.reads).toBe(2);
    await expect(config.changed(CREATOR)).resolves.toBeUndefined();
  });

  it('keeps at most maxCreators in memory', async () => {
    const { state, db, repo } = fakeDatabase();
    const config = createCreatorConfigCache({
      db,
      repo,
      cache: sharedCache(),
      logger: quiet,
      maxCreators: 1,
    });
    const other = '22222222-2222-4222-8222-222222222222';
    await config.get(CREATOR);
    await config.get(other);
    await config.get(CREATOR);
    expect(state.reads).toBe(3);
  });
});
