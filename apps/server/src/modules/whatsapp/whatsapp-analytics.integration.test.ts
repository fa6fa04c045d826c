import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/create-test-app.ts';
import { type FakeGraph, signWebhook, startFakeGraphServer } from '../../testing/fake-graph-server.ts';
import { eventually, signUpAndLogIn } from '../../testing/http.ts';

// Analytics of the WhatsApp channel, recorded in the worker process (which
// runs the webhook jobs and their conversation engine) and in the api (the
// creator's replies from the inbox): a new conversation once, the client's
// messages with their sentiment, the AI's answers with the question they
// answer, and every message sent. The worker writes its events every second,
// so the test waits for them.

const TOKEN = 'EAAG-test-access-token-0123456789';
const SECRET = 'app-secret-of-analytics-creator';
const PHONE = '3300000000003';

let t: TestApp;
let graph: FakeGraph;
let a: Awaited<ReturnType<typeof signUpAndLogIn>>;

beforeAll(async () => {
  graph = await startFakeGraphServer({ accessToken: TOKEN });
  t = await createTestApp({ WHATSAPP_GRAPH_URL: graph.url }, { worker: true });
  a = await signUpAndLogIn(t.app, t.mailer);
  const res = await call('PUT', '/whatsapp/account', {
    wabaId: '9300000000003',
    phoneNumberId: PHONE,
    accessToken: TOKEN,
    appSecret: SECRET,
  });
  if (res.status !== 200) throw new Error(JSON.stringify(res.body));
}, 60_000);
afterAll(async () => {
  await t.close();
  await graph.close();
});

async function call(method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) {
  const res = await t.app.inject({
    method,
    url: `/api/v1${url}`,
    headers: a.auth,
    ...(payload ? { payload } : {}),
  });
  return { status: res.statusCode, body: res.json() };
}

let counter = 0;
async function deliver(from: string, text: string, name: string) {
  counter += 1;
  const raw = JSON.stringify({
    object: 'whatsapp_business_account',
    entry: [
      {
        id: 'WABA',
        changes: [
          {
            field: 'messages',
            value: {
              messaging_product: 'whatsapp',
              metadata: { display_phone_number: '15550100000', phone_number_id: PHONE },
              contacts: [{ profile: { name }, wa_id: from }],
              messages: [
                {
                  from,
                  id: `wamid.ANALYTICS${counter}`,
                  timestamp: String(Math.floor(Date.now() / 1000)),
                  type: 'text',
                  text: { body: text },
                },
              ],
            },
          },
        ],
      },
    ],
  });
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/whatsapp/webhook',
    headers: { 'content-type': 'application/json', 'x-hub-signature-256': signWebhook(raw, SECRET) },
    payload: raw,
  });
  expect(res.statusCode).toBe(200);
}

type Row = { end_user_id: string | null; data: Record<string, unknown> };
const events = async (type: string, conversationId: string) =>
  (await t.db.readAsTenant(a.creatorId, (tx) =>
    tx.execute(
      `select end_user_id, data from analytics_events
        where type = '${type}' and data ->> 'conversationId' = '${conversationId}' order by occurred_at`,
    ),
  )) as unknown as Row[];

describe('whatsapp analytics', () => {
  it('records the conversation once, each message with its sentiment, answers and replies', async () => {
    await deliver('34622000001', 'I love this, thank you! How much sleep do I need?', 'Lucía');
    const conversation = await eventually(async () => {
      const list = await call('GET', '/conversations?channel=whatsapp&limit=100');
      const found = list.body.items.find(
        (c: { endUser: { displayName: string } }) => c.endUser.displayName === 'Lucía',
      );
      expect(found).toBeDefined();
      return found as { id: string; endUserId: string };
    }, 8000);
    const { id: conversationId, endUserId } = conversation;

    const transcript = async () =>
      (await call('GET', `/conversations/${conversationId}/messages?limit=100`)).body.items as {
        id: string;
        role: string;
      }[];
    const first = await eventually(async () => {
      const items = await transcript();
      expect(items.map((m) => m.role)).toEqual(['user', 'assistant']);
      return items[0]!;
    }, 8000);

    await eventually(async () => {
      expect(await events('conversation_started', conversationId)).toEqual([
        { end_user_id: endUserId, data: { conversationId, channel: 'whatsapp' } },
      ]);
      expect(await events('message_received', conversationId)).toEqual([
        { end_user_id: endUserId, data: { conversationId, channel: 'whatsapp', sentiment: 'positive' } },
      ]);
      const answers = await events('ai_answer', conversationId);
      expect(answers).toHaveLength(1);
      expect(answers[0]).toMatchObject({ end_user_id: endUserId, data: { questionId: first.id } });
      expect(await events('message_sent', conversationId)).toEqual([
        { end_user_id: endUserId, data: { conversationId, channel: 'whatsapp', role: 'assistant' } },
      ]);
    }, 5000);

    // The same client again: the open conversation goes on, nothing new starts.
    await deliver('34622000001', 'And how much water?', 'Lucía');
    await eventually(async () => {
      expect(await events('message_received', conversationId)).toHaveLength(2);
      expect(await events('message_sent', conversationId)).toHaveLength(2);
    }, 8000);
    expect(await events('conversation_started', conversationId)).toHaveLength(1);

    // The creator answers from the inbox (the api process): sent on to WhatsApp, and recorded.
    const sent = await call('POST', `/conversations/${conversationId}/creator-messages`, {
      content: 'Hi Lucía, it’s me!',
    });
    expect(sent.status, JSON.stringify(sent.body)).toBe(201);
    await eventually(async () => {
      const rows = await events('message_sent', conversationId);
      expect(rows.filter((r) => r.data.role === 'creator')).toEqual([
        { end_user_id: endUserId, data: { conversationId, channel: 'whatsapp', role: 'creator' } },
      ]);
    }, 5000);
  });
});
