import { KPI_KEYS } from '@companero/contracts';
import { describe, expect, it } from 'vitest';
import {
  formatDuration,
  formatKpiValue,
  formatMoney,
  formatMs,
  KPI_SECTIONS,
  NO_VALUE,
  trendOf,
} from './kpi.ts';

describe('KPI sections', () => {
  it('show every KPI of the contract exactly once', () => {
    const shown = KPI_SECTIONS.flatMap((section) => section.keys);
    expect([...shown].sort()).toEqual([...KPI_KEYS].sort());
  });
});

describe('formatKpiValue', () => {
  it('formats each kind in the interface language', () => {
    expect(formatKpiValue('count', 12345, { locale: 'en' })).toBe('12,345');
    expect(formatKpiValue('count', 12345, { locale: 'es' })).toBe('12.345');
    expect(formatKpiValue('decimal', 3.456, { locale: 'en' })).toBe('3.5');
    expect(formatKpiValue('percent', 0.125, { locale: 'en' })).toBe('12.5%');
    expect(formatKpiValue('percent', 0.125, { locale: 'es' })).toBe('12,5\u00a0%');
    expect(formatKpiValue('money', 123450, { locale: 'en', currency: 'EUR' })).toBe('€1,234.50');
    expect(formatKpiValue('money', 123450, { locale: 'es', currency: 'EUR' })).toBe('1234,50\u00a0€');
    expect(formatKpiValue('ms', 850, { locale: 'en' })).toBe('850 ms');
    expect(formatKpiValue('duration', 252, { locale: 'en' })).toBe('4m 12s');
  });

  it('shows a dash when there is nothing to measure', () => {
    expect(formatKpiValue('percent', null, { locale: 'en' })).toBe(NO_VALUE);
    expect(formatKpiValue('count', Number.NaN, { locale: 'en' })).toBe(NO_VALUE);
  });
});

describe('formatMoney', () => {
  it('reads as a plain amount without a currency, or with an unknown one', () => {
    expect(formatMoney(990, { locale: 'en', currency: null })).toBe('9.90');
    expect(formatMoney(990, { locale: 'en', currency: 'ZZZ' })).toMatch(/9\.90/);
  });
});

describe('formatMs and formatDuration', () => {
  it('switch to seconds from one second', () => {
    expect(formatMs(999, 'en')).toBe('999 ms');
    expect(formatMs(1250, 'en')).toBe('1.3s');
    expect(formatMs(12_400, 'en')).toBe('12s');
  });

  it('read durations in the largest units', () => {
    expect(formatDuration(45, 'en')).toBe('45s');
    expect(formatDuration(240, 'en')).toBe('4m');
    expect(formatDuration(3900, 'en')).toBe('1h 5m');
  });
});

describe('trendOf', () => {
  it('is good news when most KPIs rise', () => {
    expect(trendOf('activeUsers', 0.25, 'en')).toEqual({ direction: 'up', tone: 'good', size: '25%' });
    expect(trendOf('revenueCents', -0.5, 'en')).toEqual({ direction: 'down', tone: 'bad', size: '50%' });
  });

  it('is good news when latency, no-answer, handoff and churn fall', () => {
    for (const key of ['latencyP95Ms', 'noAnswerRate', 'handoffRate', 'churnRate'] as const) {
      expect(trendOf(key, -0.2, 'en')?.tone, key).toBe('good');
      expect(trendOf(key, 0.2, 'en')?.tone, key).toBe('bad');
    }
  });

  it('keeps one decimal for small changes and calls a rounded-away one flat', () => {
    expect(trendOf('activeUsers', 0.034, 'en')?.size).toBe('3.4%');
    expect(trendOf('activeUsers', 0.0001, 'en')).toMatchObject({ direction: 'flat', tone: 'neutral' });
  });

  it('says nothing when there is no previous value to compare with', () => {
    expect(trendOf('activeUsers', null, 'en')).toBeUndefined();
  });
});
