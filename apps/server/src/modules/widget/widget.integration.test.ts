import type { AddressInfo } from 'node:net';
import type { WidgetServerFrame } from '@companero/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createTestApp, type TestApp } from '../../testing/create-test-app.ts';
import { eventually, signUpAndLogIn } from '../../testing/http.ts';

// The web widget end to end over HTTP and WebSocket: a creator's settings and
// key, visitor sessions bound to allowed sites, realtime frames with acks and
// resume (nothing lost or duplicated across a dropped socket), the SSE/POST
// fallback, attachments checked by content, limits, beacons, and isolation.

const SITE = 'https://coach-site.example';
const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082',
  'hex',
);

let t: TestApp;
let a: Awaited<ReturnType<typeof signUpAndLogIn>>;
let b: Awaited<ReturnType<typeof signUpAndLogIn>>;
let port: number;
let keyA: string;

beforeAll(async () => {
  t = await createTestApp();
  a = await signUpAndLogIn(t.app, t.mailer);
  b = await signUpAndLogIn(t.app, t.mailer);
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  port = (t.app.server.address() as AddressInfo).port;
  const config = await creatorCall(a, 'PATCH', '/widget-config', {
    allowedOrigins: [SITE, 'https://*.partner.example'],
  });
  keyA = config.body.publicKey;
});
afterAll(() => t.close());

async function creatorCall(who: typeof a, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) {
  const res = await t.app.inject({
    method,
    url: `/api/v1${url}`,
    headers: who.auth,
    ...(payload ? { payload } : {}),
  });
  return { status: res.statusCode, body: res.json() };
}

async function session(opts: { origin?: string; visitorId?: string; key?: string } = {}) {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/widget/sessions',
    headers: { origin: opts.origin ?? SITE },
    payload: { key: opts.key ?? keyA, ...(opts.visitorId ? { visitorId: opts.visitorId } : {}) },
  });
  return { status: res.statusCode, body: res.json() };
}

/** A widget's socket that records every frame and can wait for one. */
function connect(token: string, origin = SITE) {
  const frames: WidgetServerFrame[] = [];
  const ws = new WebSocket(`ws://127.0.0.1:${port}/api/v1/widget/live`, ['companero.v1', `bearer.${token}`], {
    origin,
  });
  const closed = new Promise<number>((resolve) => ws.on('close', (code) => resolve(code)));
  ws.on('message', (raw) => frames.push(JSON.parse(String(raw))));
  return {
    ws,
    frames,
    closed,
    send: (frame: object) => ws.send(JSON.stringify(frame)),
    waitFor: <T extends WidgetServerFrame['type']>(
      type: T,
      pred: (f: Extract<WidgetServerFrame, { type: T }>) => boolean = () => true,
      timeoutMs = 5000,
    ) =>
      eventually(() => {
        const found = frames.find(
          (f): f is Extract<WidgetServerFrame, { type: T }> =>
            f.type === type && pred(f as Extract<WidgetServerFrame, { type: T }>),
        );
        if (!found) throw new Error(`no ${type} frame yet: ${frames.map((f) => f.type).join(',')}`);
        return found;
      }, timeoutMs),
  };
}

describe('creator settings', () => {
  it('creates a key on first read, saves theme and sites, and refuses bad input', async () => {
    const first = await creatorCall(b, 'GET', '/widget-config');
    expect(first.status).toBe(200);
    expect(first.body.publicKey).toMatch(/^wk_[A-Za-z0-9_-]{34}$/);
    expect(first.body.allowedOrigins).toEqual([]);
    const saved = await creatorCall(b, 'PATCH', '/widget-config', {
      theme: { primaryColor: '#0f766e', greeting: '¡Hola! ¿En qué te ayudo?', language: 'es' },
      visitorMessagesPerMinute: 5,
    });
    expect(saved.body.theme).toMatchObject({ primaryColor: '#0f766e', language: 'es', position: 'right' });
    expect(saved.body.visitorMessagesPerMinute).toBe(5);
    const bad = await creatorCall(b, 'PATCH', '/widget-config', {
      allowedOrigins: ['https://ok.example', 'https://site.example/path'],
      theme: { primaryColor: 'red' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual([
      'body.allowedOrigins.1',
      'body.theme.primaryColor',
    ]);
    // Nothing of the refused request was kept.
    expect((await creatorCall(b, 'GET', '/widget-config')).body.theme.primaryColor).toBe('#0f766e');
  });

  it('rotating the key stops pages with the old one at once', async () => {
    const before = (await creatorCall(b, 'GET', '/widget-config')).body.publicKey;
    expect((await session({ key: before })).status).toBe(201);
    const rotated = await creatorCall(b, 'POST', '/widget-config/rotate-key', {});
    expect(rotated.body.publicKey).not.toBe(before);
    const old = await session({ key: before });
    expect(old.status).toBe(404);
    const fresh = await session({ key: rotated.body.publicKey });
    expect(fresh.status).toBe(201);
    // A visitor of the new key talks at once (no stale key lookup on the way).
    const w = connect(fresh.body.token);
    await w.waitFor('ready');
    w.send({ type: 'message', clientMessageId: 'rotated-0001', content: 'Hello after the new key' });
    expect((await w.waitFor('ack')).clientMessageId).toBe('rotated-0001');
    w.ws.close();
  });
});

describe('sessions', () => {
  it('serves the public look of a widget to allowed sites only', async () => {
    const ok = await t.app.inject({
      method: 'GET',
      url: `/api/v1/widget/config/${keyA}`,
      headers: { origin: SITE },
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ coachName: expect.any(String), theme: { position: 'right' } });
    expect(ok.headers['access-control-allow-origin']).toBe(SITE);
    const refused = await t.app.inject({
      method: 'GET',
      url: `/api/v1/widget/config/${keyA}`,
      headers: { origin: 'https://evil.example' },
    });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().code).toBe('ORIGIN_NOT_ALLOWED');
    expect(refused.headers['content-type']).toMatch(/application\/problem\+json/);
  });

  it('gives a returning visitor the same conversation, and wildcard subdomains are allowed', async () => {
    const first = await session({ origin: 'https://shop.partner.example' });
    expect(first.status).toBe(201);
    const again = await session({ visitorId: first.body.visitorId, origin: 'https://shop.partner.example' });
    expect(again.body.conversationId).toBe(first.body.conversationId);
    expect((await session({ origin: 'https://partner.example.evil.example' })).status).toBe(403);
    expect((await session({ origin: 'https://evil.example' })).body.code).toBe('ORIGIN_NOT_ALLOWED');
  });

  it('keeps visitor tokens and creator tokens apart, and binds a token to its site', async () => {
    const s = await session();
    const asCreator = await t.app.inject({
      method: 'GET',
      url: '/api/v1/conversations',
      headers: { authorization: `Bearer ${s.body.token}` },
    });
    expect(asCreator.statusCode).toBe(401);
    const asVisitor = await t.app.inject({ method: 'GET', url: '/api/v1/widget/messages', headers: a.auth });
    expect(asVisitor.statusCode).toBe(401);
    const elsewhere = await t.app.inject({
      method: 'GET',
      url: '/api/v1/widget/messages',
      headers: { authorization: `Bearer ${s.body.token}`, origin: 'https://evil.example' },
    });
    expect(elsewhere.statusCode).toBe(403);
  });
});

describe('realtime', () => {
  it('acks, streams the reply, and after a dropped socket resumes with nothing lost or duplicated', async () => {
    const s = (await session()).body;
    const one = connect(s.token);
    await one.waitFor('ready');
    one.send({ type: 'resume', after: null });
    await one.waitFor('synced');
    one.send({ type: 'message', clientMessageId: 'client-0001', content: 'How much sleep do I need?' });
    const ack = await one.waitFor('ack');
    expect(ack.clientMessageId).toBe('client-0001');
    const reply = await one.waitFor('message', (f) => f.message.role === 'assistant');
    expect(one.frames.some((f) => f.type === 'typing' && f.who === 'assistant')).toBe(true);
    const deltas = one.frames.filter((f) => f.type === 'delta').map((f) => (f as { text: string }).text);
    expect(deltas.join('')).toBe(reply.message.content);

    // The server drops the socket; meanwhile the creator writes.
    one.ws.terminate();
    await one.closed;
    await creatorCall(a, 'POST', `/conversations/${s.conversationId}/creator-messages`, {
      content: 'Coach here — 7 to 9 hours.',
    });
    // The widget reconnects, resends its unacknowledged message (same id) and resumes after the last it had.
    const two = connect(s.token);
    await two.waitFor('ready');
    two.send({ type: 'message', clientMessageId: 'client-0001', content: 'How much sleep do I need?' });
    two.send({ type: 'resume', after: reply.message.id });
    await two.waitFor('synced');
    const replayed = two.frames
      .filter((f) => f.type === 'message')
      .map((f) => (f as { message: { role: string } }).message.role);
    expect(replayed).toContain('creator');
    expect(two.frames.some((f) => f.type === 'status' && f.status === 'human')).toBe(true);
    const history = await t.app.inject({
      method: 'GET',
      url: '/api/v1/widget/messages',
      headers: { authorization: `Bearer ${s.token}`, origin: SITE },
    });
    expect(history.json().items.map((m: { role: string }) => m.role)).toEqual([
      'user',
      'assistant',
      'creator',
    ]);
    two.ws.close();
  });

  it('carries typing and read state both ways', async () => {
    const s = (await session()).body;
    const w = connect(s.token);
    await w.waitFor('ready');
    const inbox = new WebSocket(`ws://127.0.0.1:${port}/api/v1/conversations/${s.conversationId}/live`, [
      'companero.v1',
      `bearer.${a.accessToken}`,
    ]);
    const seen: { type: string; who?: string; typing?: boolean }[] = [];
    inbox.on('message', (raw) => seen.push(JSON.parse(String(raw))));
    await eventually(() => expect(seen.some((e) => e.type === 'ready')).toBe(true));
    w.send({ type: 'typing', typing: true });
    await eventually(() =>
      expect(seen).toContainEqual(expect.objectContaining({ type: 'presence', who: 'user', typing: true })),
    );
    inbox.send(JSON.stringify({ type: 'typing', typing: true }));
    await w.waitFor('typing', (f) => f.who === 'creator' && f.typing);

    w.send({ type: 'message', clientMessageId: 'client-read-1', content: 'Are you there?' });
    const ack = await w.waitFor('ack');
    const read = await creatorCall(a, 'POST', `/conversations/${s.conversationId}/read`, {});
    expect(read.body.unreadCount).toBe(0);
    const receipt = await w.waitFor('read');
    expect(receipt.messageId).toBe(ack.messageId);
    inbox.close();
    w.ws.close();
  });

  it('refuses a socket from a site not allowed, and a bad token, with clear close codes', async () => {
    const s = (await session()).body;
    expect(await connect(s.token, 'https://evil.example').closed).toBe(4403);
    expect(await connect('not-a-token').closed).toBe(4401);
  });

  it('limits messages per visitor', async () => {
    await creatorCall(a, 'PATCH', '/widget-config', { visitorMessagesPerMinute: 2 });
    try {
      const s = (await session()).body;
      const w = connect(s.token);
      await w.waitFor('ready');
      for (const n of [1, 2, 3])
        w.send({ type: 'message', clientMessageId: `limit-000${n}`, content: `Message ${n}` });
      const refused = await w.waitFor('error', (f) => f.code === 'RATE_LIMITED');
      expect(refused.clientMessageId).toBe('limit-0003');
      w.ws.close();
    } finally {
      await creatorCall(a, 'PATCH', '/widget-config', { visitorMessagesPerMinute: 20 });
    }
  });

  it('works without WebSockets: frames by POST, events by SSE', async () => {
    const s = (await session()).body;
    const headers = { authorization: `Bearer ${s.token}`, origin: SITE };
    const base = `http://127.0.0.1:${port}/api/v1/widget`;
    const controller = new AbortController();
    const stream = await fetch(`${base}/events`, {
      headers: { ...headers, accept: 'text/event-stream' },
      signal: controller.signal,
    });
    expect(stream.headers.get('content-type')).toMatch(/text\/event-stream/);
    let text = '';
    const reader = stream.body!.getReader();
    const pump = (async () => {
      for (;;) {
        const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }));
        if (done) return;
        text += new TextDecoder().decode(value);
      }
    })();
    await eventually(() => expect(text).toContain('event: ready'));
    const posted = await fetch(`${base}/frames`, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json' },
      body: JSON.stringify({
        type: 'message',
        clientMessageId: 'sse-00001',
        content: 'What is a good warm-up?',
      }),
    });
    const { frames } = (await posted.json()) as { frames: WidgetServerFrame[] };
    expect(frames[0]).toMatchObject({ type: 'ack', clientMessageId: 'sse-00001' });
    await eventually(() => expect(text).toMatch(/event: message\ndata: .*"role":"assistant"/), 8000);
    controller.abort();
    await pump;
  });
});

describe('attachments', () => {
  it('accepts an image checked by content, sends it with a message, and serves it by signed link only', async () => {
    const s = (await session()).body;
    const upload = async (name: string, bytes: Buffer, type: string) => {
      const form = new FormData();
      form.append('file', new Blob([bytes], { type }), name);
      const res = await fetch(`http://127.0.0.1:${port}/api/v1/widget/attachments`, {
        method: 'POST',
        headers: { authorization: `Bearer ${s.token}`, origin: SITE },
        body: form,
      });
      return { status: res.status, body: (await res.json()) as { id: string; code?: string } };
    };
    const fake = await upload('photo.png', Buffer.from('MZ this is really an executable'), 'image/png');
    expect(fake.status).toBe(422);
    expect(fake.body.code).toBe('FILE_REJECTED');
    const ok = await upload('progress.png', PNG, 'image/png');
    expect(ok.status).toBe(201);
    expect(ok.body).toMatchObject({ name: 'progress.png', mime: 'image/png', size: PNG.length });

    const w = connect(s.token);
    await w.waitFor('ready');
    w.send({ type: 'message', clientMessageId: 'attach-0001', content: '', attachmentIds: [ok.body.id] });
    const echo = await w.waitFor('message', (f) => f.message.role === 'user');
    expect(echo.message.attachments).toHaveLength(1);
    const file = await fetch(`http://127.0.0.1:${port}${echo.message.attachments[0]!.url}`);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await file.arrayBuffer()).equals(PNG)).toBe(true);
    // The creator downloads it from the inbox with their session; another creator cannot.
    const inboxFile = `/api/v1/conversations/${s.conversationId}/attachments/${ok.body.id}`;
    const mine = await t.app.inject({ method: 'GET', url: inboxFile, headers: a.auth });
    expect(mine.statusCode).toBe(200);
    expect(mine.rawPayload.equals(PNG)).toBe(true);
    expect((await t.app.inject({ method: 'GET', url: inboxFile, headers: b.auth })).statusCode).toBe(404);
    const tampered = await fetch(
      `http://127.0.0.1:${port}${echo.message.attachments[0]!.url.replace(/sig=./, 'sig=x')}`,
    );
    expect(tampered.status).toBe(403);
    // An attachment goes with one message only.
    w.send({
      type: 'message',
      clientMessageId: 'attach-0002',
      content: 'again',
      attachmentIds: [ok.body.id],
    });
    expect((await w.waitFor('error', (f) => f.clientMessageId === 'attach-0002')).code).toBe(
      'VALIDATION_FAILED',
    );
    w.ws.close();
  });
});

describe('beacons and isolation', () => {
  it('stores widget beacons for the widget’s creator only', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/widget/analytics',
      headers: { origin: SITE },
      payload: { key: keyA, events: [{ type: 'widget_opened', at: new Date().toISOString() }] },
    });
    expect(res.statusCode).toBe(202);
    const count = async (creatorId: string) =>
      t.db.readAsTenant(creatorId, async (tx) => {
        const rows = (await tx.execute(
          "select count(*)::int as n from analytics_events where type = 'widget_opened'",
        )) as unknown as { n: number }[];
        return rows[0]!.n;
      });
    await eventually(async () => expect(await count(a.creatorId)).toBe(1));
    expect(await count(b.creatorId)).toBe(0);
    const bad = await t.app.inject({
      method: 'POST',
      url: '/api/v1/widget/analytics',
      headers: { origin: SITE },
      payload: { key: keyA, events: [{ type: 'page_hacked', at: 'yesterday' }] },
    });
    expect(bad.statusCode).toBe(400);
  });

  it('never shows one creator’s widget conversations to another', async () => {
    const mine = (await creatorCall(a, 'GET', '/conversations?channel=web&limit=100')).body.items as {
      id: string;
    }[];
    expect(mine.length).toBeGreaterThan(3);
    const theirs = (await creatorCall(b, 'GET', '/conversations?channel=web&limit=100')).body.items as {
      id: string;
    }[];
    expect(theirs.length).toBe(1); // B's own visitor, after the key rotation
    expect(theirs.filter((x) => mine.some((m) => m.id === x.id))).toEqual([]);
    const someone = mine[0]!.id;
    expect((await creatorCall(b, 'POST', `/conversations/${someone}/read`, {})).status).toBe(404);
  });
});
