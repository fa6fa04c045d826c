import { describe, expect, it } from 'vitest';
import { matchCorrection } from './match-correction.ts';

const corrections = [
  { id: 'a', question: 'How many rest days should I take each week?', answer: 'Two.' },
  { id: 'b', question: '¿Cuánta agua debo beber al día?', answer: 'Dos litros.' },
];

describe('matchCorrection', () => {
  it('finds the correction for a reworded question', () => {
    expect(matchCorrection('how many rest days a week?', corrections)?.correction.id).toBe('a');
    expect(matchCorrection('¿cuánta agua beber cada día?', corrections)?.correction.id).toBe('b');
  });

  it('ignores questions on other topics', () => {
    expect(matchCorrection('How much protein should I eat?', corrections)).toBeNull();
    expect(matchCorrection('hi', corrections)).toBeNull();
  });
});
