import { describe, expect, it } from 'vitest';
import type { ChatLanguage } from './detect-language.ts';
import { LEXICON_EN } from './lexicon-en.ts';
import { LEXICON_ES } from './lexicon-es.ts';
import { tokenize } from './normalize.ts';
import { analyzeSentiment, type SentimentLabel } from './sentiment.ts';

type Labelled = [text: string, label: SentimentLabel];

// Typical coaching-chat lines, hand-labelled; each one exercises a rule named beside it.
const ENGLISH: Labelled[] = [
  ['I feel really motivated this week!', 'positive'], // booster, exclamation
  ['I finished my first 10k!!! 🎉', 'positive'], // emoji
  ['Thanks so much, that was super helpful 🙏', 'positive'],
  ['Never felt better 💪', 'positive'], // set phrase beats negation
  ['Not bad, I managed three sessions', 'positive'], // negated negative
  ["I'm a bit tired but happy with my progress", 'positive'], // damper, "but"
  ['I smashed my PR today, so proud!', 'positive'],
  ["I'm not tired at all", 'positive'],
  ['I skipped my workout again', 'negative'],
  ["I'm not feeling good today", 'negative'], // negation across a pronoun and a verb
  ["I don't feel motivated at all", 'negative'], // contraction as negator
  ["I'm so stressed and anxious about work 😞", 'negative'],
  ['My knee hurts after running', 'negative'],
  ["I hate how lazy I've been", 'negative'],
  ['Ugh, I binged again last night 😢', 'negative'],
  ["I'm worried I won't make it to the race", 'negative'],
  ['sooo tired', 'negative'], // elongated word
  ['What time is the session on Monday?', 'neutral'],
  ['Is it bad to eat late at night?', 'neutral'], // judgement word inside a question
  ["Can I swap Tuesday's session for Wednesday?", 'neutral'],
  ['I have a session at 6pm tomorrow.', 'neutral'],
  ["I'm fine", 'neutral'],
  ['Good morning! Quick question about my plan', 'neutral'], // a greeting is not a mood
];

const SPANISH: Labelled[] = [
  ['Estoy súper contenta con mis avances 😊', 'positive'], // booster, feminine form
  ['Hoy he entrenado y me siento genial', 'positive'],
  ['¡Gracias! Me ha ayudado muchísimo', 'positive'],
  ['Me encanta el nuevo plan 👍', 'positive'],
  ['Qué bien, lo logré!!', 'positive'],
  ['Estoy un poco cansada pero bien', 'positive'], // damper, "pero"
  ['No, estoy bien', 'positive'], // a "no" answer does not negate the next clause
  ['Nada mal la sesión de hoy', 'positive'], // negated negative
  ['hola, no he dormido bien esta semana', 'negative'], // negation across "he"
  ['No estoy bien', 'negative'],
  ['Nunca me siento feliz después de comer', 'negative'],
  ['No me siento nada motivada', 'negative'], // negative concord: "no ... nada" negates once
  ['Me duele mucho la rodilla 😭', 'negative'], // post-booster
  ['Estoy agobiadísima con el trabajo', 'negative'], // superlative
  ['Sin ganas de entrenar hoy', 'negative'], // "sin" negates
  ['Me salté el entrenamiento otra vez 😞', 'negative'],
  ['Fatal, no puedo más', 'negative'],
  ['Estoy hecha polvo', 'negative'], // set phrase
  ['¿Cuántas calorías tiene un plátano?', 'neutral'],
  ['¿Es malo comer tarde?', 'neutral'], // judgement word inside a question
  ['¿A qué hora es la sesión?', 'neutral'],
  ['El lunes tengo sesión a las 7', 'neutral'],
  ['Ni bien ni mal', 'neutral'],
];

function accuracy(cases: Labelled[], lang?: ChatLanguage) {
  const misses = cases
    .map(([text, expected]) => ({ text, expected, got: analyzeSentiment(text, lang) }))
    .filter((c) => c.got.label !== c.expected);
  return { accuracy: 1 - misses.length / cases.length, misses };
}

describe('analyzeSentiment', () => {
  it.each([
    ['English', ENGLISH],
    ['Spanish', SPANISH],
  ] as const)('labels every %s example right, and the examples cover every label', (_, cases) => {
    expect(new Set(cases.map(([, label]) => label))).toEqual(new Set(['negative', 'neutral', 'positive']));
    expect(cases.length).toBeGreaterThanOrEqual(12);
    expect(accuracy(cases)).toEqual({ accuracy: 1, misses: [] });
  });

  it('gives the same labels when the language is passed in', () => {
    expect(accuracy(ENGLISH, 'en').misses).toEqual([]);
    expect(accuracy(SPANISH, 'es').misses).toEqual([]);
  });

  it('reports the language it used, and null when unsure', () => {
    expect(analyzeSentiment('I skipped my workout again').language).toBe('en');
    expect(analyzeSentiment('no he dormido bien').language).toBe('es');
    expect(analyzeSentiment('👍')).toMatchObject({ language: null, label: 'positive' });
  });

  it('keeps the score within -1..1 however strong the message', () => {
    const praise = analyzeSentiment('Amazing amazing amazing, best week ever!!!!!!! 🎉🎉🎉🥳😍');
    const despair = analyzeSentiment('terrible awful horrible worst week, so sad and exhausted 😭😭😭');
    expect(praise.score).toBeLessThanOrEqual(1);
    expect(praise.score).toBeGreaterThan(0.9);
    expect(despair.score).toBeGreaterThanOrEqual(-1);
    expect(despair.score).toBeLessThan(-0.9);
  });

  it('scores an empty or wordless message as neutral', () => {
    expect(analyzeSentiment('')).toEqual({ score: 0, label: 'neutral', language: null });
    expect(analyzeSentiment('...')).toEqual({ score: 0, label: 'neutral', language: null });
  });

  it('makes a booster stronger and a damper weaker', () => {
    const plain = analyzeSentiment('I am tired').score;
    expect(analyzeSentiment('I am very tired').score).toBeLessThan(plain);
    expect(analyzeSentiment('I am a bit tired').score).toBeGreaterThan(plain);
  });

  it('lets "!" emphasise whichever way the message already leans', () => {
    expect(analyzeSentiment('Great session!!').score).toBeGreaterThan(
      analyzeSentiment('Great session').score,
    );
    expect(analyzeSentiment('Bad session!!').score).toBeLessThan(analyzeSentiment('Bad session').score);
    expect(analyzeSentiment('See you Monday!!').score).toBe(0);
  });
});

// Hazard: a lexicon that grows without bound (or a key the normaliser mangles) silently changes scores.
describe.each([
  ['English', LEXICON_EN],
  ['Spanish', LEXICON_ES],
] as const)('the %s lexicon', (_, lexicon) => {
  const words = Object.entries(lexicon.valence);

  it('has 150 to 300 weighted entries', () => {
    const weighted = words.filter(([, valence]) => valence !== 0);
    expect(weighted.length).toBeGreaterThanOrEqual(150);
    expect(weighted.length).toBeLessThanOrEqual(300);
  });

  it('keeps every weight within -4..4 and every key made of whole tokens', () => {
    for (const [word, valence] of words) {
      expect(Math.abs(valence), word).toBeLessThanOrEqual(4);
      expect(tokenize(word).length, word).toBe(word.split(' ').length);
    }
  });
});
