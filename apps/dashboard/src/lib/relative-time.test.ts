import { describe, expect, it } from 'vitest';
import { formatRelativeTime } from './relative-time.ts';

const NOW = Date.parse('2025-06-15T12:00:00Z');
const ago = (ms: number) => new Date(NOW - ms).toISOString();

describe('formatRelativeTime', () => {
  it('says how long ago in minutes, hours and days within a week', () => {
    expect(formatRelativeTime(ago(20_000), NOW, 'en')).toBe('now');
    expect(formatRelativeTime(ago(5 * 60_000), NOW, 'en')).toBe('5m ago');
    expect(formatRelativeTime(ago(3 * 3_600_000), NOW, 'en')).toBe('3h ago');
    expect(formatRelativeTime(ago(30 * 3_600_000), NOW, 'en')).toBe('yesterday');
    expect(formatRelativeTime(ago(4 * 86_400_000), NOW, 'es')).toBe('hace 4 d');
  });

  it('gives the date for older times, with the year only when it differs', () => {
    expect(formatRelativeTime('2025-03-12T10:00:00Z', NOW, 'en')).toBe('Mar 12');
    expect(formatRelativeTime('2024-03-12T10:00:00Z', NOW, 'en')).toBe('Mar 12, 2024');
  });

  it('treats a time a little in the future (clock skew) as now, and bad input as nothing', () => {
    expect(formatRelativeTime(ago(-5_000), NOW, 'en')).toBe('now');
    expect(formatRelativeTime('not a date', NOW, 'en')).toBe('');
  });
});
