/**
 * Local days and hours as the API gives them (`2025-03-01`, `2025-03-01T14:00`):
 * already in the creator's time zone, so they are read and written as UTC
 * wall-clock values and never shifted by the browser's own zone.
 */

const LOCAL_RE = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2})?$/;
const asUtc = (local: string) =>
  LOCAL_RE.test(local)
    ? new Date(`${local.length === 10 ? `${local}T00:00` : local}:00Z`)
    : new Date(Number.NaN);

/** A bucket's label on a chart axis: "14:00" / "2:00 PM" for hours, "3 Mar" / "Mar 3" for days. */
export function bucketLabel(at: string, granularity: 'hour' | 'day', locale: string): string {
  const date = asUtc(at);
  if (Number.isNaN(date.getTime())) return at;
  return new Intl.DateTimeFormat(
    locale,
    granularity === 'hour'
      ? { hour: 'numeric', minute: '2-digit', timeZone: 'UTC' }
      : { day: 'numeric', month: 'short', timeZone: 'UTC' },
  ).format(date);
}

/** A day in full: "Mar 3, 2025" / "3 mar 2025". */
export function dayLabel(day: string, locale: string): string {
  const date = asUtc(day);
  if (Number.isNaN(date.getTime())) return day;
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(date);
}

/** A range of days: "Mar 1 – 30, 2025"; one day alone when from = to. */
export function rangeLabel(from: string, to: string, locale: string): string {
  const start = asUtc(from);
  const end = asUtc(to);
  if (Number.isNaN(start.getTime()) || Number.isNaN(end.getTime())) return `${from} – ${to}`;
  const format = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' });
  return from === to ? format.format(start) : format.formatRange(start, end);
}
