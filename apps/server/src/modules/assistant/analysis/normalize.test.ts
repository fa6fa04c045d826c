import { describe, expect, it } from 'vitest';
import { normalizeText, normalizeWithOffsets, originalSpan, tokenize } from './normalize.ts';

describe('normalizeText', () => {
  it('lower-cases, strips accents and collapses whitespace', () => {
    expect(normalizeText('  Qué  TAL\n\testás ')).toBe('que tal estas');
  });

  it('maps ñ to n the same way whether it was typed composed or decomposed', () => {
    expect(normalizeText('Año')).toBe('ano');
    expect(normalizeText('An\u0303o')).toBe('ano');
  });

  it('keeps punctuation, digits and emoji, and unifies apostrophes', () => {
    expect(normalizeText('¡Genial! 10k 🎉')).toBe('¡genial! 10k 🎉');
    expect(normalizeText('don’t don´t don`t')).toBe("don't don't don't");
  });

  it('drops invisible characters that would split a word', () => {
    expect(normalizeText('can\u00adsada zero\u200bwidth')).toBe('cansada zerowidth');
  });
});

describe('tokenize', () => {
  it('keeps contractions as one token', () => {
    expect(tokenize("I'm sure I don't know")).toEqual(["i'm", 'sure', 'i', "don't", 'know']);
  });

  it('drops Spanish opening marks and other punctuation', () => {
    expect(tokenize('¿Qué tal? ¡Muy bien, gracias!')).toEqual(['que', 'tal', 'muy', 'bien', 'gracias']);
  });

  it('keeps numbers with their units, and ignores emoji', () => {
    expect(tokenize('Corrí 10km en 55 min 💪')).toEqual(['corri', '10km', 'en', '55', 'min']);
  });

  it('returns nothing for a text without words', () => {
    expect(tokenize(' 👍 ... ')).toEqual([]);
  });
});

describe('normalizeWithOffsets', () => {
  const samples = [
    '  Qué  TAL\n\testás ',
    'An\u0303o nuevo, MEJOR 💪🏽 vida',
    'don’t\u200b stop ¡VAMOS!  ',
    'İstanbul e\u0301 ÑANDÚ',
    '',
  ];

  it.each(samples)('produces exactly what normalizeText produces (%j)', (sample) => {
    expect(normalizeWithOffsets(sample).text).toBe(normalizeText(sample));
  });

  it('maps a normalised span back to the words the user typed', () => {
    const original = 'Ayer ME  DESMAYÉ en el gym 😞';
    const normalized = normalizeWithOffsets(original);
    const start = normalized.text.indexOf('me desmaye');
    expect(originalSpan(original, normalized, start, start + 'me desmaye'.length)).toBe('ME  DESMAYÉ');
  });

  it('maps decomposed accents and astral characters without splitting them', () => {
    const original = 'cafe\u0301 💪 ok';
    const normalized = normalizeWithOffsets(original);
    expect(originalSpan(original, normalized, 0, 4)).toBe('cafe\u0301');
    expect(originalSpan(original, normalized, 5, 7)).toBe('💪');
  });
});
