import { describe, expect, it } from 'vitest';
import { splitCitationMarkers } from './citation-markers.ts';

describe('splitCitationMarkers', () => {
  it('separates [n] markers from the text around them', () => {
    expect(splitCitationMarkers('Sleep 8 hours [1] and nap [12].')).toEqual([
      { text: 'Sleep 8 hours ' },
      { n: 1 },
      { text: ' and nap ' },
      { n: 12 },
      { text: '.' },
    ]);
  });

  it('leaves text without markers, and brackets that are not markers, alone', () => {
    expect(splitCitationMarkers('No sources [here] or [123]')).toEqual([
      { text: 'No sources [here] or [123]' },
    ]);
    expect(splitCitationMarkers('')).toEqual([]);
  });
});
