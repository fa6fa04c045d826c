import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createMemoryPubSub } from './memory-pubsub.ts';
import type { PubSub } from './pubsub.ts';
import { createRedisPubSub } from './redis-pubsub.ts';

const REDIS_URL = process.env.REDIS_URL;

/** Collects what a handler receives. */
function inbox() {
  const messages: string[] = [];
  return { messages, handler: (m: string) => void messages.push(m) };
}

/** One behaviour, every adapter. Each test uses its own channels, so they can share an instance. */
function pubSubContract(name: string, open: (onError: (err: unknown) => void) => PubSub) {
  describe(`PubSub contract: ${name}`, () => {
    let pubsub: PubSub;
    const handlerErrors: unknown[] = [];
    // Unique per run: parallel runs against one Redis must not hear each other.
    const runId = `test:${randomUUID()}`;
    const ch = (s: string) => `${runId}:${s}`;

    beforeAll(() => {
      pubsub = open((err) => handlerErrors.push(err));
    });
    afterAll(() => pubsub.close());

    it('delivers a published message to a subscriber, in order', async () => {
      const box = inbox();
      await pubsub.subscribe(ch('order'), box.handler);
      for (const m of ['1', '2', '3', '4', '5']) await pubsub.publish(ch('order'), m);
      await vi.waitFor(() => expect(box.messages).toEqual(['1', '2', '3', '4', '5']));
    });

    it('delivers to every handler of the channel and to no other channel', async () => {
      const [a1, a2, b] = [inbox(), inbox(), inbox()];
      await pubsub.subscribe(ch('a'), a1.handler);
      await pubsub.subscribe(ch('a'), a2.handler);
      await pubsub.subscribe(ch('b'), b.handler);
      await pubsub.publish(ch('a'), 'for a');
      await pubsub.publish(ch('b'), 'for b');
      await vi.waitFor(() => expect(b.messages).toEqual(['for b']));
      expect(a1.messages).toEqual(['for a']);
      expect(a2.messages).toEqual(['for a']);
    });

    it('stops delivering to a handler once unsubscribed, and keeps the others', async () => {
      const [gone, stays] = [inbox(), inbox()];
      const off = await pubsub.subscribe(ch('off'), gone.handler);
      await pubsub.subscribe(ch('off'), stays.handler);
      await off();
      await off(); // idempotent
      await pubsub.publish(ch('off'), 'after');
      await vi.waitFor(() => expect(stays.messages).toEqual(['after']));
      expect(gone.messages).toEqual([]);
    });

    it('delivers again after the last handler left and a new one subscribed', async () => {
      const first = await pubsub.subscribe(ch('again'), () => {});
      await first();
      const box = inbox();
      await pubsub.subscribe(ch('again'), box.handler);
      await pubsub.publish(ch('again'), 'back');
      await vi.waitFor(() => expect(box.messages).toEqual(['back']));
    });

    it('reports a throwing handler without starving the other handlers', async () => {
      const box = inbox();
      await pubsub.subscribe(ch('throw'), () => {
        throw new Error('handler bug');
      });
      await pubsub.subscribe(ch('throw'), box.handler);
      await expect(pubsub.publish(ch('throw'), 'x')).resolves.toBeUndefined();
      await vi.waitFor(() => expect(box.messages).toEqual(['x']));
      expect(handlerErrors).toEqual([expect.objectContaining({ message: 'handler bug' })]);
    });
  });
}

pubSubContract('in-process', (onError) => createMemoryPubSub({ onError }));

describe.skipIf(!REDIS_URL)('Redis', () => {
  const url = REDIS_URL as string;
  pubSubContract('Redis', (onError) => createRedisPubSub(url, { onError }));

  describe('across api nodes', () => {
    let nodeA: PubSub;
    let nodeB: PubSub;
    let admin: Redis;
    beforeAll(() => {
      [nodeA, nodeB] = [createRedisPubSub(url), createRedisPubSub(url)];
      admin = new Redis(url);
    });
    afterAll(async () => {
      await Promise.all([nodeA.close(), nodeB.close(), admin.quit()]);
    });

    it('delivers a message published on one node to a subscriber on another', async () => {
      const channel = `test:${randomUUID()}:cross`;
      const box = inbox();
      await nodeB.subscribe(channel, box.handler);
      await nodeA.publish(channel, 'from A');
      await vi.waitFor(() => expect(box.messages).toEqual(['from A']));
    });

    it('holds one Redis subscription per channel however many local handlers', async () => {
      const channel = `test:${randomUUID()}:numsub`;
      const numsub = async () => Number(((await admin.pubsub('NUMSUB', channel)) as [string, number])[1]);
      const offs = await Promise.all([1, 2, 3].map(() => nodeA.subscribe(channel, () => {})));
      expect(await numsub()).toBe(1);
      await offs[0]?.();
      await offs[1]?.();
      expect(await numsub()).toBe(1);
      await offs[2]?.();
      expect(await numsub()).toBe(0);
    });

    it('subscribes on a duplicate connection and leaves a caller-owned client open', async () => {
      const client = new Redis(url);
      const pubsub = createRedisPubSub(client);
      const channel = `test:${randomUUID()}:owned`;
      const box = inbox();
      await pubsub.subscribe(channel, box.handler);
      await pubsub.publish(channel, 'hi');
      await vi.waitFor(() => expect(box.messages).toEqual(['hi']));
      await pubsub.close();
      expect(await client.ping()).toBe('PONG');
      await client.quit();
    });
  });
});
