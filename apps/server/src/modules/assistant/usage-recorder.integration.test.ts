import { randomUUID } from 'node:crypto';
import { type Database, schema } from '@companero/db';
import { openTestDatabase } from '@companero/db/testing';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAssistantRepository } from './assistant.repository.ts';
import { createUsageRecorder } from './usage-recorder.ts';

let db: Database;
let close: () => Promise<void>;

beforeAll(async () => {
  ({ db, close } = await openTestDatabase());
});
afterAll(() => close());

async function creator() {
  const id = randomUUID();
  await db.unsafeQuery(
    'insert into creators (id, email, display_name, password_hash) values ($1, $2, $3, $4)',
    [id, `${id}@example.com`, 'Coach', 'x'],
  );
  return id;
}

describe('usage recorder', () => {
  it('sums concurrent replies into one write at a time, losing none', async () => {
    const recorder = createUsageRecorder({
      db,
      repo: createAssistantRepository(),
      logger: pino({ level: 'silent' }),
    });
    const creatorId = await creator();
    for (let i = 0; i < 50; i++)
      recorder.record(creatorId, [{ use: 'chat', model: 'openai:m', inputTokens: 10, outputTokens: 2 }]);
    recorder.record(creatorId, [{ use: 'classify', model: 'openai:m', inputTokens: 5, outputTokens: 1 }]);
    await new Promise((r) => setTimeout(r, 5));
    for (let i = 0; i < 25; i++)
      recorder.record(creatorId, [{ use: 'chat', model: 'openai:m', inputTokens: 10, outputTokens: 2 }]);
    await recorder.drain();
    const rows = await db.readAsTenant(creatorId, (tx) => tx.select().from(schema.aiUsageDaily));
    const chat = rows.find((r) => r.use === 'chat')!;
    expect(chat).toMatchObject({ requests: 75, inputTokens: 750, outputTokens: 150 });
    expect(rows.find((r) => r.use === 'classify')).toMatchObject({ requests: 1, inputTokens: 5 });
  });

  it('keeps creators apart', async () => {
    const recorder = createUsageRecorder({
      db,
      repo: createAssistantRepository(),
      logger: pino({ level: 'silent' }),
    });
    const [a, b] = [await creator(), await creator()];
    recorder.record(a, [{ use: 'chat', model: 'offline', inputTokens: 0, outputTokens: 0 }]);
    recorder.record(b, [{ use: 'chat', model: 'offline', inputTokens: 0, outputTokens: 0 }]);
    recorder.record(b, [{ use: 'chat', model: 'offline', inputTokens: 0, outputTokens: 0 }]);
    await recorder.drain();
    const count = async (id: string) =>
      (await db.readAsTenant(id, (tx) => tx.select().from(schema.aiUsageDaily)))[0]?.requests;
    expect(await count(a)).toBe(1);
    expect(await count(b)).toBe(2);
  });
});
