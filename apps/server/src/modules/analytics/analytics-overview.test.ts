import { describe, expect, it } from 'vitest';
import { histogramQuantile, stepsInFlowOrder } from './analytics-overview.ts';
import { resolvePeriod, zonedMidnight } from './analytics-period.ts';

describe('periods', () => {
  it('are whole local days ending today in the creator’s zone, compared with as many days before', () => {
    // 23:30 UTC on 24 November is already the 25th in Madrid.
    const now = new Date('2026-11-24T23:30:00Z');
    expect(resolvePeriod({ period: '7d' }, 'Europe/Madrid', now)).toEqual({
      from: '2026-11-19',
      to: '2026-11-25',
      previousFrom: '2026-11-12',
      previousTo: '2026-11-18',
      timeZone: 'Europe/Madrid',
      granularity: 'day',
    });
    expect(resolvePeriod({ period: 'today' }, 'America/New_York', now)).toMatchObject({
      from: '2026-11-24',
      to: '2026-11-24',
      previousFrom: '2026-11-23',
      granularity: 'hour',
    });
  });

  it('start at local midnight, on both sides of a DST change', () => {
    expect(zonedMidnight('2026-10-25', 'Europe/Madrid').toISOString()).toBe('2026-10-24T22:00:00.000Z');
    expect(zonedMidnight('2026-10-26', 'Europe/Madrid').toISOString()).toBe('2026-10-25T23:00:00.000Z');
    expect(zonedMidnight('2026-03-29', 'Europe/Madrid').toISOString()).toBe('2026-03-28T23:00:00.000Z');
    expect(zonedMidnight('2026-11-25', 'Asia/Kolkata').toISOString()).toBe('2026-11-24T18:30:00.000Z');
  });
});

describe('funnel steps', () => {
  it('follow the program from its start, questions and AI steps only, unreachable ones left out', () => {
    const nodes = [
      { id: 'q2', type: 'question', label: 'Goal' },
      { id: 'start', type: 'start', label: 'Start' },
      { id: 'm1', type: 'message', label: 'Hi' },
      { id: 'q1', type: 'question', label: 'Name' },
      { id: 'ai', type: 'ai', label: 'Coach' },
      { id: 'orphan', type: 'question', label: 'Never reached' },
    ];
    const edges = [
      { source: 'start', target: 'm1' },
      { source: 'm1', target: 'q1' },
      { source: 'q1', target: 'q2' },
      { source: 'q2', target: 'ai' },
      { source: 'ai', target: 'q1' },
    ];
    expect(stepsInFlowOrder(nodes, edges)).toEqual(['q1', 'q2', 'ai']);
  });
});

describe('latency quantiles', () => {
  it('come from the histogram, within one bucket', () => {
    const hist = new Map([
      [60, 90],
      [80, 10],
    ]);
    expect(histogramQuantile(hist, 0.5)).toBe(Math.round(1.1 ** 60.5));
    expect(histogramQuantile(hist, 0.95)).toBe(Math.round(1.1 ** 80.5));
    expect(histogramQuantile(new Map(), 0.95)).toBeNull();
  });
});
