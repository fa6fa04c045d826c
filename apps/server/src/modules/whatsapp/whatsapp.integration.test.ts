import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/create-test-app.ts';
import { type FakeGraph, signWebhook, startFakeGraphServer } from '../../testing/fake-graph-server.ts';
import { eventually, signUpAndLogIn } from '../../testing/http.ts';

// The WhatsApp channel end to end: the api and the worker against a local fake
// of Meta's Graph API speaking its wire format. Webhooks are signed as Meta
// signs them; bodies have the shape of Meta's (see webhook-events.test.ts for
// the 50 real ones).

const TOKEN = 'EAAG-test-access-token-0123456789';
const SECRET_A = 'app-secret-of-creator-a-0123';
const SECRET_B = 'app-secret-of-creator-b-0123';
const PHONE_A = '1100000000001';
const PHONE_B = '2200000000002';

let t: TestApp;
let graph: FakeGraph;
let a: Awaited<ReturnType<typeof signUpAndLogIn>>;
let b: Awaited<ReturnType<typeof signUpAndLogIn>>;

beforeAll(async () => {
  graph = await startFakeGraphServer({ accessToken: TOKEN });
  t = await createTestApp({ WHATSAPP_GRAPH_URL: graph.url }, { worker: true });
  a = await signUpAndLogIn(t.app, t.mailer);
  b = await signUpAndLogIn(t.app, t.mailer);
  for (const [who, phone, secret] of [
    [a, PHONE_A, SECRET_A],
    [b, PHONE_B, SECRET_B],
  ] as const) {
    const res = await call(who, 'PUT', '/whatsapp/account', {
      wabaId: phone.replace(/^1|^2/, '9'),
      phoneNumberId: phone,
      accessToken: TOKEN,
      appSecret: secret,
    });
    if (res.status !== 200) throw new Error(JSON.stringify(res.body));
  }
}, 60_000);
afterAll(async () => {
  await t.close();
  await graph.close();
});

async function call(who: typeof a, method: 'GET' | 'POST' | 'PUT' | 'PATCH', url: string, payload?: object) {
  const res = await t.app.inject({
    method,
    url: `/api/v1${url}`,
    headers: who.auth,
    ...(payload ? { payload } : {}),
  });
  return { status: res.statusCode, body: res.json() };
}

let counter = 0;
/** A `messages` webhook body in Meta's shape. */
function inbound(phoneNumberId: string, from: string, message: Record<string, unknown>, name = 'Ana Pérez') {
  counter += 1;
  return {
    object: 'whatsapp_business_account',
    entry: [
      {
        id: 'WABA',
        changes: [
          {
            field: 'messages',
            value: {
              messaging_product: 'whatsapp',
              metadata: { display_phone_number: '15550100000', phone_number_id: phoneNumberId },
              contacts: [{ profile: { name }, wa_id: from }],
              messages: [
                {
                  from,
                  id: `wamid.TEST${counter}`,
                  timestamp: String(Math.floor(Date.now() / 1000)),
                  ...message,
                },
              ],
            },
          },
        ],
      },
    ],
  };
}
function statusBody(phoneNumberId: string, wamid: string, status: string, errors?: object[]) {
  return {
    object: 'whatsapp_business_account',
    entry: [
      {
        id: 'WABA',
        changes: [
          {
            field: 'messages',
            value: {
              messaging_product: 'whatsapp',
              metadata: { display_phone_number: '15550100000', phone_number_id: phoneNumberId },
              statuses: [
                {
                  id: wamid,
                  status,
                  timestamp: String(Math.floor(Date.now() / 1000)),
                  recipient_id: '1',
                  ...(errors ? { errors } : {}),
                },
              ],
            },
          },
        ],
      },
    ],
  };
}

async function deliver(body: object, secret = SECRET_A, signature?: string) {
  const raw = JSON.stringify(body);
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/whatsapp/webhook',
    headers: {
      'content-type': 'application/json',
      'x-hub-signature-256': signature ?? signWebhook(raw, secret),
    },
    payload: raw,
  });
  return res.statusCode;
}

const sentTo = (waId: string) => graph.sent.filter((s) => s.body.to === waId);

async function conversationOf(who: typeof a, name: string) {
  return eventually(async () => {
    const list = await call(who, 'GET', '/conversations?channel=whatsapp&limit=100');
    const found = list.body.items.find(
      (c: { endUser: { displayName: string } }) => c.endUser.displayName === name,
    );
    expect(found).toBeDefined();
    return found as { id: string; status: string };
  }, 8000);
}

describe('connection', () => {
  it('never returns the secrets, and answers Meta’s handshake with the verify token', async () => {
    const account = await call(a, 'GET', '/whatsapp/account');
    expect(account.body).toMatchObject({
      connected: true,
      phoneNumberId: PHONE_A,
      hasAccessToken: true,
      hasAppSecret: true,
    });
    expect(JSON.stringify(account.body)).not.toContain(TOKEN);
    expect(JSON.stringify(account.body)).not.toContain(SECRET_A);
    const ok = await t.app.inject({
      method: 'GET',
      url: `/api/v1/whatsapp/webhook?hub.mode=subscribe&hub.verify_token=${account.body.verifyToken}&hub.challenge=1158201444`,
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.body).toBe('1158201444');
    const bad = await t.app.inject({
      method: 'GET',
      url: '/api/v1/whatsapp/webhook?hub.mode=subscribe&hub.verify_token=guess&hub.challenge=1',
    });
    expect(bad.statusCode).toBe(403);
    // The same number cannot be connected by another creator.
    const taken = await call(b, 'PUT', '/whatsapp/account', { wabaId: '99999', phoneNumberId: PHONE_A });
    expect(taken.status).toBe(409);
    expect(taken.body.code).toBe('PHONE_NUMBER_TAKEN');
    const invalid = await call(b, 'PUT', '/whatsapp/account', { wabaId: 'abc', phoneNumberId: '1' });
    expect(invalid.status).toBe(400);
  });

  it('tests the credentials with a template message and shows Meta’s error when it fails', async () => {
    const ok = await call(a, 'POST', '/whatsapp/account/test', { to: '+34600111222' });
    expect(ok.body).toMatchObject({ ok: true, phone: { verifiedName: 'Coach Test' } });
    expect(sentTo('34600111222').at(-1)?.body).toMatchObject({
      type: 'template',
      template: { name: 'hello_world' },
    });
    graph.failNext(1, {
      status: 400,
      code: 132001,
      message: 'Template name does not exist in the translation',
    });
    const failed = await call(a, 'POST', '/whatsapp/account/test', { to: '+34600111222', template: 'nope' });
    expect(failed.body).toMatchObject({ ok: false, error: { code: 132001 } });
  });
});

describe('webhooks', () => {
  it('refuses a missing or wrong signature and stores nothing', async () => {
    const body = inbound(
      PHONE_A,
      '34611000001',
      { type: 'text', text: { body: 'unsigned hello' } },
      'Nobody',
    );
    expect(await deliver(body, SECRET_A, '')).toBe(401);
    expect(await deliver(body, SECRET_B)).toBe(401); // B's secret cannot sign for A's number
    await new Promise((r) => setTimeout(r, 500));
    const list = await call(a, 'GET', '/conversations?channel=whatsapp&limit=100');
    expect(JSON.stringify(list.body)).not.toContain('Nobody');
  });

  it('answers a client on WhatsApp, once however often Meta redelivers, and tracks delivery', async () => {
    const body = inbound(
      PHONE_A,
      '34611000002',
      { type: 'text', text: { body: 'How much sleep do I need?' } },
      'Ana Pérez',
    );
    expect(await deliver(body)).toBe(200);
    expect(await deliver(body)).toBe(200); // a redelivery
    const conversation = await conversationOf(a, 'Ana Pérez');
    const reply = await eventually(() => {
      const s = sentTo('34611000002');
      expect(s).toHaveLength(1);
      return s[0]!;
    }, 10_000);
    expect(reply.body).toMatchObject({ messaging_product: 'whatsapp', type: 'text' });
    // Graph has the reply; our record of it follows once the send job commits.
    await eventually(async () => {
      const transcript = await call(a, 'GET', `/conversations/${conversation.id}/messages`);
      expect(transcript.body.items.map((m: { role: string }) => m.role)).toEqual(['user', 'assistant']);
      expect(transcript.body.items[1].meta.delivery.status).toBe('sent');
    }, 5000);

    // Meta reports delivered, then read: the inbox sees the ticks move (never back).
    const wamid = await eventually(async () => {
      const rows = (await t.db.readAsTenant(a.creatorId, (tx) =>
        tx.execute(
          "select external_id from channel_messages where direction = 'out' and external_id is not null",
        ),
      )) as unknown as { external_id: string }[];
      expect(rows.length).toBeGreaterThan(0);
      return rows.at(-1)!.external_id;
    });
    await deliver(statusBody(PHONE_A, wamid, 'read'));
    await deliver(statusBody(PHONE_A, wamid, 'delivered'));
    await eventually(async () => {
      const after = await call(a, 'GET', `/conversations/${conversation.id}/messages`);
      expect(after.body.items[1].meta.delivery.status).toBe('read');
    }, 8000);
    // The client reacts to the reply: the emoji lands on it, and the coach does not answer a reaction.
    await deliver(
      inbound(PHONE_A, '34611000002', { type: 'reaction', reaction: { message_id: wamid, emoji: '👍' } }),
    );
    await eventually(async () => {
      const after = await call(a, 'GET', `/conversations/${conversation.id}/messages`);
      expect(after.body.items[1].meta.reaction).toBe('👍');
      expect(after.body.items).toHaveLength(2);
    }, 8000);
  });

  it('stores media the client sends, downloaded through the Graph API', async () => {
    graph.addMedia('media-1', Buffer.from('%PDF-1.4 training plan'), 'application/pdf');
    await deliver(
      inbound(
        PHONE_A,
        '34611000003',
        {
          type: 'document',
          document: { id: 'media-1', mime_type: 'application/pdf', filename: 'plan.pdf', caption: 'My plan' },
        },
        'Berta',
      ),
    );
    const conversation = await conversationOf(a, 'Berta');
    const transcript = await eventually(async () => {
      const res = await call(a, 'GET', `/conversations/${conversation.id}/messages`);
      expect(res.body.items[0]?.meta.attachments).toHaveLength(1);
      return res.body.items;
    }, 8000);
    expect(transcript[0].content).toBe('My plan');
    const file = await t.app.inject({
      method: 'GET',
      url: `/api/v1/conversations/${conversation.id}/attachments/${transcript[0].meta.attachments[0].id}`,
      headers: a.auth,
    });
    expect(file.body).toBe('%PDF-1.4 training plan');
  });

  it('never lets a webhook for one creator’s number touch another creator', async () => {
    await deliver(
      inbound(PHONE_B, '34611000004', { type: 'text', text: { body: 'Hola' } }, 'Carla of B'),
      SECRET_B,
    );
    await conversationOf(b, 'Carla of B');
    const mine = await call(a, 'GET', '/conversations?channel=whatsapp&limit=100');
    expect(JSON.stringify(mine.body)).not.toContain('Carla of B');
  });
});

describe('consent and the 24-hour window', () => {
  it('opts out on STOP or BAJA at once, confirms in the client’s language, and sends nothing more', async () => {
    await deliver(
      inbound(PHONE_A, '34611000005', { type: 'text', text: { body: 'Hola, ¿qué tal?' } }, 'Dani'),
    );
    const conversation = await conversationOf(a, 'Dani');
    await eventually(() => expect(sentTo('34611000005')).toHaveLength(1), 10_000);
    await deliver(inbound(PHONE_A, '34611000005', { type: 'text', text: { body: 'BAJA' } }, 'Dani'));
    await eventually(() => {
      const last = sentTo('34611000005').at(-1)!.body as { text?: { body: string } };
      expect(last.text?.body).toMatch(/No recibirás más mensajes/);
    }, 8000);
    const contacts = await call(a, 'GET', '/whatsapp/contacts?consent=opted_out');
    expect(contacts.body.items.map((c: { phone: string }) => c.phone)).toContain('+34611000005');
    // The creator writes from the inbox: held, not sent.
    const before = sentTo('34611000005').length;
    const msg = await call(a, 'POST', `/conversations/${conversation.id}/creator-messages`, {
      content: 'Are you sure?',
    });
    expect(msg.status).toBe(201);
    await eventually(async () => {
      const items = (await call(a, 'GET', `/conversations/${conversation.id}/messages`)).body.items;
      const mine = items.find((m: { id: string }) => m.id === msg.body.id);
      expect(mine.meta.delivery).toMatchObject({
        status: 'held',
        error: { message: expect.stringMatching(/opted out/) },
      });
    }, 8000);
    expect(sentTo('34611000005')).toHaveLength(before);
    // START opts back in (English confirmation).
    await deliver(inbound(PHONE_A, '34611000005', { type: 'text', text: { body: 'start' } }, 'Dani'));
    await eventually(
      () =>
        expect((sentTo('34611000005').at(-1)!.body as { text: { body: string } }).text.body).toMatch(
          /Welcome back/,
        ),
      8000,
    );
  });

  it('holds a free-form message outside the 24-hour window with a clear reason', async () => {
    await deliver(inbound(PHONE_A, '34611000006', { type: 'text', text: { body: 'Hi coach' } }, 'Eva'));
    const conversation = await conversationOf(a, 'Eva');
    await eventually(() => expect(sentTo('34611000006')).toHaveLength(1), 10_000);
    await t.db.withTenant(a.creatorId, (tx) =>
      tx.execute(
        "update end_users set whatsapp_last_inbound_at = now() - interval '25 hours' where phone_e164 = '+34611000006'",
      ),
    );
    const msg = await call(a, 'POST', `/conversations/${conversation.id}/creator-messages`, {
      content: 'Checking in!',
    });
    await eventually(async () => {
      const items = (await call(a, 'GET', `/conversations/${conversation.id}/messages`)).body.items;
      expect(items.find((m: { id: string }) => m.id === msg.body.id).meta.delivery).toMatchObject({
        status: 'held',
        error: { code: 131047 },
      });
    }, 8000);
    expect(sentTo('34611000006')).toHaveLength(1);
  });

  it('retries when Meta is rate limiting, and the reply still arrives once', async () => {
    graph.failNext(2, { status: 429, code: 130429, message: 'Rate limit hit', retryAfter: 1 });
    await deliver(
      inbound(
        PHONE_A,
        '34611000007',
        { type: 'text', text: { body: 'What should I eat before a run?' } },
        'Fran',
      ),
    );
    await eventually(() => expect(sentTo('34611000007')).toHaveLength(1), 20_000);
  }, 30_000);
});

describe('templates and broadcasts', () => {
  it('syncs templates, submits a new one, and broadcasts an approved one to opted-in contacts only', async () => {
    const synced = await call(a, 'POST', '/whatsapp/templates/sync', {});
    expect(synced.body.items.map((x: { name: string; status: string }) => `${x.name}:${x.status}`)).toContain(
      'checkin_reminder:APPROVED',
    );
    const created = await call(a, 'POST', '/whatsapp/templates', {
      name: 'weekly_tip',
      language: 'es',
      category: 'MARKETING',
      body: 'Hola {{1}}, el consejo de la semana: {{2}}',
      bodyExamples: ['Ana', 'duerme 8 horas'],
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ status: 'PENDING', parameterCount: 2 });
    const pending = await call(a, 'POST', '/whatsapp/broadcasts', {
      name: 'Too early',
      templateName: 'weekly_tip',
      language: 'es',
      parameters: ['{{name}}', 'x'],
    });
    expect(pending.status).toBe(400);

    // Two opted-in contacts with the tag, one without consent.
    const contacts = (await call(a, 'GET', '/whatsapp/contacts?limit=100')).body.items as {
      endUserId: string;
      phone: string;
    }[];
    const ana = contacts.find((c) => c.phone === '+34611000002')!;
    const berta = contacts.find((c) => c.phone === '+34611000003')!;
    for (const c of [ana, berta]) {
      await call(a, 'POST', `/whatsapp/contacts/${c.endUserId}/consent`, {
        status: 'opted_in',
        source: 'signup form',
      });
      await t.app.inject({
        method: 'PATCH',
        url: `/api/v1/end-users/${c.endUserId}`,
        headers: a.auth,
        payload: { tags: ['vip'] },
      });
    }
    const broadcast = await call(a, 'POST', '/whatsapp/broadcasts', {
      name: 'Monday check-in',
      templateName: 'checkin_reminder',
      language: 'es',
      parameters: ['{{name}}'],
      tags: ['vip'],
    });
    expect(broadcast.status).toBe(201);
    expect(broadcast.body.counts.total).toBe(2);
    const report = await eventually(async () => {
      const r = await call(a, 'GET', `/whatsapp/broadcasts/${broadcast.body.id}/recipients`);
      expect(r.body.items.map((x: { status: string }) => x.status)).toEqual(['sent', 'sent']);
      return r.body.items;
    }, 10_000);
    expect(report.map((x: { phone: string }) => x.phone).sort()).toEqual(['+34611000002', '+34611000003']);
    const anaTemplate = sentTo('34611000002').find((s) => s.body.type === 'template')!;
    expect(anaTemplate.body).toMatchObject({
      template: {
        name: 'checkin_reminder',
        components: [{ type: 'body', parameters: [{ type: 'text', text: 'Ana Pérez' }] }],
      },
    });
  });
});

describe('programs on WhatsApp', () => {
  it('sends a program’s steps to a WhatsApp client, choices as reply buttons, and takes the button reply as the answer', async () => {
    await deliver(inbound(PHONE_A, '34611000008', { type: 'text', text: { body: 'Hello!' } }, 'Gala'));
    const conversation = await conversationOf(a, 'Gala');
    await eventually(() => expect(sentTo('34611000008')).toHaveLength(1), 10_000);
    const program = await call(a, 'POST', '/programs', { name: 'Check-in', templateKey: 'weekly-checkin' });
    await call(a, 'POST', `/programs/${program.body.id}/publish`, {});
    const contact = (await call(a, 'GET', '/whatsapp/contacts?limit=100')).body.items.find(
      (c: { phone: string }) => c.phone === '+34611000008',
    );
    const enrolled = await call(a, 'POST', `/programs/${program.body.id}/enrollments`, {
      endUserId: contact.endUserId,
    });
    expect(enrolled.status).toBe(201);
    // The step's messages reach WhatsApp; a question with choices arrives as buttons or a list.
    const interactive = await eventually(() => {
      const found = sentTo('34611000008').find((s) => s.body.type === 'interactive');
      expect(found).toBeDefined();
      return found!.body as {
        interactive: {
          type: string;
          action: {
            buttons?: { reply: { id: string; title: string } }[];
            sections?: { rows: { id: string; title: string }[] }[];
          };
        };
      };
    }, 10_000);
    const choice =
      interactive.interactive.action.buttons?.[0]?.reply ??
      interactive.interactive.action.sections![0]!.rows[0]!;
    const before = (await call(a, 'GET', `/conversations/${conversation.id}/messages?limit=100`)).body.items
      .length;
    await deliver(
      inbound(
        PHONE_A,
        '34611000008',
        {
          type: 'interactive',
          interactive:
            interactive.interactive.type === 'button'
              ? { type: 'button_reply', button_reply: { id: choice.id, title: choice.title } }
              : { type: 'list_reply', list_reply: { id: choice.id, title: choice.title } },
        },
        'Gala',
      ),
    );
    // The answer moved the program on: a new step message follows the client's choice.
    await eventually(async () => {
      const items = (await call(a, 'GET', `/conversations/${conversation.id}/messages?limit=100`)).body
        .items as {
        role: string;
        content: string;
        meta: { program?: unknown };
      }[];
      expect(items.length).toBeGreaterThan(before + 1);
      const answer = items.findIndex((m, i) => i >= before && m.role === 'user');
      expect(items[answer]!.content).toBe(choice.title);
      expect(items.slice(answer + 1).some((m) => m.meta.program)).toBe(true);
    }, 10_000);
  });
});
