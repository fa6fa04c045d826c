/**
 * Wall-clock helpers for the program engine: a user's local date and time in
 * an IANA time zone, and local wall time back to an instant, using only Intl
 * (no time-zone library). DST is handled like Temporal's "compatible"
 * disambiguation: a wall time that happens twice (autumn) resolves to the
 * earlier instant, one that does not exist (spring gap) is pushed forward by
 * the length of the gap (02:30 → 03:30).
 */

export interface LocalDateTime {
  year: number;
  /** 1..12 */
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  /** 0 = Sunday */
  weekday: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** The time zone if Intl knows it, else UTC (the engine never throws on a bad profile value). */
export function safeTimeZone(timeZone: string | null | undefined): string {
  if (!timeZone) return 'UTC';
  try {
    formatterFor(timeZone);
    return timeZone;
  } catch {
    return 'UTC';
  }
}

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** The local wall-clock reading of an instant in a time zone. */
export function zonedParts(instant: Date | number, timeZone: string): LocalDateTime {
  const ms = typeof instant === 'number' ? instant : instant.getTime();
  const parts = formatterFor(safeTimeZone(timeZone)).formatToParts(ms);
  const get = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const year = get('year');
  const month = get('month');
  const day = get('day');
  return {
    year,
    month,
    day,
    hour: get('hour') % 24,
    minute: get('minute'),
    second: get('second'),
    weekday: new Date(Date.UTC(year, month - 1, day)).getUTCDay(),
  };
}

/** Offset of the time zone from UTC at an instant, in ms (Madrid in summer: +7_200_000). */
export function timeZoneOffsetMs(instant: number, timeZone: string): number {
  const p = zonedParts(instant, timeZone);
  const wall = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return wall - (instant - (((instant % 1000) + 1000) % 1000));
}

/** The instant a local wall time happens in a time zone (see the module comment for DST). */
export function zonedToUtc(
  local: { year: number; month: number; day: number; hour: number; minute: number },
  timeZone: string,
): Date {
  const tz = safeTimeZone(timeZone);
  const wall = Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute);
  const HOURS_12 = 12 * 3_600_000;
  const before = timeZoneOffsetMs(wall - HOURS_12, tz);
  const after = timeZoneOffsetMs(wall + HOURS_12, tz);
  const candidates = [wall - before, wall - after].filter((t) => t + timeZoneOffsetMs(t, tz) === wall);
  if (candidates.length > 0) return new Date(Math.min(...candidates));
  // In a gap: read the wall time with the offset from before the change (pushes it forward).
  return new Date(wall - before);
}

/** The calendar date `days` after the given local date (month/year overflow handled). */
export function addCalendarDays(
  date: { year: number; month: number; day: number },
  days: number,
): { year: number; month: number; day: number; weekday: number } {
  const d = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    weekday: d.getUTCDay(),
  };
}

/** Same local wall time `days` later (calendar days: 20:00 stays 20:00 across a DST change). */
export function addLocalDays(instant: Date, days: number, timeZone: string): Date {
  const p = zonedParts(instant, timeZone);
  const d = addCalendarDays(p, days);
  const t = zonedToUtc({ ...d, hour: p.hour, minute: p.minute }, timeZone);
  return new Date(t.getTime() + p.second * 1000 + (instant.getTime() % 1000));
}

/**
 * The next time the local clock reads `time` (HH:MM), on `weekday` (0 = Sunday) if given,
 * strictly after `now`.
 */
export function nextLocalTime(now: Date, time: string, weekday: number | undefined, timeZone: string): Date {
  const [h, m] = time.split(':').map((s) => Number(s));
  const hour = Number.isFinite(h) ? (h as number) : 9;
  const minute = Number.isFinite(m) ? (m as number) : 0;
  const today = zonedParts(now, timeZone);
  for (let k = 0; k <= 8; k++) {
    const d = addCalendarDays(today, k);
    if (weekday !== undefined && d.weekday !== weekday) continue;
    const t = zonedToUtc({ ...d, hour, minute }, timeZone);
    if (t.getTime() > now.getTime()) return t;
  }
  // Unreachable for valid input; a week later as a safe fallback.
  return new Date(now.getTime() + 7 * 86_400_000);
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** `YYYY-MM-DD` for a date. */
export function isoDate(d: { year: number; month: number; day: number }): string {
  return `${pad(d.year, 4)}-${pad(d.month)}-${pad(d.day)}`;
}

/** `YYYY-MM-DD HH:MM` in the time zone (for simulator notes). */
export function formatLocal(instant: Date, timeZone: string): string {
  const p = zonedParts(instant, timeZone);
  return `${isoDate(p)} ${pad(p.hour)}:${pad(p.minute)}`;
}
