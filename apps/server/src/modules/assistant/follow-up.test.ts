import { describe, expect, it } from 'vitest';
import { isFollowUp } from './conversation-engine.ts';

describe('isFollowUp', () => {
  it.each(['And why?', 'what about beginners?', '¿Y por qué?', 'why?', 'más?'])('%s is a follow-up', (text) =>
    expect(isFollowUp(text)).toBe(true),
  );
  it.each([
    'What is the capital of Mongolia?',
    'How much protein should I eat?',
    'And how much protein should beginners eat after strength training sessions?',
  ])('%s stands alone', (text) => expect(isFollowUp(text)).toBe(false));
});
