import { schema } from '@companero/db';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/create-test-app.ts';
import { eventually, signUpAndLogIn } from '../../testing/http.ts';
import { uploadAndIndex } from '../../testing/knowledge.ts';

// The offline provider end to end: the knowledge base answers, in the
// creator's voice, with citations, honouring visibility and tenancy.

let t: TestApp;
let a: Awaited<ReturnType<typeof signUpAndLogIn>>;
let b: Awaited<ReturnType<typeof signUpAndLogIn>>;

const SLEEP = `# Sleep guide

## Evening routine

Dim the lights an hour before bed so your body starts producing melatonin. Keep the bedroom cool, around 18 degrees.

## Caffeine

Avoid coffee after noon: caffeine stays in the body for six hours or more.
`;

const NUTRITION = `# Protein for beginners

Aim for about 1.6 grams of protein per kilogram of body weight each day when you strength train.
Spread protein over three or four meals; eggs, lentils and Greek yogurt are easy sources.
`;

const VIP = `# Members: advanced kettlebell complex

The kettlebell complex for members is five swings, five cleans and five presses per side, repeated for six rounds.
`;

const PRIVATE = `# Private pricing notes

My coaching price for corporate workshops is 4,800 euros per day, negotiable for nonprofits.
`;

const ESP = `# Hidratación

Bebe al menos dos litros de agua al día y un vaso extra por cada hora de entrenamiento intenso.
`;

const api = (
  who: typeof a,
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  url: string,
  payload?: unknown,
) => t.app.inject({ method, url: `/api/v1${url}`, headers: who.auth, payload: payload as object });

async function newConversation(who: typeof a, opts: { tags?: string[]; locale?: 'en' | 'es' } = {}) {
  const user = await api(who, 'POST', '/end-users', {
    widgetVisitorId: `v-${Math.random().toString(36).slice(2)}`,
    tags: opts.tags ?? [],
    ...(opts.locale ? { locale: opts.locale } : {}),
  });
  expect(user.statusCode, user.body).toBe(201);
  const conv = await api(who, 'POST', '/conversations', { endUserId: user.json().id, channel: 'web' });
  expect(conv.statusCode, conv.body).toBe(201);
  return { conversationId: conv.json().id as string, endUserId: user.json().id as string };
}

async function say(
  who: typeof a,
  conversationId: string,
  content: string,
  extra: Record<string, unknown> = {},
) {
  const res = await api(who, 'POST', `/conversations/${conversationId}/messages`, { content, ...extra });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

beforeAll(async () => {
  t = await createTestApp({}, { worker: true });
  a = await signUpAndLogIn(t.app, t.mailer);
  b = await signUpAndLogIn(t.app, t.mailer);
  await uploadAndIndex(t.app, a, [
    { name: 'sleep-guide.md', content: SLEEP },
    { name: 'protein.md', content: NUTRITION },
    { name: 'hidratacion.md', content: ESP },
  ]);
  await uploadAndIndex(t.app, a, [{ name: 'kettlebell-vip.md', content: VIP }], {
    visibility: 'members',
    membersTag: 'vip',
  });
  await uploadAndIndex(t.app, a, [{ name: 'pricing.md', content: PRIVATE }], { visibility: 'private' });
}, 60_000);
afterAll(() => t?.close());

describe('offline replies grounded in the knowledge base', () => {
  it('answers from the right document, cites it, and streams nothing invented', async () => {
    const { conversationId } = await newConversation(a);
    const { message, reply } = await say(a, conversationId, 'How much protein should I eat per day?');
    expect(message.role).toBe('user');
    expect(reply.role).toBe('assistant');
    expect(reply.content).toContain('1.6 grams of protein per kilogram');
    expect(reply.content).toMatch(/\[1\]/);
    expect(reply.meta.citations[0]).toMatchObject({ n: 1, kind: 'document', documentTitle: 'protein' });
    expect(reply.meta.citations[0].version).toBe(1);
    expect(reply.meta.model).toBe('offline');
    expect(reply.meta.noAnswer).toBe(false);
    expect(reply.meta.groundedness).toBe(1);
    expect(reply.meta.latencyMs).toBeGreaterThanOrEqual(0);

    const transcript = (await api(a, 'GET', `/conversations/${conversationId}/messages`)).json();
    expect(transcript.items.map((m: { role: string }) => m.role)).toEqual(['user', 'assistant']);
    expect(transcript.items[1].meta.citations[0].documentTitle).toBe('protein');
  });

  it('says plainly it has no answer to an unrelated question', async () => {
    const { conversationId } = await newConversation(a);
    const { reply } = await say(a, conversationId, 'What is the capital of Mongolia?');
    expect(reply.meta.noAnswer).toBe(true);
    expect(reply.meta.citations).toEqual([]);
    expect(reply.content).toMatch(/don’t have anything in my material/);
  });

  it('never quotes a private document to an end user', async () => {
    const { conversationId } = await newConversation(a);
    const { reply } = await say(a, conversationId, 'What is your price for corporate workshops?');
    expect(reply.content).not.toContain('4,800');
    expect(reply.meta.noAnswer).toBe(true);
  });

  it('uses members-only documents only for end users holding the members tag', async () => {
    const outsider = await newConversation(a);
    const q = 'What is the kettlebell complex for members?';
    const denied = (await say(a, outsider.conversationId, q)).reply;
    expect(denied.content).not.toContain('five swings');

    const member = await newConversation(a, { tags: ['vip'] });
    const allowed = (await say(a, member.conversationId, q)).reply;
    expect(allowed.content).toContain('five swings');
    expect(allowed.meta.citations[0].documentTitle).toBe('kettlebell-vip');
  });

  it('never retrieves another creator’s material', async () => {
    const { conversationId } = await newConversation(b);
    const { reply } = await say(b, conversationId, 'How much protein should I eat per day?');
    expect(reply.content).not.toContain('1.6 grams');
    expect(reply.meta.noAnswer).toBe(true);
    // And B cannot post into A's conversation.
    const mine = await newConversation(a);
    const res = await api(b, 'POST', `/conversations/${mine.conversationId}/messages`, { content: 'hello' });
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toContain('application/problem+json');
  });

  it('answers a short follow-up with the previous question’s topic', async () => {
    const { conversationId } = await newConversation(a);
    await say(a, conversationId, 'When should I stop drinking coffee?');
    const { reply } = await say(a, conversationId, 'And why?');
    expect(reply.content).toContain('six hours');
  });
});

describe('the creator’s voice', () => {
  it('applies greeting, sign-off and language to replies', async () => {
    const saved = await api(a, 'PATCH', '/assistant/personality', {
      coachName: 'Coach Marta',
      greeting: '¡Hola! Soy Marta.',
      signOff: '¡A por ello!',
      language: 'es',
      tone: ['cálido'],
    });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json().coachName).toBe('Coach Marta');
    const { conversationId } = await newConversation(a);
    const { reply } = await say(a, conversationId, '¿Cuánta agua debo beber al día?');
    expect(reply.content.startsWith('¡Hola! Soy Marta.')).toBe(true);
    expect(reply.content.trim().endsWith('¡A por ello!')).toBe(true);
    expect(reply.content).toContain('dos litros de agua');
    expect(reply.content).toContain('Buena pregunta');
    // The greeting opens a conversation once, not every reply.
    const second = (await say(a, conversationId, '¿Y si entreno mucho?')).reply;
    expect(second.content.startsWith('¡Hola! Soy Marta.')).toBe(false);
    await api(a, 'PATCH', '/assistant/personality', {
      greeting: '',
      signOff: '',
      language: 'auto',
      tone: [],
    });
  });

  it('rejects an invalid personality with a problem+json naming the field', async () => {
    const res = await api(a, 'PATCH', '/assistant/personality', { language: 'fr', extra: 1 });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('VALIDATION_FAILED');
    expect(JSON.stringify(res.json().errors)).toContain('language');
  });
});

describe('streaming', () => {
  it('streams deltas over SSE that add up to the stored reply', async () => {
    const { conversationId } = await newConversation(a);
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/v1/conversations/${conversationId}/messages?debug=true`,
      headers: { ...a.auth, accept: 'text/event-stream' },
      payload: { content: 'How should I prepare my bedroom for sleep?' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/event-stream');
    const events = res.body
      .split('\n\n')
      .filter(Boolean)
      .map((block) =>
        JSON.parse(
          block
            .split('\n')
            .find((l) => l.startsWith('data: '))!
            .slice(6),
        ),
      );
    const types = events.map((e) => e.type);
    expect(types[0]).toBe('message');
    expect(types[1]).toBe('typing');
    expect(types.filter((x) => x === 'delta').length).toBeGreaterThan(5);
    const final = events.filter((e) => e.type === 'message')[1].message;
    const streamed = events
      .filter((e) => e.type === 'delta')
      .map((e) => e.text)
      .join('');
    expect(streamed).toBe(final.content);
    expect(final.content).toContain('18 degrees');
    const debug = events.find((e) => e.type === 'debug').debug;
    expect(debug.passages[0].documentTitle).toBe('sleep-guide');
    expect(debug.prompt.system).toContain('Dim the lights');
    expect(debug.timings.totalMs).toBeGreaterThanOrEqual(0);
  });

  it('answers problem+json, not a stream, when the conversation does not exist', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/conversations/00000000-0000-4000-8000-000000000000/messages',
      headers: { ...a.auth, accept: 'text/event-stream' },
      payload: { content: 'hello' },
    });
    expect(res.statusCode).toBe(404);
    expect(res.json().code).toBe('NOT_FOUND');
  });
});

describe('idempotency and validation', () => {
  it('stores and answers a repeated client message id once', async () => {
    const { conversationId } = await newConversation(a);
    const first = await say(a, conversationId, 'How much protein?', { clientMessageId: 'm-1' });
    const again = await say(a, conversationId, 'How much protein?', { clientMessageId: 'm-1' });
    expect(again.message.id).toBe(first.message.id);
    expect(again.reply.id).toBe(first.reply.id);
    const transcript = (await api(a, 'GET', `/conversations/${conversationId}/messages`)).json();
    expect(transcript.items).toHaveLength(2);
  });

  it('replays the stored answer over SSE when a message is retried', async () => {
    const { conversationId } = await newConversation(a);
    const first = await say(a, conversationId, 'How much protein?', { clientMessageId: 'sse-1' });
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/v1/conversations/${conversationId}/messages`,
      headers: { ...a.auth, accept: 'text/event-stream' },
      payload: { content: 'How much protein?', clientMessageId: 'sse-1' },
    });
    expect(res.statusCode).toBe(200);
    const ids = res.body
      .split('\n\n')
      .filter(Boolean)
      .map(
        (block) =>
          JSON.parse(
            block
              .split('\n')
              .find((l) => l.startsWith('data: '))!
              .slice(6),
          ).message.id,
      );
    expect(ids).toEqual([first.message.id, first.reply.id]);
  });

  it('rejects empty and oversized messages without storing anything', async () => {
    const { conversationId } = await newConversation(a);
    for (const content of ['   ', 'x'.repeat(4001)]) {
      const res = await api(a, 'POST', `/conversations/${conversationId}/messages`, { content });
      expect(res.statusCode).toBe(400);
      expect(res.json().code).toBe('VALIDATION_FAILED');
    }
    const transcript = (await api(a, 'GET', `/conversations/${conversationId}/messages`)).json();
    expect(transcript.items).toHaveLength(0);
  });
});

describe('memory, sentiment and safety', () => {
  it('remembers what the user shares, and forgets it on request', async () => {
    const { conversationId, endUserId } = await newConversation(a);
    await say(a, conversationId, 'My name is Ana. I am allergic to nuts.');
    const memories = (await api(a, 'GET', `/end-users/${endUserId}/memories`)).json().items;
    const keys = memories.map((m: { key: string }) => m.key);
    expect(keys).toContain('name');
    expect(keys).toContain('allergy');
    // The creator can edit one.
    const allergy = memories.find((m: { key: string }) => m.key === 'allergy');
    const edited = await api(a, 'PATCH', `/end-users/${endUserId}/memories/${allergy.id}`, {
      content: 'Allergic to nuts and peanuts',
    });
    expect(edited.json()).toMatchObject({ content: 'Allergic to nuts and peanuts', source: 'creator' });
    // The memory reaches the prompt.
    const res = await api(a, 'POST', `/conversations/${conversationId}/messages?debug=true`, {
      content: 'How much protein should I eat?',
    });
    expect(res.json().debug.prompt.system).toContain('Allergic to nuts and peanuts');
    // Forget everything.
    const forget = await api(a, 'DELETE', `/end-users/${endUserId}/memories`);
    expect(forget.json().deleted).toBe(memories.length);
    expect((await api(a, 'GET', `/end-users/${endUserId}/memories`)).json().items).toEqual([]);
    const audit = (await api(a, 'GET', '/audit-log')).json();
    expect(audit.items.some((e: { action: string }) => e.action === 'end_user.memory_erased')).toBe(true);
    // Another creator cannot read them.
    expect((await api(b, 'GET', `/end-users/${endUserId}/memories`)).statusCode).toBe(404);
  });

  it('records the sentiment of each user message', async () => {
    const { conversationId } = await newConversation(a);
    const sad = (await say(a, conversationId, 'I feel terrible and exhausted, nothing is working')).message;
    expect(sad.meta.sentiment.label).toBe('negative');
    const happy = (await say(a, conversationId, '¡Estoy muy feliz, he conseguido mi objetivo!')).message;
    expect(happy.meta.sentiment.label).toBe('positive');
  });

  it('answers a crisis message with the safety template, alerts the creator and hands over', async () => {
    const { conversationId } = await newConversation(a);
    const { reply } = await say(a, conversationId, 'I want to end my life');
    expect(reply.meta.safety).toBe('self_harm');
    expect(reply.content).toContain('988');
    const alerts = (await api(a, 'GET', '/assistant/alerts?open=true')).json().items;
    const alert = alerts.find((x: { conversationId: string }) => x.conversationId === conversationId);
    expect(alert).toMatchObject({ kind: 'self_harm', excerpt: 'I want to end my life' });
    const conv = (await api(a, 'GET', `/conversations/${conversationId}`)).json();
    expect(conv.status).toBe('human');
    // While a human has it, the AI stays quiet.
    const next = await say(a, conversationId, 'How much protein should I eat?');
    expect(next.reply).toBeNull();
    // The creator is told at once, by mail, with a link to the conversation.
    const mail = await eventually(() => {
      const m = t.mailer.devMailbox?.list().find((x) => x.to === a.email && x.subject.startsWith('Urgent'));
      if (!m) throw new Error('no alert mail yet');
      return m;
    });
    expect(mail.text).toContain('I want to end my life');
    expect(mail.text).toContain(conversationId);
    // The creator resolves the alert.
    const resolved = await api(a, 'POST', `/assistant/alerts/${alert.id}/resolve`);
    expect(resolved.json().resolvedAt).not.toBeNull();
    expect((await api(b, 'GET', '/assistant/alerts')).json().items).toEqual([]);
  });
});

describe('requests to the service itself', () => {
  it('hands the conversation to the creator when the user asks for a person', async () => {
    const { conversationId } = await newConversation(a);
    const { reply } = await say(a, conversationId, 'Can I talk to a real person please?');
    expect(reply.meta.model).toBe('handoff');
    expect(reply.content).toContain('join this conversation');
    expect((await api(a, 'GET', `/conversations/${conversationId}`)).json().status).toBe('human');
    const alerts = (await api(a, 'GET', '/assistant/alerts')).json().items;
    expect(alerts.find((x: { conversationId: string }) => x.conversationId === conversationId).kind).toBe(
      'handoff_request',
    );
  });

  it('forgets what it knows about the user when asked in the chat', async () => {
    const { conversationId, endUserId } = await newConversation(a);
    await say(a, conversationId, 'My name is Leo and I live in Madrid.');
    expect((await api(a, 'GET', `/end-users/${endUserId}/memories`)).json().items.length).toBeGreaterThan(0);
    const { reply } = await say(a, conversationId, 'Olvida todo lo que sabes de mí, por favor');
    expect(reply.content).toContain('he olvidado lo que sabía de ti');
    expect((await api(a, 'GET', `/end-users/${endUserId}/memories`)).json().items).toEqual([]);
  });
});

describe('feedback and corrections', () => {
  it('records thumbs on an answer and shows them in the transcript', async () => {
    const { conversationId } = await newConversation(a);
    const { message, reply } = await say(a, conversationId, 'How much protein should I eat?');
    const rated = await api(a, 'PUT', `/messages/${reply.id}/feedback`, {
      rating: 'down',
      comment: 'Too vague',
    });
    expect(rated.statusCode, rated.body).toBe(200);
    expect(rated.json().feedback).toEqual({ rating: 'down', comment: 'Too vague' });
    const again = await api(a, 'PUT', `/messages/${reply.id}/feedback`, { rating: 'up' });
    expect(again.json().feedback.rating).toBe('up');
    expect((await api(a, 'PUT', `/messages/${message.id}/feedback`, { rating: 'up' })).statusCode).toBe(409);
    const transcript = (await api(a, 'GET', `/conversations/${conversationId}/messages`)).json();
    expect(transcript.items[1].feedback.rating).toBe('up');
  });

  it('prefers the creator’s correction for similar questions afterwards', async () => {
    const { conversationId } = await newConversation(a);
    const { reply } = await say(a, conversationId, 'How many rest days should I take each week?');
    const correction = await api(a, 'POST', `/messages/${reply.id}/correction`, {
      answer: 'Take two full rest days each week, and keep one of them after your hardest session.',
    });
    expect(correction.statusCode, correction.body).toBe(201);

    const other = await newConversation(a);
    const later = (await say(a, other.conversationId, 'how many rest days a week should I take?')).reply;
    expect(later.content).toContain('two full rest days');
    expect(later.meta.citations[0]).toMatchObject({
      kind: 'correction',
      documentTitle: 'Coach’s correction',
    });
    expect(later.meta.noAnswer).toBe(false);
    const list = (await api(a, 'GET', '/assistant/corrections')).json().items;
    expect(list[0]).toMatchObject({ question: 'How many rest days should I take each week?', uses: 1 });
    expect((await api(b, 'GET', '/assistant/corrections')).json().items).toEqual([]);
  });
});

describe('status and playground', () => {
  it('reports offline mode when no model is configured', async () => {
    const status = (await api(a, 'GET', '/assistant/status')).json();
    expect(status.mode).toBe('offline');
    expect(status.models.chat).toBeNull();
  });

  it('refuses a model of a provider the server does not have', async () => {
    const res = await api(a, 'PATCH', '/assistant/settings', { chatModel: 'anthropic:claude-x' });
    expect(res.statusCode).toBe(400);
    expect(res.json().detail).toContain('not configured');
  });

  it('starts a playground conversation as a test user with tags', async () => {
    const res = await api(a, 'POST', '/assistant/playground', { tags: ['vip'] });
    expect(res.statusCode, res.body).toBe(201);
    const { reply } = await say(a, res.json().conversationId, 'What is the kettlebell complex for members?');
    expect(reply.content).toContain('five swings');
  });
});

describe('rolling summary', () => {
  it('folds the older part of a long conversation into a summary', async () => {
    const { conversationId } = await newConversation(a);
    for (let i = 0; i < 21; i++)
      await say(a, conversationId, `Question ${i}: how much protein should I eat?`);
    // 42 messages > 30 + 10: the worker summarises all but the last 10.
    const conv = await eventually(async () => {
      const c = (
        await t.app.inject({ method: 'GET', url: `/api/v1/conversations/${conversationId}`, headers: a.auth })
      ).json();
      return c;
    });
    expect(conv.id).toBe(conversationId);
    const summary = await eventually(async () => {
      const [row] = await t.db.withTenant(a.creatorId, (tx) =>
        tx.select().from(schema.conversations).where(eq(schema.conversations.id, conversationId)),
      );
      if (!row?.summary) throw new Error('no summary yet');
      return row;
    }, 15_000);
    expect(summary.summaryMessageCount).toBe(32);
    expect(summary.summary).toContain('Client: Question 0');
  }, 60_000);
});

describe('the creator’s configuration is cached, and a change shows on the very next reply', () => {
  // The engine keeps personality, settings and corrections per creator in
  // process (creator-config-cache.ts); a change bumps a version key in the
  // cache port, which every api node checks before each reply.
  const on = (
    node: TestApp['app'],
    method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
    url: string,
    payload?: unknown,
  ) => node.inject({ method, url: `/api/v1${url}`, headers: a.auth, payload: payload as object });
  const sayOn = async (node: TestApp['app'], conversationId: string, content: string) => {
    const res = await on(node, 'POST', `/conversations/${conversationId}/messages`, { content });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().reply;
  };

  it('uses a changed personality on the next reply of the same conversation', async () => {
    const { conversationId } = await newConversation(a);
    const before = (await say(a, conversationId, 'How much protein should I eat per day?')).reply;
    expect(before.content).not.toContain('Keep lifting!');
    await api(a, 'PATCH', '/assistant/personality', { signOff: 'Keep lifting!' });
    const after = (await say(a, conversationId, 'When should I stop drinking coffee?')).reply;
    expect(after.content.trim().endsWith('Keep lifting!')).toBe(true);
    await api(a, 'PATCH', '/assistant/personality', { signOff: '' });
    const reset = (await say(a, conversationId, 'How should I prepare my bedroom for sleep?')).reply;
    expect(reset.content).not.toContain('Keep lifting!');
  });

  it('uses a new correction at once, and stops when it is deleted', async () => {
    const { conversationId } = await newConversation(a);
    const q = 'How long should my warm-up before squats last?';
    const first = (await say(a, conversationId, q)).reply;
    expect(first.meta.citations.some((c: { kind: string }) => c.kind === 'correction')).toBe(false);
    const created = await api(a, 'POST', `/messages/${first.id}/correction`, {
      answer: 'Warm up for ten minutes: five on the bike, five with empty-bar squats.',
    });
    expect(created.statusCode, created.body).toBe(201);
    const corrected = (await say(a, conversationId, q)).reply;
    expect(corrected.content).toContain('five with empty-bar squats');
    expect(corrected.meta.citations[0]).toMatchObject({ kind: 'correction' });
    expect((await api(a, 'DELETE', `/assistant/corrections/${created.json().id}`)).statusCode).toBe(204);
    const after = (await say(a, conversationId, q)).reply;
    expect(after.content).not.toContain('empty-bar squats');
  });

  it('shows a change made through one api node on the next reply of another', async () => {
    const nodeB = await t.startNode();
    const { conversationId } = await newConversation(a);
    // Node B has the creator's configuration cached.
    const warm = await sayOn(nodeB, conversationId, 'How much protein should I eat per day?');
    expect(warm.content).not.toContain('Node A says bye');

    // Personality changed through node A: node B's very next reply has it.
    expect(
      (await on(t.app, 'PATCH', '/assistant/personality', { signOff: 'Node A says bye' })).statusCode,
    ).toBe(200);
    const voiced = await sayOn(nodeB, conversationId, 'When should I stop drinking coffee?');
    expect(voiced.content.trim().endsWith('Node A says bye')).toBe(true);
    await on(t.app, 'PATCH', '/assistant/personality', { signOff: '' });
    expect((await sayOn(nodeB, conversationId, 'Why avoid coffee after noon?')).content).not.toContain(
      'Node A says bye',
    );

    // A correction made on node A answers on node B at once; deleted on A, it is gone on B.
    const q = 'How many push-ups should a beginner do?';
    const plain = await sayOn(nodeB, conversationId, q);
    const created = await on(t.app, 'POST', `/messages/${plain.id}/correction`, {
      answer: 'Start with three sets of five push-ups against a wall.',
    });
    expect(created.statusCode, created.body).toBe(201);
    const corrected = await sayOn(nodeB, conversationId, q);
    expect(corrected.content).toContain('three sets of five push-ups');
    await on(t.app, 'DELETE', `/assistant/corrections/${created.json().id}`);
    expect((await sayOn(nodeB, conversationId, q)).content).not.toContain('three sets of five push-ups');
  });
});
