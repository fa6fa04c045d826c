import { randomUUID } from 'node:crypto';
import type { AnalyticsOverview } from '@companero/contracts';
import ExcelJS from 'exceljs';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Cache } from '../../platform/cache/index.ts';
import { createTestApp, type TestApp } from '../../testing/create-test-app.ts';
import { signUpAndLogIn } from '../../testing/http.ts';
import { createAnalytics } from './analytics.service.ts';
import { createAnalyticsOverview } from './analytics-overview.ts';
import { localDate } from './analytics-period.ts';
import { createAnalyticsRollup, latencyOfBucket } from './analytics-rollup.ts';

// Roll-ups and the overview: on a generated data set the roll-ups agree with
// the raw events (and with figures counted here in plain code), across a DST
// change in the creator's zone; re-running a window changes nothing; late
// events are folded in; a zone change recomputes the days; one creator never
// sees another's events, in the overview or in its exports.

const NOW = new Date('2026-11-05T15:20:00Z');
const TZ = 'Europe/Madrid'; // DST ended 2026-10-25 at 03:00 local
const silent = pino({ level: 'silent' });

let t: TestApp;
let a: Awaited<ReturnType<typeof signUpAndLogIn>>;
let b: Awaited<ReturnType<typeof signUpAndLogIn>>;

interface Gen {
  type: string;
  at: Date;
  user: string;
  data: Record<string, unknown>;
}
const generated: Gen[] = [];

/** Deterministic pseudo-random numbers (mulberry32). */
function rng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let r = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    r = (r + Math.imul(r ^ (r >>> 7), 61 | r)) ^ r;
    return ((r ^ (r >>> 14)) >>> 0) / 4294967296;
  };
}

const call = async (who: typeof a, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) =>
  t.app.inject({ method, url: `/api/v1${url}`, headers: who.auth, ...(payload ? { payload } : {}) });

let analytics: ReturnType<typeof createAnalytics>;
let rollup: ReturnType<typeof createAnalyticsRollup>;
let overview: ReturnType<typeof createAnalyticsOverview>;

beforeAll(async () => {
  t = await createTestApp();
  a = await signUpAndLogIn(t.app, t.mailer);
  b = await signUpAndLogIn(t.app, t.mailer);
  expect((await call(a, 'PATCH', '/assistant/settings', { defaultTimezone: TZ })).statusCode).toBe(200);
  analytics = createAnalytics({ db: t.db, cache: t.cache, logger: silent, now: () => NOW });
  rollup = createAnalyticsRollup({ db: t.db, logger: silent });
  overview = createAnalyticsOverview({ db: t.db, cache: t.cache, rollup, logger: silent, now: () => NOW });

  // 40 days of activity for 12 clients, denser around the DST change.
  const rand = rng(7);
  const users = Array.from({ length: 12 }, () => randomUUID());
  const conversations = new Map(users.map((u) => [u, randomUUID()]));
  const programId = randomUUID();
  const docId = randomUUID();
  for (let i = 0; i < 900; i++) {
    const at = new Date(NOW.getTime() - rand() * 40 * 86_400_000);
    const user = users[Math.floor(rand() ** 1.5 * users.length)]!;
    const conversationId = conversations.get(user)!;
    const roll = rand();
    const channel = rand() < 0.6 ? 'web' : 'whatsapp';
    const ev: Gen =
      roll < 0.45
        ? { type: 'message_received', at, user, data: { conversationId, channel, sentiment: 'neutral' } }
        : roll < 0.7
          ? {
              type: 'ai_answer',
              at,
              user,
              data: {
                conversationId,
                latencyMs: Math.round(200 + rand() * 3000),
                firstTokenMs: null,
                inputTokens: 100,
                outputTokens: 50,
                groundedness: 0.8,
                noAnswer: rand() < 0.1,
                model: 'offline',
              },
            }
          : roll < 0.8
            ? {
                type: 'feedback',
                at,
                user,
                data: { messageId: randomUUID(), rating: rand() < 0.7 ? 'up' : 'down' },
              }
            : roll < 0.85
              ? { type: 'conversation_started', at, user, data: { conversationId, channel } }
              : roll < 0.9
                ? {
                    type: 'document_cited',
                    at,
                    user,
                    data: { documentId: docId, chunkId: null, conversationId },
                  }
                : roll < 0.95
                  ? { type: 'program_enrolled', at, user, data: { programId, enrollmentId: randomUUID() } }
                  : {
                      type: 'program_step_completed',
                      at,
                      user,
                      data: { programId, enrollmentId: randomUUID(), nodeId: 'welcome' },
                    };
    generated.push(ev);
  }
  // Both sides of the DST change: 00:30 CEST and 23:30 CET on 25 October are the same local day.
  const dst = randomUUID();
  for (const iso of ['2026-10-24T22:30:00Z', '2026-10-25T22:30:00Z', '2026-10-25T23:30:00Z'])
    generated.push({
      type: 'message_received',
      at: new Date(iso),
      user: dst,
      data: { conversationId: randomUUID(), channel: 'mobile', sentiment: 'positive' },
    });
  for (const e of generated)
    analytics.track(a.creatorId, e.type as 'habit_logged', e.data as never, { endUserId: e.user, at: e.at });
  // The other creator: a few events of its own.
  for (let i = 0; i < 5; i++)
    analytics.track(
      b.creatorId,
      'message_received',
      { conversationId: randomUUID(), channel: 'playground' },
      { endUserId: randomUUID(), at: new Date(Date.now() - i * 3_600_000) },
    );
  await analytics.drain();
});
afterAll(() => t.close());

const local = (d: Date) => localDate(d, TZ);
const inPeriod = (o: AnalyticsOverview, e: Gen) => local(e.at) >= o.period.from && local(e.at) <= o.period.to;
const ACTIVE = new Set(['conversation_started', 'message_received', 'feedback', 'program_step_completed']);

describe('roll-ups', () => {
  it('agree with the raw events and with counts made here, over a DST change', async () => {
    const q = { period: 'custom' as const, from: '2026-10-10', to: '2026-11-05' };
    const fromRollups = await overview.overview(a.creatorId, q);
    const fromEvents = await overview.overviewFromEvents(a.creatorId, q);
    expect({ ...fromRollups, rolledUpAt: null }).toEqual(fromEvents);
    expect(fromRollups.rolledUpAt).not.toBeNull();
    expect(fromRollups.period).toMatchObject({
      timeZone: TZ,
      previousFrom: '2026-09-13',
      previousTo: '2026-10-09',
    });

    const kpi = (k: string) => fromRollups.kpis.find((x) => x.key === k)!;
    const mine = generated.filter((e) => inPeriod(fromRollups, e));
    const prev = generated.filter((e) => local(e.at) >= '2026-09-13' && local(e.at) <= '2026-10-09');
    const count = (list: Gen[], type: string) => list.filter((e) => e.type === type).length;
    expect(kpi('messagesReceived')).toMatchObject({
      value: count(mine, 'message_received'),
      previous: count(prev, 'message_received'),
    });
    const activeUsers = new Set(mine.filter((e) => ACTIVE.has(e.type)).map((e) => e.user)).size;
    expect(kpi('activeUsers').value).toBe(activeUsers);
    const ups = mine.filter((e) => e.type === 'feedback' && e.data.rating === 'up').length;
    expect(kpi('satisfaction').value).toBeCloseTo(ups / count(mine, 'feedback'), 5);

    // Per local day, including the 25-hour day of the DST change.
    const byDay = new Map<string, number>();
    for (const e of mine.filter((x) => x.type === 'message_received'))
      byDay.set(local(e.at), (byDay.get(local(e.at)) ?? 0) + 1);
    for (const point of fromRollups.series) expect(point.messagesReceived).toBe(byDay.get(point.at) ?? 0);
    expect(fromRollups.series).toHaveLength(27);
    const oct25 = fromRollups.series.find((s) => s.at === '2026-10-25')!;
    expect(oct25.sentimentPositive).toBe(2); // 00:30 CEST and 23:30 CET; 00:30 CET on the 26th is the next day

    // p95 latency: the histogram's answer is within one bucket (10%) of the exact one.
    const latencies = mine
      .filter((e) => e.type === 'ai_answer')
      .map((e) => e.data.latencyMs as number)
      .sort((x, y) => x - y);
    const exact = latencies[Math.ceil(0.95 * latencies.length) - 1]!;
    expect(Math.abs(kpi('latencyP95Ms').value! - exact) / exact).toBeLessThan(0.1);
    expect(latencyOfBucket(0)).toBe(1);

    expect(fromRollups.channels.map((c) => c.channel).sort()).toEqual(['mobile', 'web', 'whatsapp']);
    expect(fromRollups.topDocuments[0]!.citations).toBe(count(mine, 'document_cited'));
    const positive = mine.filter(
      (c) =>
        c.type === 'document_cited' &&
        generated.some(
          (l) =>
            l.user === c.user &&
            l.at > c.at &&
            l.at.getTime() <= c.at.getTime() + 86_400_000 &&
            (l.type === 'program_step_completed' || (l.type === 'feedback' && l.data.rating === 'up')),
        ),
    ).length;
    expect(positive).toBeGreaterThan(0);
    expect(fromRollups.topDocuments[0]!.followedByPositive).toBe(positive);
  });

  it('gives the same rows when a window is rolled up again', async () => {
    const snapshot = () =>
      t.db.readAsTenant(a.creatorId, (tx) =>
        tx.execute(
          'select day::text, metric, dim, n, total from analytics_daily order by day, metric, dim' as never,
        ),
      );
    await overview.overview(a.creatorId, { period: '30d' });
    const before = await snapshot();
    const res = await call(a, 'POST', '/analytics/rollups', {
      from: '2026-09-01T00:00:00Z',
      to: '2026-11-06T00:00:00Z',
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().hours).toBeGreaterThan(100);
    expect(await snapshot()).toEqual(before);
  });

  it('folds in a late event, and recomputes the days when the creator changes time zone', async () => {
    const q = { period: 'custom' as const, from: '2026-10-01', to: '2026-10-31' };
    const first = await overview.overview(a.creatorId, q);
    const received = first.kpis.find((k) => k.key === 'messagesReceived')!.value!;
    analytics.track(
      a.creatorId,
      'message_received',
      { conversationId: randomUUID(), channel: 'web' },
      { endUserId: randomUUID(), at: new Date('2026-10-03T12:00:00Z') },
    );
    await analytics.drain();
    const after = await overview.overview(a.creatorId, q);
    expect(after.kpis.find((k) => k.key === 'messagesReceived')!.value).toBe(received + 1);
    expect(after.rolledUpAt).not.toBe(first.rolledUpAt);

    // 22:30 UTC on 24 October is the 25th in Madrid, the 24th in New York.
    expect(
      (await call(a, 'PATCH', '/assistant/settings', { defaultTimezone: 'America/New_York' })).statusCode,
    ).toBe(200);
    const ny = await overview.overview(a.creatorId, {
      period: 'custom',
      from: '2026-10-24',
      to: '2026-10-25',
    });
    expect(ny.period.timeZone).toBe('America/New_York');
    expect(ny.series.find((s) => s.at === '2026-10-24')!.sentimentPositive).toBe(1);
    expect(ny).toEqual({
      ...(await overview.overviewFromEvents(a.creatorId, {
        period: 'custom',
        from: '2026-10-24',
        to: '2026-10-25',
      })),
      rolledUpAt: ny.rolledUpAt,
    });
    await call(a, 'PATCH', '/assistant/settings', { defaultTimezone: TZ });
  });
});

describe('the overview API and exports', () => {
  it('keeps each creator to its own events, in the overview and in every export', async () => {
    const res = await call(b, 'GET', '/analytics/overview?period=7d');
    expect(res.statusCode).toBe(200);
    const o = res.json() as AnalyticsOverview;
    const received = o.kpis.find((k) => k.key === 'messagesReceived')!.value;
    expect(received).toBe(5);
    expect(o.channels).toEqual([{ channel: 'playground', messages: 5 }]);
    expect(o.topDocuments).toEqual([]);

    const csv = await call(b, 'GET', '/analytics/export?format=csv&section=channels&period=7d');
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.headers['content-disposition']).toMatch(/attachment; filename="analytics-.*-channels\.csv"/);
    expect(csv.body.replace('\uFEFF', '').trim().split('\r\n')).toEqual([
      'channel,messages received',
      'playground,5',
    ]);

    const xlsx = await call(a, 'GET', '/analytics/export?format=xlsx&period=30d');
    expect(xlsx.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    expect(book.worksheets.map((s) => s.name)).toEqual([
      'KPIs',
      'By day',
      'Channels',
      'Programs',
      'Weekly retention',
      'Most cited documents',
      'Unanswered questions',
    ]);
    expect(book.getWorksheet('Channels')!.getColumn(1).values).not.toContain('playground');

    const pdf = await call(a, 'GET', '/analytics/export?format=pdf&period=30d');
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.rawPayload.length).toBeGreaterThan(3000);
  });

  it('refuses a bad period with a problem document', async () => {
    for (const qs of [
      'period=custom&from=2026-10-10',
      'period=custom&from=2026-10-10&to=2026-10-01',
      'period=1y',
    ]) {
      const res = await call(a, 'GET', `/analytics/overview?${qs}`);
      expect(res.statusCode).toBe(400);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    }
    const csv = await call(a, 'GET', '/analytics/export?format=doc');
    expect(csv.statusCode).toBe(400);
  });

  it('still answers when the cache is down', async () => {
    const broken: Cache = {
      ...t.cache,
      get: () => Promise.reject(new Error('cache down')),
      set: () => Promise.reject(new Error('cache down')),
    };
    const o = createAnalyticsOverview({ db: t.db, cache: broken, rollup, logger: silent });
    const res = await o.overview(b.creatorId, { period: '7d' });
    expect(res.kpis.find((k) => k.key === 'messagesReceived')!.value).toBe(5);
  });
});
