import { describe, expect, it } from 'vitest';
import { groundedness } from './groundedness.ts';

const passages = [
  'Adults should sleep between seven and nine hours every night for recovery.',
  'Eat about 1.6 grams of protein per kilogram of body weight when strength training.',
];

describe('groundedness', () => {
  it('is 1 when every claim comes from a cited passage', () => {
    expect(groundedness('Adults should sleep seven to nine hours every night [1].', passages)).toBe(1);
  });

  it('counts unsupported claims against the answer', () => {
    const answer =
      'Adults should sleep seven to nine hours every night [1]. Drinking celery juice cures insomnia within three days.';
    expect(groundedness(answer, passages)).toBe(0.5);
  });

  it('ignores lead-ins', () => {
    expect(
      groundedness(
        'Here is what my material says about it:\nAdults should sleep seven to nine hours every night [1].',
        passages,
      ),
    ).toBe(1);
  });

  it('ignores greetings and sign-offs, and is null with no claim at all', () => {
    expect(groundedness('Hi Ana! Keep going!', passages)).toBeNull();
  });
});
