import type { AddressInfo } from 'node:net';
import type { ConversationSummary, InboxEvent } from '@companero/contracts';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createTestApp, type TestApp } from '../../testing/create-test-app.ts';
import { eventually, signUpAndLogIn } from '../../testing/http.ts';

// The creator's inbox: the list with what a creator triages by (client, last
// message, unread count, mood, alerts) and its filters; the live inbox socket
// (changes and handoff alerts, from another api node too); read marks.

let t: TestApp;
let c: Awaited<ReturnType<typeof signUpAndLogIn>>;
let other: Awaited<ReturnType<typeof signUpAndLogIn>>;
beforeAll(async () => {
  t = await createTestApp();
  c = await signUpAndLogIn(t.app, t.mailer);
  other = await signUpAndLogIn(t.app, t.mailer);
});
afterAll(() => t.close());

async function api(method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object, who = c) {
  const res = await t.app.inject({
    method,
    url: `/api/v1${url}`,
    headers: who.auth,
    ...(payload ? { payload } : {}),
  });
  return { status: res.statusCode, body: res.json() };
}

async function conversationWith(name: string, who = c) {
  const user = await api(
    'POST',
    '/end-users',
    { widgetVisitorId: `visitor-${name}-${Math.random()}`, displayName: name },
    who,
  );
  return (await api('POST', '/conversations', { endUserId: user.body.id, channel: 'web' }, who)).body
    .id as string;
}

const say = (id: string, content: string, who = c) =>
  api('POST', `/conversations/${id}/messages`, { content }, who);

function inboxSocket(app: FastifyInstance, token: string) {
  const { port } = app.server.address() as AddressInfo;
  const events: InboxEvent[] = [];
  const ws = new WebSocket(`ws://127.0.0.1:${port}/api/v1/inbox/live`, ['companero.v1', `bearer.${token}`]);
  ws.on('message', (raw) => events.push(JSON.parse(String(raw))));
  const ready = eventually(() => expect(events.some((e) => e.type === 'ready')).toBe(true));
  return { ws, events, ready };
}

describe('inbox list', () => {
  it('shows each conversation with its client, last message, unread count, mood and alert, and filters by them', async () => {
    const calm = await conversationWith('Calm Carla');
    await say(calm, 'Thanks, that plan is great and I feel wonderful!');
    const upset = await conversationWith('Upset Ulises');
    await say(upset, 'I feel terrible and hopeless about my training, this is awful.');
    await say(upset, 'Can I talk to a real person?');
    const empty = await conversationWith('Silent Sam');

    const all = (await api('GET', '/conversations')).body.items as ConversationSummary[];
    expect(all.map((x) => x.id)).toEqual([upset, calm]); // newest activity first; no empty conversation
    expect(all.map((x) => x.id)).not.toContain(empty);
    const u = all[0]!;
    expect(u.endUser.displayName).toBe('Upset Ulises');
    expect(u.unreadCount).toBe(2);
    expect(u.status).toBe('human'); // asking for a person hands the conversation over
    expect(u.alert?.kind).toBe('handoff_request');
    expect(u.preview?.role).toBe('assistant');
    expect(all[1]!.sentiment).toBe('positive');

    const ids = async (q: string) =>
      ((await api('GET', `/conversations?${q}`)).body.items as ConversationSummary[]).map((x) => x.id);
    expect(await ids('attention=true')).toEqual([upset]);
    expect(await ids('status=human')).toEqual([upset]);
    expect(await ids('sentiment=positive')).toEqual([calm]);
    const bad = await api('GET', '/conversations?sentiment=angry&unread=maybe');
    expect(bad.status).toBe(400);

    // Reading clears the unread count (and the filter with it).
    const read = await api('POST', `/conversations/${upset}/read`, {});
    expect(read.body.unreadCount).toBe(0);
    expect(await ids('unread=true')).toEqual([calm]);
    expect(await ids('unread=false')).toEqual([upset]);

    // Pages follow activity without repeats.
    const first = await api('GET', '/conversations?limit=1');
    const second = await api('GET', `/conversations?limit=1&cursor=${first.body.nextCursor}`);
    expect([first.body.items[0].id, second.body.items[0].id]).toEqual([upset, calm]);
    expect(second.body.nextCursor).toBeNull();

    // Another creator sees none of it.
    expect((await api('GET', '/conversations', undefined, other)).body.items).toEqual([]);
  });
});

describe('live inbox', () => {
  it('tells the creator’s dashboard about new messages and handoff requests, also from another api node', async () => {
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const nodeB = await t.startNode();
    await nodeB.listen({ port: 0, host: '127.0.0.1' });
    const mine = inboxSocket(t.app, c.accessToken);
    const theirs = inboxSocket(nodeB, other.accessToken);
    await Promise.all([mine.ready, theirs.ready]);

    const id = await conversationWith('Lola');
    // The client writes through node B; the dashboard listens on node A.
    const res = await nodeB.inject({
      method: 'POST',
      url: `/api/v1/conversations/${id}/messages`,
      headers: c.auth,
      payload: { content: 'Quiero hablar con una persona real, por favor' },
    });
    expect(res.statusCode).toBe(201);
    await eventually(() => {
      expect(mine.events).toContainEqual({ type: 'changed', conversationId: id, reason: 'message' });
      expect(mine.events).toContainEqual(
        expect.objectContaining({ type: 'alert', conversationId: id, kind: 'handoff_request' }),
      );
    });
    await api('PATCH', `/conversations/${id}`, { status: 'bot' });
    await eventually(() =>
      expect(mine.events).toContainEqual({ type: 'changed', conversationId: id, reason: 'status' }),
    );
    // Another creator's inbox heard nothing.
    expect(theirs.events.filter((e) => e.type !== 'ready')).toEqual([]);
    mine.ws.close();
    theirs.ws.close();
  });

  it('refuses the inbox socket without a session', async () => {
    const { port } = t.app.server.address() as AddressInfo;
    const ws = new WebSocket(`ws://127.0.0.1:${port}/api/v1/inbox/live`, ['companero.v1', 'bearer.nope']);
    const status = await new Promise<number>((resolve) => {
      ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      ws.on('open', () => resolve(101));
    });
    expect(status).toBe(401);
  });
});
