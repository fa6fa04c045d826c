import { randomUUID } from 'node:crypto';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Cache } from '../../platform/cache/index.ts';
import { createTestApp, type TestApp } from '../../testing/create-test-app.ts';
import { eventually, signUpAndLogIn } from '../../testing/http.ts';
import { createAnalytics } from './analytics.service.ts';

// Recording analytics events: batches from apps validated event by event,
// live counters per creator, events from the conversation engine, and the
// database standing in for counters when the cache is down.

let t: TestApp;
let a: Awaited<ReturnType<typeof signUpAndLogIn>>;
let b: Awaited<ReturnType<typeof signUpAndLogIn>>;
beforeAll(async () => {
  t = await createTestApp();
  a = await signUpAndLogIn(t.app, t.mailer);
  b = await signUpAndLogIn(t.app, t.mailer);
});
afterAll(() => t.close());

const call = async (who: typeof a, method: 'GET' | 'POST', url: string, payload?: object) => {
  const res = await t.app.inject({
    method,
    url: `/api/v1${url}`,
    headers: who.auth,
    ...(payload ? { payload } : {}),
  });
  return { status: res.statusCode, body: res.json() };
};
const stored = (creatorId: string, type: string) =>
  t.db.readAsTenant(creatorId, async (tx) => {
    const rows = (await tx.execute(
      `select count(*)::int as n from analytics_events where type = '${type}'`,
    )) as unknown as { n: number }[];
    return rows[0]!.n;
  });

describe('ingest', () => {
  it('keeps the good events of a batch, says which ones were refused and why, and counts them live', async () => {
    const conversationId = randomUUID();
    const res = await call(a, 'POST', '/analytics/events', {
      events: [
        { type: 'habit_logged', data: { habit: 'water' } },
        { type: 'habit_logged', data: { habit: '' } },
        { type: 'page_viewed', data: {} },
        {
          type: 'subscription_started',
          data: { subscriptionId: 's1', plan: 'pro', amountCents: 2900, currency: 'eur' },
        },
        {
          type: 'message_received',
          at: new Date().toISOString(),
          data: { conversationId, channel: 'mobile' },
        },
      ],
    });
    expect(res.status).toBe(202);
    expect(res.body.accepted).toBe(2);
    expect(res.body.rejected.map((r: { index: number; path: string }) => [r.index, r.path])).toEqual([
      [1, 'data.habit'],
      [2, 'type'],
      [3, 'data.currency'],
    ]);
    expect(await stored(a.creatorId, 'habit_logged')).toBe(1);
    const live = await call(a, 'GET', '/analytics/live');
    expect(live.body).toMatchObject({ source: 'cache', day: { habit_logged: 1, message_received: 1 } });
    // Another creator's counters and rows are untouched.
    expect((await call(b, 'GET', '/analytics/live')).body.day).toEqual({});
    expect(await stored(b.creatorId, 'habit_logged')).toBe(0);
    const empty = await call(a, 'POST', '/analytics/events', { events: [] });
    expect(empty.status).toBe(400);
  });
});

describe('server events', () => {
  it('records what the coach does: the client’s message and the AI’s answer with its latency', async () => {
    const user = await call(b, 'POST', '/end-users', {
      widgetVisitorId: 'visitor-analytics-1',
      displayName: 'Ana',
    });
    const conversation = await call(b, 'POST', '/conversations', { endUserId: user.body.id, channel: 'web' });
    await call(b, 'POST', `/conversations/${conversation.body.id}/messages`, {
      content: 'How much water per day?',
    });
    await eventually(async () => {
      expect(await stored(b.creatorId, 'message_received')).toBe(1);
      expect(await stored(b.creatorId, 'ai_answer')).toBe(1);
    }, 5000);
    const rows = (await t.db.readAsTenant(b.creatorId, (tx) =>
      tx.execute("select end_user_id, data from analytics_events where type = 'ai_answer'"),
    )) as unknown as { end_user_id: string; data: { latencyMs: number; noAnswer: boolean } }[];
    expect(rows[0]!.end_user_id).toBe(user.body.id);
    expect(rows[0]!.data.latencyMs).toBeGreaterThan(0);
    expect((await call(b, 'GET', '/analytics/live')).body.day).toMatchObject({
      message_received: 1,
      ai_answer: 1,
    });
  });
});

describe('cache down', () => {
  it('never fails a request, and live counts come from the database', async () => {
    const broken: Cache = {
      get: () => Promise.reject(new Error('redis down')),
      set: () => Promise.reject(new Error('redis down')),
      del: () => Promise.reject(new Error('redis down')),
      incr: () => Promise.reject(new Error('redis down')),
      ping: () => Promise.reject(new Error('redis down')),
      close: async () => {},
    };
    const analytics = createAnalytics({ db: t.db, cache: broken, logger: pino({ level: 'silent' }) });
    analytics.track(a.creatorId, 'widget_opened', { visitorId: null });
    analytics.track(a.creatorId, 'widget_opened', { visitorId: 'v1' });
    await analytics.ingest(a.creatorId, [{ type: 'widget_loaded', data: { visitorId: null } }]);
    const live = await analytics.live(a.creatorId);
    expect(live).toMatchObject({
      source: 'database',
      day: { widget_opened: 2, widget_loaded: 1 },
      hour: { widget_opened: 2 },
    });
  });
});
