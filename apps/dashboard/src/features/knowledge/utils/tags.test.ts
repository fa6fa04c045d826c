import { describe, expect, it } from 'vitest';
import { formatTags, parseTags } from './tags.ts';

describe('tags', () => {
  it('splits on commas, trims, and drops empties and duplicates', () => {
    expect(parseTags(' sleep, Health ,sleep,, ')).toEqual(['sleep', 'Health']);
    expect(parseTags('')).toEqual([]);
    expect(formatTags(['a', 'b'])).toBe('a, b');
  });
});
