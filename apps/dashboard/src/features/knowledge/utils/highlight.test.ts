import { describe, expect, it } from 'vitest';
import { highlightSegments } from './highlight.ts';

describe('highlightSegments', () => {
  it('marks the ranges and keeps the text between them', () => {
    expect(
      highlightSegments('Avoid coffee after noon.', [
        [6, 12],
        [19, 23],
      ]),
    ).toEqual([
      { text: 'Avoid ', isMatch: false },
      { text: 'coffee', isMatch: true },
      { text: ' after ', isMatch: false },
      { text: 'noon', isMatch: true },
      { text: '.', isMatch: false },
    ]);
  });

  it('sorts, merges overlapping ranges and clamps them to the snippet', () => {
    expect(
      highlightSegments('abcdef', [
        [4, 99],
        [1, 3],
        [2, 4],
        [-5, 0],
        [5, 5],
      ]),
    ).toEqual([
      { text: 'a', isMatch: false },
      { text: 'bcdef', isMatch: true },
    ]);
  });

  it('keeps markup in the snippet as plain text', () => {
    const segments = highlightSegments('<img src=x onerror=alert(1)> sleep', [[29, 34]]);
    expect(segments.map((s) => s.text).join('')).toBe('<img src=x onerror=alert(1)> sleep');
    expect(segments.at(-1)).toEqual({ text: 'sleep', isMatch: true });
  });

  it('answers the whole snippet unmarked without ranges', () => {
    expect(highlightSegments('plain', [])).toEqual([{ text: 'plain', isMatch: false }]);
    expect(highlightSegments('', [[0, 3]])).toEqual([]);
  });
});
