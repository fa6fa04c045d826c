import { randomUUID } from 'node:crypto';
import { type Database, schema } from '@companero/db';
import { openTestDatabase } from '@companero/db/testing';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAiGateway } from '../../platform/ai/index.ts';
import { createJobQueue, type JobQueue } from '../../platform/queue/index.ts';
import { createMemoryStorage } from '../../platform/storage/index.ts';
import { eventually } from '../../testing/http.ts';
import { startWorker } from '../../worker.ts';

let db: Database;
let url: string | undefined;
let close: () => Promise<void>;
beforeAll(async () => {
  ({ db, url, close } = await openTestDatabase());
});
afterAll(() => close());

async function creatorWithTokens(expiredDaysAgo: number) {
  const id = randomUUID();
  await db.withTenant(id, async (tx) => {
    await tx
      .insert(schema.creators)
      .values({ id, email: `${id}@example.com`, displayName: 'c', passwordHash: 'x' });
    await tx.insert(schema.refreshTokens).values([
      {
        creatorId: id,
        familyId: randomUUID(),
        tokenHash: 'old',
        expiresAt: new Date(Date.now() - expiredDaysAgo * 86_400_000),
      },
      {
        creatorId: id,
        familyId: randomUUID(),
        tokenHash: 'fresh',
        expiresAt: new Date(Date.now() + 86_400_000),
      },
    ]);
  });
  return id;
}

const hashesOf = (id: string) =>
  db.withTenant(id, async (tx) =>
    (await tx.select({ h: schema.refreshTokens.tokenHash }).from(schema.refreshTokens))
      .map((r) => r.h)
      .sort(),
  );

describe('worker: maintenance jobs', () => {
  it('purges secrets expired over a week ago for every creator, through the queue, and keeps the rest', async () => {
    const a = await creatorWithTokens(8);
    const b = await creatorWithTokens(9);
    const recent = await creatorWithTokens(2);
    const queue: JobQueue = await createJobQueue({
      database: url ? { kind: 'postgres', url } : { kind: 'pglite', db },
      pollingIntervalSeconds: 0.5,
      onError: () => {},
    });
    await queue.start();
    const stop = await startWorker({
      db,
      queue,
      storage: createMemoryStorage(),
      pubsub: { publish: async () => {} },
      ai: createAiGateway({ models: {}, firstTokenTimeoutMs: 1000, requestTimeoutMs: 1000, maxRetries: 0 }),
      logger: pino({ level: 'silent' }),
    });
    try {
      await eventually(async () => {
        expect(await hashesOf(a)).toEqual(['fresh']);
        expect(await hashesOf(b)).toEqual(['fresh']);
      }, 15_000);
      expect(await hashesOf(recent)).toEqual(['fresh', 'old']);
    } finally {
      stop();
      await queue.stop();
    }
  });
});
