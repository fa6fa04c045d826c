import type { AnalyticsOverview } from '@companero/contracts';
import { describe, expect, it } from 'vitest';
import {
  cohortWeeks,
  currentBucket,
  funnelRows,
  hasActivity,
  pastSeries,
  retentionShade,
  summarize,
} from './overview-data.ts';

const EMPTY: AnalyticsOverview = {
  period: {
    from: '2025-03-01',
    to: '2025-03-07',
    previousFrom: '2025-02-22',
    previousTo: '2025-02-28',
    timeZone: 'UTC',
    granularity: 'day',
  },
  kpis: [
    { key: 'activeUsers', value: 0, previous: 0, delta: null },
    { key: 'satisfaction', value: null, previous: null, delta: null },
  ],
  activeUsers: { dau: 0, wau: 0, mau: 0 },
  series: [],
  channels: [],
  handoffReasons: [],
  programs: [],
  cohorts: [],
  topDocuments: [],
  unansweredQuestions: [],
  currency: null,
  rolledUpAt: null,
};

describe('summarize', () => {
  it('totals a series and finds its peak, skipping missing values', () => {
    expect(summarize(['a', 'b', 'c'], [2, null, 5])).toEqual({
      total: 7,
      count: 2,
      max: { value: 5, label: 'c' },
    });
    expect(summarize(['a'], [null])).toEqual({ total: 0, count: 0, max: undefined });
  });
});

describe('hasActivity', () => {
  it('is false for a creator with nothing recorded', () => {
    expect(hasActivity(EMPTY)).toBe(false);
  });

  it('is true with activity now or in the previous period', () => {
    expect(
      hasActivity({ ...EMPTY, kpis: [{ key: 'activeUsers', value: 0, previous: 3, delta: null }] }),
    ).toBe(true);
    expect(hasActivity({ ...EMPTY, channels: [{ channel: 'web', messages: 1 }] })).toBe(true);
  });
});

describe('funnelRows', () => {
  it('lists enrolled, each step and finished, scaled to the widest', () => {
    const rows = funnelRows({
      programId: '5f0b7a4e-8f5c-4d59-9b1e-6a2d0c3b4e51',
      name: 'Sleep better',
      enrolled: 10,
      finished: 4,
      dropped: 2,
      completionRate: 0.4,
      steps: [
        { nodeId: 'a', label: 'Welcome', completed: 8, dropOff: 0.2 },
        { nodeId: 'b', label: 'Check-in', completed: 5, dropOff: 0.375 },
      ],
    });
    expect(rows.map((r) => [r.kind, r.count, r.width, r.dropOff])).toEqual([
      ['enrolled', 10, 1, null],
      ['step', 8, 0.8, 0.2],
      ['step', 5, 0.5, 0.375],
      ['finished', 4, 0.4, 0.2],
    ]);
  });

  it('never divides by zero', () => {
    const rows = funnelRows({
      programId: '5f0b7a4e-8f5c-4d59-9b1e-6a2d0c3b4e51',
      name: 'Empty',
      enrolled: 0,
      finished: 0,
      dropped: 0,
      completionRate: null,
      steps: [],
    });
    expect(rows.map((r) => [r.width, r.dropOff])).toEqual([
      [0, null],
      [0, null],
    ]);
  });
});

describe('retention', () => {
  it('shades shares from none to full, brightening small ones', () => {
    expect(retentionShade(undefined)).toBe(0);
    expect(retentionShade(0)).toBe(0);
    expect(retentionShade(0.25)).toBe(0.5);
    expect(retentionShade(1)).toBe(1);
  });

  it('counts the weeks of the longest cohort', () => {
    expect(cohortWeeks([])).toBe(0);
    expect(
      cohortWeeks([
        { week: '2025-03-03', size: 4, retention: [1, 0.5, 0.25] },
        { week: '2025-03-10', size: 2, retention: [1, 0.5] },
      ]),
    ).toBe(3);
  });
});

describe('pastSeries', () => {
  const point = (at: string) => ({
    at,
    activeUsers: 0,
    messagesReceived: 0,
    messagesSent: 0,
    conversations: 0,
    aiAnswers: 0,
    latencyP95Ms: null,
    handoffs: 0,
    feedbackUp: 0,
    feedbackDown: 0,
    sentimentNegative: 0,
    sentimentNeutral: 0,
    sentimentPositive: 0,
    revenueCents: 0,
  });
  const now = Date.parse('2025-03-07T13:30:00Z'); // 14:30 in Madrid

  it('knows the current hour and day in the creator’s zone', () => {
    expect(currentBucket('hour', 'Europe/Madrid', now)).toBe('2025-03-07T14:00');
    expect(currentBucket('day', 'America/Los_Angeles', Date.parse('2025-03-07T03:00:00Z'))).toBe(
      '2025-03-06',
    );
    expect(currentBucket('hour', 'UTC', Date.parse('2025-03-07T00:10:00Z'))).toBe('2025-03-07T00:00');
  });

  it('drops today’s hours still to come', () => {
    const hours = ['2025-03-07T13:00', '2025-03-07T14:00', '2025-03-07T15:00'].map(point);
    const overview = {
      ...EMPTY,
      period: { ...EMPTY.period, granularity: 'hour' as const, timeZone: 'Europe/Madrid' },
      series: hours,
    };
    expect(pastSeries(overview, now).map((p) => p.at)).toEqual(['2025-03-07T13:00', '2025-03-07T14:00']);
  });

  it('keeps every day of a period in the past', () => {
    const days = ['2025-03-05', '2025-03-06', '2025-03-07'].map(point);
    expect(pastSeries({ ...EMPTY, series: days }, now)).toHaveLength(3);
  });
});
