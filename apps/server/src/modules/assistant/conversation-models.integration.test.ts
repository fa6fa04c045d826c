import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createTestApp, type TestApp } from '../../testing/create-test-app.ts';
import { type FakeLlmServer, startFakeLlmServer } from '../../testing/fake-llm-server.ts';
import { eventually, signUpAndLogIn } from '../../testing/http.ts';
import { uploadAndIndex } from '../../testing/knowledge.ts';

// The engine with real provider adapters against a local fake server speaking
// the OpenAI and Anthropic wire formats: grounding in the prompt, streaming,
// fallback, budgets, and the WebSocket.

let t: TestApp;
let llm: FakeLlmServer;
let a: Awaited<ReturnType<typeof signUpAndLogIn>>;

const GUIDE = `# Marathon fuelling

Take 60 grams of carbohydrate per hour during a marathon, starting at the first 30 minutes.
`;

const api = (method: 'GET' | 'POST' | 'PATCH', url: string, payload?: unknown) =>
  t.app.inject({ method, url: `/api/v1${url}`, headers: a.auth, payload: payload as object });

async function newConversation() {
  const user = await api('POST', '/end-users', {
    widgetVisitorId: `v-${Math.random().toString(36).slice(2)}`,
  });
  const conv = await api('POST', '/conversations', { endUserId: user.json().id, channel: 'web' });
  return conv.json().id as string;
}

async function say(conversationId: string, content: string) {
  const res = await api('POST', `/conversations/${conversationId}/messages`, { content });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().reply;
}

beforeAll(async () => {
  llm = await startFakeLlmServer({
    defaultText: 'Take 60 grams of carbohydrate per hour during a marathon [1].',
  });
  t = await createTestApp(
    {
      OPENAI_BASE_URL: llm.baseUrl,
      OPENAI_API_KEY: 'sk-test-openai',
      ANTHROPIC_BASE_URL: llm.baseUrl,
      ANTHROPIC_API_KEY: 'sk-ant-test',
      AI_CHAT_MODEL: 'openai:coach-large',
      AI_FIRST_TOKEN_TIMEOUT_MS: '300',
      AI_MAX_RETRIES: '2',
    },
    { worker: true },
  );
  a = await signUpAndLogIn(t.app, t.mailer);
  await api('PATCH', '/assistant/personality', {
    coachName: 'Coach Leo',
    tone: ['direct'],
    donts: ['Recommend gels by brand'],
  });
  await uploadAndIndex(t.app, a, [{ name: 'marathon.md', content: GUIDE }]);
}, 60_000);
afterAll(async () => {
  await t?.close();
  await llm?.close();
});
beforeEach(() => {
  llm.requests.length = 0;
});

/** Chat requests only: message reviews run in the worker alongside (non-streaming, "You review one message"). */
const chatRequests = () =>
  llm.requests.filter((r) => !JSON.stringify(r.body).includes('You review one message'));

describe('replies from a configured model', () => {
  it('sends the coach’s voice and the retrieved passage to the model and stores its cited answer', async () => {
    const conversationId = await newConversation();
    const reply = await say(conversationId, 'How many carbs per hour during a marathon?');
    expect(reply.content).toBe('Take 60 grams of carbohydrate per hour during a marathon [1].');
    expect(reply.meta.model).toBe('openai:coach-large');
    expect(reply.meta.citations).toHaveLength(1);
    expect(reply.meta.citations[0].documentTitle).toBe('marathon');
    expect(reply.meta.groundedness).toBe(1);
    expect(reply.meta.tokens.output).toBeGreaterThan(0);

    const sent = chatRequests()[0]!;
    expect(sent.path).toBe('/v1/chat/completions');
    expect(sent.headers.authorization).toBe('Bearer sk-test-openai');
    const system = JSON.stringify(sent.body.messages);
    expect(system).toContain('You are Coach Leo');
    expect(system).toContain('Recommend gels by brand');
    expect(system).toContain('[1] marathon');
    expect(system).toContain('60 grams of carbohydrate per hour');

    const status = (await api('GET', '/assistant/status')).json();
    expect(status.mode).toBe('model');
    expect(status.usage.outputTokens).toBeGreaterThan(0);
  });

  it('rewrites a follow-up into a standalone query with the model before retrieving', async () => {
    const conversationId = await newConversation();
    await say(conversationId, 'How many carbs per hour during a marathon?');
    llm.requests.length = 0;
    llm.script(
      { contains: 'standalone search query', text: 'marathon carbohydrate per hour timing' },
      { contains: 'You are Coach Leo', text: 'Start at 30 minutes [1].' },
    );
    const res = await api('POST', `/conversations/${conversationId}/messages?debug=true`, {
      content: 'And when?',
    });
    expect(res.json().debug.query).toBe('marathon carbohydrate per hour timing');
    expect(res.json().reply.content).toBe('Start at 30 minutes [1].');
    const rewrite = chatRequests()[0]!;
    expect(rewrite.stream).toBe(false);
    expect(JSON.stringify(rewrite.body.messages)).toContain('standalone search query');
    expect(JSON.stringify(rewrite.body.messages)).toContain('Client (last message): And when?');
  });

  it('flags an answer that cites nothing as a no-answer', async () => {
    llm.script({ contains: 'You are Coach Leo', text: 'I do not have material on that topic.' });
    const reply = await say(await newConversation(), 'What is the capital of Mongolia?');
    expect(reply.meta.noAnswer).toBe(true);
    expect(reply.meta.citations).toEqual([]);
  });

  it('retries a 429 and answers', async () => {
    llm.script({ contains: 'You are Coach Leo', status: 429, retryAfter: '0', times: 2 });
    const reply = await say(await newConversation(), 'How many carbs per hour during a marathon?');
    expect(reply.meta.model).toBe('openai:coach-large');
    expect(chatRequests()).toHaveLength(3);
  });

  it('hands over to the fallback model when the primary gives no first token in time', async () => {
    const patched = await api('PATCH', '/assistant/settings', { fallbackModel: 'anthropic:coach-small' });
    expect(patched.statusCode, patched.body).toBe(200);
    llm.script({ model: 'coach-large', contains: 'You are Coach Leo', hang: true });
    llm.script({ model: 'coach-small', text: 'Fallback says: 60 grams per hour [1].' });
    const reply = await say(await newConversation(), 'How many carbs per hour during a marathon?');
    expect(reply.content).toBe('Fallback says: 60 grams per hour [1].');
    expect(reply.meta.model).toBe('anthropic:coach-small');
    expect(reply.meta.notice).toBe('used_fallback_model');
    expect(
      llm.requests.some((r) => r.path === '/v1/messages' && r.headers['x-api-key'] === 'sk-ant-test'),
    ).toBe(true);
    await api('PATCH', '/assistant/settings', { fallbackModel: null });
  });

  it('still answers, offline, when every model fails', async () => {
    llm.script({ contains: 'You are Coach Leo', status: 500, times: 3 }); // the first try and two retries
    const reply = await say(await newConversation(), 'How many carbs per hour during a marathon?');
    expect(reply.meta.model).toBe('offline');
    expect(reply.meta.notice).toBe('model_unavailable');
    expect(reply.content).toContain('60 grams of carbohydrate per hour');
  });

  it('switches to offline replies with a clear notice once the monthly token budget is spent', async () => {
    await api('PATCH', '/assistant/settings', { monthlyTokenBudget: 1 });
    const reply = await say(await newConversation(), 'How many carbs per hour during a marathon?');
    expect(reply.meta.notice).toBe('token_budget_exhausted');
    expect(reply.meta.model).toBe('offline');
    expect(llm.requests).toHaveLength(0); // no reply, no rewrite, no review: the budget is spent
    await api('PATCH', '/assistant/settings', { monthlyTokenBudget: null });
  });
});

describe('model-assisted review', () => {
  it('refines the sentiment and catches a risk the phrase lists missed: alert, handoff, safety message', async () => {
    const conversationId = await newConversation();
    llm.script({ contains: 'You review one message', text: '{"sentiment": -0.9, "risk": "self_harm"}' });
    const quiet = 'Lately I keep giving my things away, it all feels pointless';
    const reply = await say(conversationId, quiet);
    expect(reply.meta.safety).toBeNull(); // the local lexicon did not flag it
    const alert = await eventually(async () => {
      const items = (await api('GET', '/assistant/alerts?open=true')).json().items;
      const found = items.find((x: { conversationId: string }) => x.conversationId === conversationId);
      if (!found) throw new Error('not reviewed yet');
      return found;
    }, 10_000);
    expect(alert).toMatchObject({ kind: 'self_harm', excerpt: quiet });
    expect((await api('GET', `/conversations/${conversationId}`)).json().status).toBe('human');
    const transcript = (await api('GET', `/conversations/${conversationId}/messages`)).json().items;
    const safety = transcript.find((m: { meta: { model?: string } }) => m.meta.model === 'safety');
    expect(safety).toMatchObject({ role: 'assistant', meta: { safety: 'self_harm' } });
    expect(safety.content).toContain('988');
    expect(transcript[0].meta.sentiment).toEqual({ score: -0.9, label: 'negative' });
  });
});

describe('WebSocket', () => {
  it('streams the reply to a browser-style client authenticated by subprotocol', async () => {
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = t.app.server.address() as AddressInfo;
    const conversationId = await newConversation();
    llm.script({
      contains: 'You are Coach Leo',
      deltas: ['Take ', '60 grams ', 'per hour ', '[1].'],
      deltaDelayMs: 5,
    });
    const ws = new WebSocket(`ws://127.0.0.1:${port}/api/v1/conversations/${conversationId}/live`, [
      'companero.v1',
      `bearer.${a.accessToken}`,
    ]);
    const events: { type: string; text?: string; message?: { role: string; content: string } }[] = [];
    const done = new Promise<void>((resolve, reject) => {
      ws.on('message', (raw) => {
        const event = JSON.parse(String(raw));
        events.push(event);
        if (event.type === 'ready')
          ws.send(JSON.stringify({ type: 'message', content: 'Carbs per hour in a marathon?' }));
        if (event.type === 'message' && event.message.role === 'assistant') resolve();
      });
      ws.on('error', reject);
    });
    await done;
    expect(ws.protocol).toBe('companero.v1');
    ws.close();
    const deltas = events.filter((e) => e.type === 'delta').map((e) => e.text);
    expect(deltas).toEqual(['Take ', '60 grams ', 'per hour ', '[1].']);
    expect(events.filter((e) => e.type === 'message').map((e) => e.message!.role)).toEqual([
      'user',
      'assistant',
    ]);
  });

  it('refuses a socket without a valid token', async () => {
    const { port } = t.app.server.address() as AddressInfo;
    const conversationId = await newConversation();
    const ws = new WebSocket(`ws://127.0.0.1:${port}/api/v1/conversations/${conversationId}/live`, [
      'companero.v1',
      'bearer.not-a-token',
    ]);
    const status = await new Promise<number>((resolve) => {
      ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      ws.on('open', () => resolve(101));
    });
    expect(status).toBe(401);
  });
});

describe('AI settings changed through another api node', () => {
  it('applies a budget and a model set on one node to the very next reply of another', async () => {
    const nodeB = await t.startNode();
    const sayOnB = async (conversationId: string, content: string) => {
      const res = await nodeB.inject({
        method: 'POST',
        url: `/api/v1/conversations/${conversationId}/messages`,
        headers: a.auth,
        payload: { content },
      });
      expect(res.statusCode, res.body).toBe(201);
      return res.json().reply;
    };
    const conversationId = await newConversation();
    // Node B has the creator's settings cached.
    expect((await sayOnB(conversationId, 'How many carbs per hour during a marathon?')).meta.model).toBe(
      'openai:coach-large',
    );

    await api('PATCH', '/assistant/settings', { monthlyTokenBudget: 1 });
    const spent = await sayOnB(conversationId, 'How many carbs per hour during a marathon?');
    expect(spent.meta.notice).toBe('token_budget_exhausted');

    await api('PATCH', '/assistant/settings', { monthlyTokenBudget: null, chatModel: 'openai:coach-medium' });
    const other = await sayOnB(conversationId, 'How many carbs per hour during a marathon?');
    expect(other.meta.model).toBe('openai:coach-medium');
    expect(other.meta.notice).toBeNull();

    await api('PATCH', '/assistant/settings', { chatModel: null });
    expect((await sayOnB(conversationId, 'How many carbs per hour during a marathon?')).meta.model).toBe(
      'openai:coach-large',
    );
  });
});
