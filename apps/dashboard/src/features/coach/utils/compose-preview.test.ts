import { describe, expect, it } from 'vitest';
import { composePreview, type PreviewWords } from './compose-preview.ts';

const WORDS: PreviewWords = {
  hello: 'Hi Ana!',
  question: 'How much sleep do I need?',
  answer: 'Most adults need seven to nine hours. [1]',
  leadIn: { warm: 'Great question.', direct: 'Short answer:', plain: 'My material says:' },
};
const NO_VOICE = { greeting: '', signOff: '', tone: [], exampleReplies: [] };

describe('composePreview', () => {
  it('uses the default greeting and plain lead-in when nothing is set', () => {
    expect(composePreview(NO_VOICE, WORDS)).toEqual({
      question: WORDS.question,
      greeting: 'Hi Ana!',
      isDefaultGreeting: true,
      leadIn: 'My material says:',
      body: WORDS.answer,
      signOff: '',
    });
  });

  it('opens with the creator’s greeting and closes with their sign-off, trimmed', () => {
    const preview = composePreview(
      { ...NO_VOICE, greeting: ' Hola, soy Marta ', signOff: ' Un abrazo ' },
      WORDS,
    );
    expect(preview).toMatchObject({
      greeting: 'Hola, soy Marta',
      isDefaultGreeting: false,
      signOff: 'Un abrazo',
    });
  });

  it('chooses the lead-in from the tone words, in English or Spanish, warm first', () => {
    expect(composePreview({ ...NO_VOICE, tone: ['Direct'] }, WORDS).leadIn).toBe('Short answer:');
    expect(composePreview({ ...NO_VOICE, tone: ['cercana'] }, WORDS).leadIn).toBe('Great question.');
    expect(composePreview({ ...NO_VOICE, tone: ['concise', 'friendly'] }, WORDS).leadIn).toBe(
      'Great question.',
    );
  });

  it('answers with the first complete example reply, in the creator’s own words', () => {
    const preview = composePreview(
      {
        ...NO_VOICE,
        exampleReplies: [
          { question: 'Half written', answer: ' ' },
          { question: 'Coffee at night?', answer: 'Stop caffeine after noon.' },
        ],
      },
      WORDS,
    );
    expect(preview).toMatchObject({ question: 'Coffee at night?', body: 'Stop caffeine after noon.' });
  });
});
