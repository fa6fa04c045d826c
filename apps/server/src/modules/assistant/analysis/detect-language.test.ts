import { describe, expect, it } from 'vitest';
import { detectLanguage } from './detect-language.ts';

describe('detectLanguage', () => {
  it.each([
    'hola, no he dormido bien esta semana',
    '¿A qué hora es la sesión del lunes?',
    'Me salté el entrenamiento otra vez',
    'Estoy muy cansada',
    'gracias!',
    'Quiero bajar 5 kilos antes del verano',
    'No me gusta correr',
    'Me encanta el nuevo plan',
    'vivo en Madrid y trabajo de noche',
    'Hoy entrené piernas',
  ])('recognises Spanish: %s', (text) => {
    expect(detectLanguage(text)).toBe('es');
  });

  it.each([
    'I skipped my workout again',
    'What time is the session on Monday?',
    "I'm so tired today",
    'thanks!',
    'My goal is to run a 10k',
    "I don't like running",
    'Can I swap Tuesday for Wednesday?',
    'I live in Madrid and work nights',
    'Feeling great after the session',
    'hello coach',
  ])('recognises English: %s', (text) => {
    expect(detectLanguage(text)).toBe('en');
  });

  it.each(['', 'ok', '👍👍', '12:30', 'Madrid', 'jajaja', 'Der Trainer stellt gute Fragen'])(
    'answers null when a message is too short or unclear: %j',
    (text) => {
      expect(detectLanguage(text)).toBeNull();
    },
  );
});
