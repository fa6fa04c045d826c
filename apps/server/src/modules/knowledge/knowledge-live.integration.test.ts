import type { AddressInfo } from 'node:net';
import type { KnowledgeEvent } from '@companero/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createTestApp, type TestApp } from '../../testing/create-test-app.ts';
import { eventually, signUpAndLogIn } from '../../testing/http.ts';
import { uploadAndIndex } from '../../testing/knowledge.ts';

// Ingestion progress pushed to the creator's dashboards: each stage the worker
// commits arrives on /knowledge/live, in order, to that creator only.

let t: TestApp;
let a: Awaited<ReturnType<typeof signUpAndLogIn>>;
let b: Awaited<ReturnType<typeof signUpAndLogIn>>;
beforeAll(async () => {
  t = await createTestApp({}, { worker: true });
  a = await signUpAndLogIn(t.app, t.mailer);
  b = await signUpAndLogIn(t.app, t.mailer);
  await t.app.listen({ port: 0, host: '127.0.0.1' });
});
afterAll(() => t.close());

function live(token: string) {
  const { port } = t.app.server.address() as AddressInfo;
  const frames: KnowledgeEvent[] = [];
  const ws = new WebSocket(`ws://127.0.0.1:${port}/api/v1/knowledge/live`, [
    'companero.v1',
    `bearer.${token}`,
  ]);
  ws.on('message', (raw) => frames.push(JSON.parse(String(raw))));
  return { ws, frames };
}

describe('live ingestion progress', () => {
  it('pushes every stage of a document to its creator, in order, and to nobody else', async () => {
    const mine = live(a.accessToken);
    const theirs = live(b.accessToken);
    await eventually(() => {
      expect(mine.frames[0]?.type).toBe('ready');
      expect(theirs.frames[0]?.type).toBe('ready');
    });
    const [id] = await uploadAndIndex(t.app, a, [
      {
        name: 'sleep.md',
        content: '# Sleep\n\nAdults need seven to nine hours of sleep.\n\n## Naps\n\nKeep naps short.',
      },
    ]);
    await eventually(() => {
      const stages = mine.frames.filter((f) => f.type === 'document' && f.documentId === id);
      expect(stages.map((f) => (f as { status: string }).status)).toEqual([
        'extracting',
        'chunking',
        'indexing',
        'ready',
      ]);
      const progress = stages.map((f) => (f as { progress: number }).progress);
      expect(progress).toEqual([...progress].sort((x, y) => x - y));
    });

    // The other creator heard nothing of it.
    expect(theirs.frames.filter((f) => f.type !== 'ready')).toEqual([]);
    mine.ws.close();
    theirs.ws.close();
  });
});
