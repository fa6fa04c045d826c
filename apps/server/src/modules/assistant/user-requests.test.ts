import { describe, expect, it } from 'vitest';
import { detectUserRequest, userRequestReply } from './user-requests.ts';

describe('detectUserRequest', () => {
  it.each([
    ['Can I talk to a real person?', 'human'],
    ['I want a human please', 'human'],
    ['human agent now', 'human'],
    ['¿Puedo hablar con una persona real?', 'human'],
    ['Quiero hablar con mi coach', 'human'],
    ['Please forget everything you know about me', 'forget'],
    ['delete my personal data', 'forget'],
    ['Olvida todo lo que sabes de mí', 'forget'],
    ['borra mis datos por favor', 'forget'],
  ])('%s → %s', (text, expected) => expect(detectUserRequest(text)).toBe(expected));

  it.each([
    'I forgot my running shoes',
    'How do I talk to my boss about stress?',
    'People say protein is important',
    'No me olvido de entrenar',
    'Hablé con mi jefe ayer',
  ])('leaves ordinary messages alone: %s', (text) => expect(detectUserRequest(text)).toBeNull());
});

describe('userRequestReply', () => {
  it('names the coach and the count, in the user’s language', () => {
    expect(userRequestReply('human', 'en', { coachName: 'Marta', forgotten: 0 })).toContain(
      'asked Marta to join',
    );
    expect(userRequestReply('forget', 'es', { coachName: '', forgotten: 1 })).toContain('(1 dato)');
  });
});
