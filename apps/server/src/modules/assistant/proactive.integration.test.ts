import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/create-test-app.ts';
import { signUpAndLogIn } from '../../testing/http.ts';
import { createAssistantRepository } from './assistant.repository.ts';
import { createProactiveRepository } from './proactive.repository.ts';
import { createProactiveService, inQuietHours, localTime, personalise } from './proactive.service.ts';

// Proactive check-ins with a controllable clock: the service is called with
// the time it should believe it is, as the worker does with the real one.

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

let t: TestApp;
let proactive: ReturnType<typeof createProactiveService>;

beforeAll(async () => {
  t = await createTestApp();
  proactive = createProactiveService({
    db: t.db,
    repo: createProactiveRepository(),
    assistant: createAssistantRepository(),
    pubsub: t.pubsub,
    logger: pino({ level: 'silent' }),
  });
});
afterAll(() => t?.close());

async function creator() {
  const c = await signUpAndLogIn(t.app, t.mailer);
  const api = (method: 'GET' | 'POST' | 'PATCH', url: string, payload?: unknown) =>
    t.app.inject({ method, url: `/api/v1${url}`, headers: c.auth, payload: payload as object });
  async function client(opts: { optIn?: boolean; tags?: string[]; timezone?: string; name?: string } = {}) {
    const user = await api('POST', '/end-users', {
      widgetVisitorId: `v-${Math.random().toString(36).slice(2)}`,
      displayName: opts.name ?? 'Ana',
      proactiveOptIn: opts.optIn ?? true,
      tags: opts.tags ?? [],
      ...(opts.timezone ? { timezone: opts.timezone } : {}),
    });
    expect(user.statusCode, user.body).toBe(201);
    const conv = await api('POST', '/conversations', { endUserId: user.json().id, channel: 'web' });
    const conversationId = conv.json().id as string;
    const post = async (content: string) =>
      (await api('POST', `/conversations/${conversationId}/messages`, { content })).json();
    await post('hello');
    const transcript = async () =>
      (await api('GET', `/conversations/${conversationId}/messages?limit=100`)).json().items as {
        role: string;
        content: string;
        meta: Record<string, unknown>;
      }[];
    const proactiveMessages = async () =>
      (await transcript()).filter((m) => m.role === 'assistant' && m.meta.model === 'proactive');
    return { endUserId: user.json().id as string, conversationId, post, proactiveMessages };
  }
  return { ...c, api, client };
}

/** The first whole hour after `from` at which it is `hour`:00 in `timeZone`. */
function atLocalHour(from: number, timeZone: string, hour: number, weekday?: number): Date {
  let at = Math.ceil(from / HOUR) * HOUR;
  for (let i = 0; i < 24 * 8; i++, at += HOUR) {
    const local = localTime(new Date(at), timeZone);
    if (local.minutes === hour * 60 && (weekday === undefined || local.weekday === weekday))
      return new Date(at);
  }
  throw new Error('no such hour');
}

describe('proactive rules', () => {
  it('nudges opted-in end users after N days of silence, once per silence', async () => {
    const c = await creator();
    const optedIn = await c.client({ name: 'Ana' });
    const notOptedIn = await c.client({ optIn: false });
    const rule = await c.api('POST', '/assistant/proactive-rules', {
      name: 'Three quiet days',
      trigger: { kind: 'inactivity', days: 3 },
      message: 'Hi {{name}}! How is your week going?',
    });
    expect(rule.statusCode, rule.body).toBe(201);
    expect(rule.json().cooldownDays).toBe(7);

    expect(await proactive.evaluateCreator(c.creatorId, new Date(Date.now() + 1 * DAY))).toBe(0);
    expect(await proactive.evaluateCreator(c.creatorId, atLocalHour(Date.now() + 4 * DAY, 'UTC', 12))).toBe(
      1,
    );
    const sent = await optedIn.proactiveMessages();
    expect(sent.map((m) => m.content)).toEqual(['Hi Ana! How is your week going?']);
    expect(await notOptedIn.proactiveMessages()).toEqual([]);
    // A later run in the same silence sends nothing more.
    expect(await proactive.evaluateCreator(c.creatorId, new Date(Date.now() + 5 * DAY))).toBe(0);
    const rules = (await c.api('GET', '/assistant/proactive-rules')).json().items;
    expect(rules[0].sentCount).toBe(1);
  });

  it('waits for the end of quiet hours in the end user’s own time zone', async () => {
    const c = await creator();
    await c.api('PATCH', '/assistant/settings', { quietHoursStart: '21:00', quietHoursEnd: '08:00' });
    const ny = await c.client({ timezone: 'America/New_York' });
    await c.api('POST', '/assistant/proactive-rules', {
      name: 'Silence',
      trigger: { kind: 'inactivity', days: 2 },
      message: 'Checking in!',
    });
    const lateEvening = atLocalHour(Date.now() + 3 * DAY, 'America/New_York', 23);
    expect(await proactive.evaluateCreator(c.creatorId, lateEvening)).toBe(0);
    const nextMorning = atLocalHour(lateEvening.getTime(), 'America/New_York', 9);
    expect(await proactive.evaluateCreator(c.creatorId, nextMorning)).toBe(1);
    expect((await ny.proactiveMessages()).map((m) => m.content)).toEqual(['Checking in!']);
  });

  it('sends a weekly schedule on the chosen weekday at the local time, once that day', async () => {
    const c = await creator();
    const madrid = await c.client({ timezone: 'Europe/Madrid' });
    await c.api('POST', '/assistant/proactive-rules', {
      name: 'Monday plan',
      trigger: { kind: 'schedule', weekdays: [1], time: '09:00' },
      message: 'New week, {{name}}: what is your one goal?',
    });
    const monday9 = atLocalHour(Date.now(), 'Europe/Madrid', 9, 1);
    expect(await proactive.evaluateCreator(c.creatorId, new Date(monday9.getTime() - HOUR))).toBe(0);
    expect(await proactive.evaluateCreator(c.creatorId, new Date(monday9.getTime() + 30 * 60_000))).toBe(1);
    expect(await proactive.evaluateCreator(c.creatorId, new Date(monday9.getTime() + 60 * 60_000))).toBe(0);
    expect(await proactive.evaluateCreator(c.creatorId, new Date(monday9.getTime() + DAY))).toBe(0);
    expect((await madrid.proactiveMessages()).map((m) => m.content)).toEqual([
      'New week, Ana: what is your one goal?',
    ]);
  });

  it('reaches out after a negative message, respects the weekly cap and audience tags', async () => {
    const c = await creator();
    await c.api('PATCH', '/assistant/settings', { maxProactivePerWeek: 1 });
    const vip = await c.client({ tags: ['vip'] });
    const other = await c.client();
    for (const name of ['Low mood A', 'Low mood B'])
      await c.api('POST', '/assistant/proactive-rules', {
        name,
        trigger: { kind: 'sentiment_drop', threshold: -0.3, withinHours: 24 },
        message: 'That sounded hard. Want to talk about it?',
        audienceTag: 'vip',
      });
    await vip.post('I feel terrible and exhausted, nothing is working');
    await other.post('I feel terrible and exhausted, nothing is working');
    const soon = new Date(Date.now() + HOUR);
    // Two rules match, the cap allows one message a week.
    expect(await proactive.evaluateCreator(c.creatorId, soon)).toBe(1);
    expect(await vip.proactiveMessages()).toHaveLength(1);
    expect(await other.proactiveMessages()).toEqual([]);
  });

  it('never writes into a conversation a human has taken over', async () => {
    const c = await creator();
    const client = await c.client();
    await client.post('I want to end my life'); // crisis: handed to the creator
    await c.api('POST', '/assistant/proactive-rules', {
      name: 'Silence',
      trigger: { kind: 'inactivity', days: 1 },
      message: 'Checking in!',
    });
    expect(await proactive.evaluateCreator(c.creatorId, new Date(Date.now() + 2 * DAY))).toBe(0);
  });

  it('evaluates every creator with rules, and no one else’s end users', async () => {
    const c1 = await creator();
    const c2 = await creator();
    const u1 = await c1.client();
    const u2 = await c2.client();
    await c1.api('POST', '/assistant/proactive-rules', {
      name: 'x',
      trigger: { kind: 'inactivity', days: 1 },
      message: 'From creator one',
    });
    const result = await proactive.evaluateAll(atLocalHour(Date.now() + 2 * DAY, 'UTC', 12));
    expect(result.sent).toBeGreaterThanOrEqual(1);
    expect((await u1.proactiveMessages()).map((m) => m.content)).toEqual(['From creator one']);
    expect(await u2.proactiveMessages()).toEqual([]);
  });

  it('rejects a rule with a bad trigger, naming the field', async () => {
    const c = await creator();
    const res = await c.api('POST', '/assistant/proactive-rules', {
      name: 'bad',
      trigger: { kind: 'schedule', weekdays: [9], time: '25:00' },
      message: 'x',
    });
    expect(res.statusCode).toBe(400);
    expect(JSON.stringify(res.json().errors)).toContain('trigger');
  });
});

describe('helpers', () => {
  it('quiet hours wrap midnight', () => {
    expect(inQuietHours(23 * 60, '21:00', '08:00')).toBe(true);
    expect(inQuietHours(7 * 60, '21:00', '08:00')).toBe(true);
    expect(inQuietHours(12 * 60, '21:00', '08:00')).toBe(false);
    expect(inQuietHours(13 * 60, '12:00', '14:00')).toBe(true);
    expect(inQuietHours(13 * 60, null, null)).toBe(false);
  });

  it('fills the name or drops it gracefully', () => {
    expect(personalise('Hi {{name}}!', 'Ana')).toBe('Hi Ana!');
    expect(personalise('Hi {{ name }}!', null)).toBe('Hi!');
    expect(personalise('{{name}}, ready?', null)).toBe('Ready?');
    expect(personalise('{{name}}, ready?', 'Leo')).toBe('Leo, ready?');
  });
});
