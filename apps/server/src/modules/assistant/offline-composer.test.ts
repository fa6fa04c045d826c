import { describe, expect, it } from 'vitest';
import {
  composeOfflineReply,
  detectIntent,
  selectSentences,
  type Voice,
  wordDeltas,
} from './offline-composer.ts';

const voice: Voice = {
  coachName: 'Marta',
  language: 'auto',
  greeting: '',
  signOff: '',
  tone: [],
  style: '',
  expertise: ['sleep', 'nutrition'],
  dos: [],
  donts: [],
  exampleReplies: [],
};

const SLEEP = {
  n: 1,
  kind: 'document' as const,
  content:
    '## Evening routine\nDim the lights an hour before bed. Keep the bedroom cool, around 18 degrees. Read a paper book instead of scrolling.',
};
const COFFEE = {
  n: 2,
  kind: 'document' as const,
  content: 'Avoid coffee after noon: caffeine stays in the body for six hours.',
};

describe('detectIntent', () => {
  it.each([
    ['hi!', 'greeting'],
    ['Hola, buenas tardes', 'greeting'],
    ['thanks a lot', 'thanks'],
    ['¡Muchas gracias!', 'thanks'],
    ['Hi, how much protein should I eat after training?', 'question'],
    ['thanks, but how long should I sleep?', 'question'],
  ])('%s → %s', (text, intent) => expect(detectIntent(text)).toBe(intent));
});

describe('selectSentences', () => {
  it('takes the sentences that mention the question, in passage order, with their passage number', () => {
    const picked = selectSentences('How cool should my bedroom be?', [SLEEP, COFFEE]);
    expect(picked[0]).toEqual({ n: 1, text: 'Keep the bedroom cool, around 18 degrees.' });
    expect(picked.every((p) => !p.text.startsWith('#'))).toBe(true);
  });

  it('stays within the length budget', () => {
    const long = { n: 1, kind: 'document' as const, content: 'Sleep matters a lot. '.repeat(200) };
    const picked = selectSentences('sleep', [long], 4, 100);
    expect(picked.map((p) => p.text).join(' ').length).toBeLessThanOrEqual(100);
  });
});

describe('composeOfflineReply', () => {
  it('answers from passages with citation markers, greeting the user by name on the first turn', () => {
    const r = composeOfflineReply({
      query: 'How cool should my bedroom be at night?',
      passages: [SLEEP, COFFEE],
      voice,
      language: 'en',
      firstTurn: true,
      userName: 'Ana',
    });
    expect(r.text.startsWith('Hi Ana!')).toBe(true);
    expect(r.text).toContain('Keep the bedroom cool, around 18 degrees. [1]');
    expect(r.used).toEqual([1]);
    expect(r.noAnswer).toBe(false);
  });

  it('says it does not know, in the user’s language, and suggests what it can help with', () => {
    const r = composeOfflineReply({
      query: '¿Cuál es la capital de Francia?',
      passages: [],
      voice,
      language: 'es',
      firstTurn: false,
    });
    expect(r.noAnswer).toBe(true);
    expect(r.text).toContain('No tengo nada en mi material');
    expect(r.text).toContain('Puedo ayudarte con sleep y nutrition.');
  });

  it('uses the creator’s greeting, tone and sign-off', () => {
    const r = composeOfflineReply({
      query: 'When should I stop drinking coffee?',
      passages: [COFFEE],
      voice: { ...voice, greeting: 'Hey champ!', signOff: '— Marta', tone: ['warm'] },
      language: 'en',
      firstTurn: true,
    });
    expect(r.text.split('\n\n')[0]).toBe('Hey champ!');
    expect(r.text).toContain('Great question.');
    expect(r.text.endsWith('— Marta')).toBe(true);
  });

  it('answers small talk without the knowledge base', () => {
    const r = composeOfflineReply({ query: 'hola', passages: [], voice, language: 'es', firstTurn: true });
    expect(r.text).toBe('¡Hola!\n\n¿En qué quieres trabajar hoy?');
    expect(r.noAnswer).toBe(false);
  });

  it('gives the creator’s correction in full', () => {
    const correction = {
      n: 1,
      kind: 'correction' as const,
      content: 'Take two rest days a week. Make one of them after your hardest session.',
    };
    const r = composeOfflineReply({
      query: 'How many rest days?',
      passages: [correction],
      voice,
      language: 'en',
      firstTurn: false,
    });
    expect(r.text).toContain(
      'Here is my answer:\nTake two rest days a week. [1] Make one of them after your hardest session. [1]',
    );
  });
});

describe('wordDeltas', () => {
  it('splits text into pieces that join back to it exactly', () => {
    const text = 'Hi Ana!\n\nKeep the bedroom cool. [1]';
    const parts = [...wordDeltas(text)];
    expect(parts.length).toBeGreaterThan(4);
    expect(parts.join('')).toBe(text);
  });
});
