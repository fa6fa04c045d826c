/**
 * Pure helpers of the simulator: reading the form (answers, tags, a start time in the
 * virtual user's time zone) and saying how long things took.
 */

/** One scripted answer per line; blank lines are gaps for readability, not answers. */
export function parseAnswers(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line.length > 0);
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * A virtual duration in words, to the two largest units: 21 days → "21 days",
 * 3 days 4 hours 5 minutes → "3 days, 4 hours" (in the locale's words), under a minute → "0 minutes".
 */
export function formatDuration(ms: number, locale: string): string {
  const total = Math.max(0, Math.round(ms / MINUTE)) * MINUTE;
  const parts: Array<{ value: number; unit: 'day' | 'hour' | 'minute' }> = [
    { value: Math.floor(total / DAY), unit: 'day' },
    { value: Math.floor((total % DAY) / HOUR), unit: 'hour' },
    { value: Math.floor((total % HOUR) / MINUTE), unit: 'minute' },
  ];
  const first = parts.findIndex((part) => part.value > 0);
  if (first === -1) return unitText(0, 'minute', locale);
  const shown = parts.slice(first, first + 2).filter((part) => part.value > 0);
  return new Intl.ListFormat(locale, { style: 'long', type: 'unit' }).format(
    shown.map((part) => unitText(part.value, part.unit, locale)),
  );
}

function unitText(value: number, unit: 'day' | 'hour' | 'minute', locale: string): string {
  return new Intl.NumberFormat(locale, { style: 'unit', unit, unitDisplay: 'long' }).format(value);
}

/** Real (wall-clock) time of a run: "38 ms", "1.2 s". */
export function formatRealTime(ms: number, locale: string): string {
  if (ms < 1000) {
    return new Intl.NumberFormat(locale, { style: 'unit', unit: 'millisecond', unitDisplay: 'short' }).format(
      Math.max(0, Math.round(ms)),
    );
  }
  return new Intl.NumberFormat(locale, {
    style: 'unit',
    unit: 'second',
    unitDisplay: 'short',
    maximumFractionDigits: 1,
  }).format(ms / 1000);
}

/** True when the name is an IANA time zone this browser knows. */
export function isTimeZone(name: string): boolean {
  if (!name.trim()) return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/** Minutes the zone is ahead of UTC at that instant (Madrid in winter: 60). */
function offsetMinutes(instant: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(instant));
  const get = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const asUtc = Date.UTC(
    get('year'),
    get('month') - 1,
    get('day'),
    get('hour'),
    get('minute'),
    get('second'),
  );
  return Math.round((asUtc - Math.floor(instant / 1000) * 1000) / MINUTE);
}

/**
 * A wall-clock time typed in a `datetime-local` field ("2025-03-03T09:00"), read as the
 * time on the virtual user's clock, as an ISO instant ("2025-03-03T08:00:00.000Z" for Madrid).
 * Undefined when the text or the zone is not valid.
 */
export function zonedTimeToIso(local: string, timeZone: string): string | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(local);
  if (!match || !isTimeZone(timeZone)) return undefined;
  const [, y, mo, d, h, mi] = match.map(Number) as [number, number, number, number, number, number];
  const wall = Date.UTC(y, mo - 1, d, h, mi);
  // The offset at the wall time itself, then at the instant it gives (right across DST changes).
  let instant = wall - offsetMinutes(wall, timeZone) * MINUTE;
  instant = wall - offsetMinutes(instant, timeZone) * MINUTE;
  return Number.isNaN(instant) ? undefined : new Date(instant).toISOString();
}

/** "2025-03-03T09:00": a moment as a `datetime-local` value on the clock of that zone. */
export function toZonedInputValue(instant: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  }).formatToParts(instant);
  const get = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '00';
  return `${get('year')}-${get('month')}-${get('day')}T${get('hour')}:${get('minute')}`;
}

/** The browser's own time zone, the natural default for the virtual user. */
export function browserTimeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
}
