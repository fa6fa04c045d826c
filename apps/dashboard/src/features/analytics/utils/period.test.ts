import { AnalyticsPeriodQuerySchema } from '@companero/contracts';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  DEFAULT_PERIOD,
  isLocalDate,
  periodFromParams,
  periodQuery,
  todayIn,
  validateCustomRange,
  withPeriod,
} from './period.ts';

const params = (search: string) => new URLSearchParams(search);

describe('validateCustomRange', () => {
  it('accepts a range of one day or more, up to 366 days apart', () => {
    expect(validateCustomRange('2025-03-01', '2025-03-01')).toBeUndefined();
    expect(validateCustomRange('2024-01-01', '2025-01-01')).toBeUndefined(); // 366 days (leap year)
  });

  it('says what is wrong with a range the API would refuse', () => {
    expect(validateCustomRange('', '2025-03-01')).toBe('missing');
    expect(validateCustomRange('2025-02-30', '2025-03-01')).toBe('invalid');
    expect(validateCustomRange('2025-03-02', '2025-03-01')).toBe('order');
    expect(validateCustomRange('2024-01-01', '2025-01-02')).toBe('tooLong');
  });

  it('agrees with the contract on every case', () => {
    const cases: [string, string][] = [
      ['2025-03-01', '2025-03-01'],
      ['2025-03-02', '2025-03-01'],
      ['2024-01-01', '2025-01-01'],
      ['2024-01-01', '2025-01-02'],
      ['2023-01-01', '2023-12-31'],
    ];
    for (const [from, to] of cases) {
      const contractOk = AnalyticsPeriodQuerySchema.safeParse({ period: 'custom', from, to }).success;
      expect(validateCustomRange(from, to) === undefined, `${from}..${to}`).toBe(contractOk);
    }
  });
});

describe('isLocalDate', () => {
  it('takes real calendar days only', () => {
    expect(isLocalDate('2024-02-29')).toBe(true);
    expect(isLocalDate('2025-02-29')).toBe(false);
    expect(isLocalDate('2025-3-1')).toBe(false);
  });
});

describe('periodFromParams', () => {
  it('reads a preset or a custom range from the address', () => {
    expect(periodFromParams(params('period=7d'))).toEqual({ period: '7d' });
    expect(periodFromParams(params('period=custom&from=2025-03-01&to=2025-03-07'))).toEqual({
      period: 'custom',
      from: '2025-03-01',
      to: '2025-03-07',
    });
  });

  it('falls back to 30 days for a missing, unknown or unusable period', () => {
    expect(periodFromParams(params(''))).toEqual(DEFAULT_PERIOD);
    expect(periodFromParams(params('period=year'))).toEqual(DEFAULT_PERIOD);
    expect(periodFromParams(params('period=custom&from=2025-03-07&to=2025-03-01'))).toEqual(DEFAULT_PERIOD);
    expect(periodFromParams(params('period=custom&from=2025-03-07'))).toEqual(DEFAULT_PERIOD);
  });
});

describe('withPeriod', () => {
  it('writes the period and keeps other params', () => {
    const next = withPeriod(params('program=abc&period=custom&from=2025-03-01&to=2025-03-07'), {
      period: '90d',
    });
    expect(next.toString()).toBe('program=abc&period=90d');
  });

  it('leaves the default out of the address', () => {
    expect(withPeriod(params('period=7d'), { period: '30d' }).toString()).toBe('');
  });

  it('round-trips a custom range', () => {
    const period = { period: 'custom', from: '2025-01-01', to: '2025-01-31' } as const;
    expect(periodFromParams(withPeriod(params(''), period))).toEqual(period);
  });
});

describe('periodQuery', () => {
  it('sends from and to only for a custom range', () => {
    expect(periodQuery({ period: 'today' })).toEqual({ period: 'today' });
    expect(periodQuery({ period: 'custom', from: '2025-01-01', to: '2025-01-02' })).toEqual({
      period: 'custom',
      from: '2025-01-01',
      to: '2025-01-02',
    });
  });
});

describe('dates', () => {
  it('adds days across months and years', () => {
    expect(addDays('2025-03-01', -1)).toBe('2025-02-28');
    expect(addDays('2024-12-31', 1)).toBe('2025-01-01');
  });

  it('knows today in the creator’s time zone', () => {
    const now = Date.parse('2025-03-01T23:30:00Z');
    expect(todayIn('Europe/Madrid', now)).toBe('2025-03-02');
    expect(todayIn('America/New_York', now)).toBe('2025-03-01');
    expect(todayIn('Not/AZone', now)).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });
});
