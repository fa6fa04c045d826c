import { describe, expect, it } from 'vitest';
import { BACKOFF_CAP_MS, backoffDelay } from './backoff.ts';

describe('backoffDelay', () => {
  it('starts around half a second', () => {
    expect(backoffDelay(0, () => 0)).toBe(250);
    expect(backoffDelay(0, () => 1)).toBe(500);
  });

  it('doubles per attempt until the 30 s cap, never beyond', () => {
    const ceilings = Array.from({ length: 12 }, (_, attempt) => backoffDelay(attempt, () => 1));
    expect(ceilings.slice(0, 4)).toEqual([500, 1000, 2000, 4000]);
    expect(Math.max(...ceilings)).toBe(BACKOFF_CAP_MS);
    expect(backoffDelay(1000, () => 1)).toBe(BACKOFF_CAP_MS);
  });

  it('keeps the jitter in the upper half, so retries never bunch up near zero', () => {
    for (let attempt = 0; attempt < 20; attempt++) {
      for (const random of [0, 0.3, 0.999]) {
        const delay = backoffDelay(attempt, () => random);
        const ceiling = Math.min(BACKOFF_CAP_MS, 500 * 2 ** attempt);
        expect(delay).toBeGreaterThanOrEqual(ceiling / 2);
        expect(delay).toBeLessThanOrEqual(ceiling);
      }
    }
  });
});
