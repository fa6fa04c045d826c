import type { AnalyticsPeriodQuery } from '@companero/api-client';

export const PERIOD_PRESETS = ['today', '7d', '30d', '90d'] as const;
export type PeriodPreset = (typeof PERIOD_PRESETS)[number];

/** The period a page of analytics shows: a preset, or a custom range of local days (YYYY-MM-DD, both included). */
export type AnalyticsPeriod = { period: PeriodPreset } | { period: 'custom'; from: string; to: string };

export const DEFAULT_PERIOD: AnalyticsPeriod = { period: '30d' };

/** The longest custom range the API accepts: `to` at most this many days after `from` (as the contract checks). */
export const MAX_PERIOD_DAYS = 366;

export type CustomRangeError = 'missing' | 'invalid' | 'order' | 'tooLong';

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar day written YYYY-MM-DD (so not 2025-02-30). */
export function isLocalDate(value: string): boolean {
  const match = DATE_RE.exec(value);
  if (!match) return false;
  const [, y, m, d] = match.map(Number) as [number, number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** Whole days from `from` to `to` (0 for the same day). */
export const daysBetween = (from: string, to: string) =>
  Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);

/** Why a custom range cannot be asked for, or undefined when it can. */
export function validateCustomRange(from: string, to: string): CustomRangeError | undefined {
  if (!from || !to) return 'missing';
  if (!isLocalDate(from) || !isLocalDate(to)) return 'invalid';
  if (from > to) return 'order';
  if (daysBetween(from, to) > MAX_PERIOD_DAYS) return 'tooLong';
  return undefined;
}

const isPreset = (value: string | null): value is PeriodPreset =>
  (PERIOD_PRESETS as readonly (string | null)[]).includes(value);

/**
 * The period in the address (`?period=7d`, `?period=custom&from=…&to=…`).
 * Anything unusable (a typo, a custom range the API would refuse) falls back
 * to the default, so a mangled link still opens a page.
 */
export function periodFromParams(params: URLSearchParams): AnalyticsPeriod {
  const period = params.get('period');
  if (isPreset(period)) return { period };
  if (period === 'custom') {
    const from = params.get('from') ?? '';
    const to = params.get('to') ?? '';
    if (!validateCustomRange(from, to)) return { period: 'custom', from, to };
  }
  return DEFAULT_PERIOD;
}

/** The address's search params with `period` written in (other params kept; the default is left out). */
export function withPeriod(current: URLSearchParams, period: AnalyticsPeriod): URLSearchParams {
  const next = new URLSearchParams(current);
  next.delete('from');
  next.delete('to');
  if (period.period === DEFAULT_PERIOD.period) next.delete('period');
  else next.set('period', period.period);
  if (period.period === 'custom') {
    next.set('from', period.from);
    next.set('to', period.to);
  }
  return next;
}

/** The API's query for a period. */
export const periodQuery = (period: AnalyticsPeriod): AnalyticsPeriodQuery =>
  period.period === 'custom'
    ? { period: 'custom', from: period.from, to: period.to }
    : { period: period.period };

/** The local day `days` after `date` (before, when negative); both YYYY-MM-DD. */
export const addDays = (date: string, days: number) =>
  new Date(Date.parse(date) + days * 86_400_000).toISOString().slice(0, 10);

/** Today (YYYY-MM-DD) in a time zone; the browser's own when the zone is unknown. */
export function todayIn(timeZone: string | undefined, now = Date.now()): string {
  const parts = (zone: string | undefined) =>
    new Intl.DateTimeFormat('en-CA', {
      timeZone: zone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    }).format(now);
  try {
    return parts(timeZone);
  } catch {
    return parts(undefined); // an unknown zone name
  }
}
