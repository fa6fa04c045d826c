import { describe, expect, it } from 'vitest';
import { bucketLabel, dayLabel, rangeLabel } from './dates.ts';

describe('analytics dates', () => {
  it('labels hours and days as the creator’s local time, whatever the browser’s zone', () => {
    expect(bucketLabel('2025-03-01T14:00', 'hour', 'es')).toBe('14:00');
    expect(bucketLabel('2025-03-01T00:00', 'hour', 'es')).toBe('0:00');
    expect(bucketLabel('2025-03-01', 'day', 'en')).toBe('Mar 1');
    expect(bucketLabel('2025-03-01', 'day', 'es')).toBe('1 mar');
  });

  it('writes ranges compactly', () => {
    expect(rangeLabel('2025-03-01', '2025-03-30', 'en')).toBe('Mar 1\u2009–\u200930, 2025');
    expect(rangeLabel('2025-03-01', '2025-03-01', 'en')).toBe('Mar 1, 2025');
    expect(dayLabel('2025-03-01', 'es')).toBe('1 mar 2025');
  });

  it('passes through what it cannot read', () => {
    expect(bucketLabel('soon', 'day', 'en')).toBe('soon');
  });
});
