import type { AnalyticsPeriodQuery } from '@companero/contracts';

/** Periods of the analytics overview: whole local days in the creator's time zone. */
export interface ResolvedPeriod {
  from: string;
  to: string;
  previousFrom: string;
  previousTo: string;
  timeZone: string;
  granularity: 'hour' | 'day';
}

export const DAY_MS = 86_400_000;
export const addDays = (date: string, n: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);

/** The local date at `at` in `timeZone` (YYYY-MM-DD). */
export function localDate(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(at);
}

export function resolvePeriod(q: AnalyticsPeriodQuery, timeZone: string, now: Date): ResolvedPeriod {
  const today = localDate(now, timeZone);
  let from: string;
  let to = today;
  if (q.period === 'custom') {
    from = q.from!;
    to = q.to!;
  } else from = q.period === 'today' ? today : addDays(today, -(Number.parseInt(q.period, 10) - 1));
  const days = Math.round((Date.parse(to) - Date.parse(from)) / DAY_MS) + 1;
  return {
    from,
    to,
    previousFrom: addDays(from, -days),
    previousTo: addDays(from, -1),
    timeZone,
    granularity: from === to ? 'hour' : 'day',
  };
}

export const periodDays = (p: ResolvedPeriod) =>
  Math.round((Date.parse(p.to) - Date.parse(p.from)) / DAY_MS) + 1;

/** Midnight of a local day in `timeZone`, as an instant. */
export function zonedMidnight(day: string, timeZone: string): Date {
  // The zone's offset at that day's UTC midnight, corrected once (DST changes happen at night, not at 00:00 in most zones).
  const guess = new Date(`${day}T00:00:00Z`);
  const offset = (at: Date) => {
    const parts = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    }).formatToParts(at);
    const v = (t: string) => Number(parts.find((x) => x.type === t)!.value);
    return Date.UTC(v('year'), v('month') - 1, v('day'), v('hour'), v('minute'), v('second')) - at.getTime();
  };
  const first = new Date(guess.getTime() - offset(guess));
  return new Date(guess.getTime() - offset(first));
}
