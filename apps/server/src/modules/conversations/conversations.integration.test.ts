import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/create-test-app.ts';
import { eventually, signUpAndLogIn } from '../../testing/http.ts';
import { conversationChannel } from '../assistant/message-view.ts';

// Human handoff through the API: the creator takes a conversation over, writes
// as themselves (the client's live channel gets it), hands it back to the AI,
// and closes it.

let t: TestApp;
let c: Awaited<ReturnType<typeof signUpAndLogIn>>;
beforeAll(async () => {
  t = await createTestApp();
  c = await signUpAndLogIn(t.app, t.mailer);
});
afterAll(() => t.close());

async function api(method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) {
  const res = await t.app.inject({
    method,
    url: `/api/v1${url}`,
    headers: c.auth,
    ...(payload ? { payload } : {}),
  });
  return { status: res.statusCode, body: res.json(), type: res.headers['content-type'] };
}

async function newConversation() {
  const user = await api('POST', '/end-users', { widgetVisitorId: `v-${Math.random()}`, displayName: 'Ana' });
  return (await api('POST', '/conversations', { endUserId: user.body.id, channel: 'web' })).body.id as string;
}

describe('human handoff', () => {
  it('takes over, writes as the creator live to the client, hands back to the AI and closes', async () => {
    const id = await newConversation();
    const events: { type: string; status?: string; message?: { role: string; content: string } }[] = [];
    const unsubscribe = await t.pubsub.subscribe(conversationChannel(c.creatorId, id), (raw) => {
      events.push(JSON.parse(raw));
    });
    try {
      // Writing as the creator takes the conversation over from the AI.
      const sent = await api('POST', `/conversations/${id}/creator-messages`, {
        content: 'Hi Ana, Coach here in person.',
        clientMessageId: 'inbox-1',
      });
      expect(sent.status).toBe(201);
      expect(sent.body).toMatchObject({ role: 'creator', content: 'Hi Ana, Coach here in person.' });
      expect((await api('GET', `/conversations/${id}`)).body.status).toBe('human');
      // The same client id stores once.
      const again = await api('POST', `/conversations/${id}/creator-messages`, {
        content: 'Hi Ana, Coach here in person.',
        clientMessageId: 'inbox-1',
      });
      expect(again.body.id).toBe(sent.body.id);
      await eventually(() => {
        expect(events.map((e) => e.type)).toEqual(['status', 'message']);
      });
      expect(events[1]?.message).toMatchObject({ role: 'creator' });

      // While a human has it, the AI stays quiet.
      const quiet = await api('POST', `/conversations/${id}/messages`, {
        content: 'How much sleep do I need?',
      });
      expect(quiet.body.reply).toBeNull();

      // Handed back, the AI answers again.
      const back = await api('PATCH', `/conversations/${id}`, { status: 'bot' });
      expect(back.body.status).toBe('bot');
      const answered = await api('POST', `/conversations/${id}/messages`, {
        content: 'How much sleep do I need?',
      });
      expect(answered.body.reply.role).toBe('assistant');
      const transcript = await api('GET', `/conversations/${id}/messages`);
      expect(transcript.body.items.map((m: { role: string }) => m.role)).toEqual([
        'creator',
        'user',
        'user',
        'assistant',
      ]);

      // Closed: nobody writes any more until the creator reopens it.
      expect((await api('PATCH', `/conversations/${id}`, { status: 'closed' })).body.status).toBe('closed');
      expect((await api('POST', `/conversations/${id}/messages`, { content: 'hello?' })).status).toBe(409);
      const late = await api('POST', `/conversations/${id}/creator-messages`, { content: 'One more thing' });
      expect(late.status).toBe(409);
      expect(late.type).toContain('application/problem+json');
      await eventually(() => {
        expect(events.filter((e) => e.type === 'status').map((e) => e.status)).toEqual([
          'human',
          'bot',
          'closed',
        ]);
      });
      // Reopened (to the creator, or to the AI), the conversation takes messages again.
      expect((await api('PATCH', `/conversations/${id}`, { status: 'human' })).body.status).toBe('human');
      expect(
        (await api('POST', `/conversations/${id}/creator-messages`, { content: 'Back again' })).status,
      ).toBe(201);
    } finally {
      await unsubscribe();
    }
  });

  it('refuses a bad status or an empty message with a field-level 400', async () => {
    const id = await newConversation();
    const bad = await api('PATCH', `/conversations/${id}`, { status: 'paused' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].path).toBe('body.status');
    const empty = await api('POST', `/conversations/${id}/creator-messages`, { content: '   ' });
    expect(empty.status).toBe(400);
    expect((await api('GET', `/conversations/${id}`)).body.status).toBe('bot');
  });
});
