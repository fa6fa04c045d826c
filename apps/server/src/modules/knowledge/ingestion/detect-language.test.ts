import { describe, expect, it } from 'vitest';
import { detectLanguage } from './detect-language.ts';

describe('detectLanguage', () => {
  it('recognises Spanish, even in one sentence', () => {
    expect(
      detectLanguage('Las proteínas ayudan a recuperar los músculos después del entrenamiento de fuerza.'),
    ).toBe('es');
  });

  it('recognises English', () => {
    expect(detectLanguage('The coach asks questions that help the client find their own answers.')).toBe(
      'en',
    );
  });

  it('answers simple when neither language is clear', () => {
    expect(detectLanguage('Drink water every morning')).toBe('simple');
    expect(detectLanguage('| 1 | 2 | 3 |\n| 4 | 5 | 6 |')).toBe('simple');
    expect(detectLanguage('Der Trainer stellt Fragen, die dem Klienten helfen.')).toBe('simple');
  });
});
