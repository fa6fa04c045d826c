import { type ChatLanguage, detectLanguage } from './detect-language.ts';
import { LEXICON_EN } from './lexicon-en.ts';
import { LEXICON_ES } from './lexicon-es.ts';
import { normalizeText } from './normalize.ts';
import { type CompiledLexicon, compileLexicon, type LexiconEntry } from './sentiment-lexicon.ts';
import { splitSentences } from './split-sentences.ts';

export type SentimentLabel = 'negative' | 'neutral' | 'positive';

export interface SentimentResult {
  /** -1 (most negative) to 1 (most positive). */
  score: number;
  label: SentimentLabel;
  /** The language whose lexicon was used; `null` when it was unclear and both were used. */
  language: ChatLanguage | null;
}

const LEXICONS: Record<ChatLanguage | 'both', CompiledLexicon> = {
  en: compileLexicon(LEXICON_EN),
  es: compileLexicon(LEXICON_ES),
  both: compileLexicon(LEXICON_EN, LEXICON_ES),
};

// The constants of VADER (Hutto & Gilbert, 2014), which this scorer simplifies.
const NORMALIZATION_ALPHA = 15;
const NEGATION_SCALAR = -0.74;
const BOOSTER_SCALAR = 0.3;
const DAMPER_SCALAR = 0.5;
const EXCLAMATION_BOOST = 0.292;
const MAX_EXCLAMATIONS = 4;
const BEFORE_CONTRAST = 0.5;
const AFTER_CONTRAST = 1.5;
// Inside a question, "good", "bad", "mejor"... ask about something ("is it bad to eat late?").
const QUESTION_EVALUATIVE = 0.25;
// A negator or booster reaches this many counted words ahead (pronouns and auxiliaries do not count).
const WINDOW_WORDS = 3;
const WINDOW_TOKENS = 6;
const POSITIVE_FROM = 0.2;
const NEGATIVE_FROM = -0.2;

const EMOJI_VALENCE: Record<string, number> = {
  '🙂': 1.5,
  '😊': 2,
  '😀': 2,
  '😃': 2,
  '😄': 2,
  '😁': 2,
  '😂': 1.5,
  '🤣': 1.5,
  '😍': 2.5,
  '🥰': 2.5,
  '🥳': 2.5,
  '👍': 1.5,
  '👏': 1.5,
  '🙌': 2,
  '💪': 1.5,
  '🎉': 2,
  '🔥': 1.5,
  '🙏': 1,
  '❤': 2.5,
  '💙': 2,
  '💚': 2,
  '💜': 2,
  '😞': -2,
  '😔': -1.8,
  '🙁': -1.5,
  '☹': -1.5,
  '😟': -1.5,
  '😢': -2,
  '😥': -1.5,
  '😭': -2.5,
  '😩': -2,
  '😫': -2,
  '😰': -2,
  '😡': -2.5,
  '😠': -2.2,
  '👎': -1.5,
  '💔': -2.5,
  ':)': 1.5,
  ':-)': 1.5,
  '=)': 1.5,
  ':d': 2,
  '<3': 2.5,
  ':(': -1.5,
  ':-(': -1.5,
  ":'(": -2,
};
const EMOJI = new RegExp(
  Object.keys(EMOJI_VALENCE)
    .map((e) => e.replace(/[()|[\]\\^$.*+?{}]/g, '\\$&'))
    .join('|'),
  'gu',
);
const LAUGHTER = /^(?:(?:ja|je|ha|he){2,}[jh]?|lol|lmao|xd)$/;
const ELONGATED = /(\p{L})\1\1+/gu;
const HAS_ELONGATION = /(\p{L})\1\1/u;
const CLAUSE_BREAK = /[,;:()"]/;
const WORD = /[\p{L}\p{N}]+(?:'[\p{L}\p{N}]+)*/gu;

/** A word or phrase of a sentence, with its clause (commas and the like bound negation). */
interface Unit {
  entry: LexiconEntry;
  clause: number;
}

/**
 * Scores how a chat message feels, from -1 to 1, with a hand-written lexicon per language in the
 * manner of VADER: negation within a few words flips and softens ("no estoy bien", "not good"),
 * boosters and dampers scale ("muy cansada", "a bit tired"), "but"/"pero" shifts weight to what follows,
 * "!" emphasises, and emoji count. Judgement words inside questions barely count, so factual questions
 * stay neutral. Deterministic and dependency-free; not a substitute for reading the message.
 *
 * @example analyzeSentiment('No estoy nada motivada esta semana 😞') // { score: -0.668, label: 'negative', language: 'es' }
 * @example analyzeSentiment('What time is the session on Monday?').label // 'neutral'
 */
export function analyzeSentiment(text: string, lang?: ChatLanguage): SentimentResult {
  const language = lang ?? detectLanguage(text);
  const lexicon = LEXICONS[language ?? 'both'];
  const normalized = normalizeText(text);

  let sum = 0;
  for (const sentence of splitSentences(normalized)) {
    sum += scoreSentence(sentence.text, sentence.isQuestion, lexicon);
  }
  for (const [emoji] of normalized.matchAll(EMOJI)) sum += EMOJI_VALENCE[emoji] ?? 0;
  if (sum !== 0) {
    const exclamations = Math.min(MAX_EXCLAMATIONS, text.split('!').length - 1);
    sum += Math.sign(sum) * exclamations * EXCLAMATION_BOOST;
  }

  const score = Math.round((sum / Math.sqrt(sum * sum + NORMALIZATION_ALPHA)) * 1000) / 1000;
  const label: SentimentLabel =
    score >= POSITIVE_FROM ? 'positive' : score <= NEGATIVE_FROM ? 'negative' : 'neutral';
  return { score, label, language };
}

function scoreSentence(sentence: string, isQuestion: boolean, lexicon: CompiledLexicon): number {
  const units = toUnits(sentence, lexicon);
  const contrastAt = units.findLastIndex((u) => u.entry.role === 'contrast');
  let sum = 0;
  for (let i = 0; i < units.length; i++) {
    const { entry } = units[i]!;
    if (entry.valence === 0) continue;
    let valence = entry.valence * modifierFactor(units, i);
    if (isQuestion && entry.evaluative) valence *= QUESTION_EVALUATIVE;
    if (contrastAt >= 0) valence *= i < contrastAt ? BEFORE_CONTRAST : AFTER_CONTRAST;
    sum += valence;
  }
  return sum;
}

/** The factor the words around `units[i]` put on its valence: boosters, dampers, negation. */
function modifierFactor(units: readonly Unit[], i: number): number {
  const unit = units[i]!;
  let factor = 1;
  let isNegated = false;
  let counted = 0;
  for (let j = i - 1; j >= 0 && i - j <= WINDOW_TOKENS && counted < WINDOW_WORDS; j--) {
    const { entry: before, clause } = units[j]!;
    // Another sentiment word or a "but" opens its own scope: "not sad, just tired" negates only "sad".
    if (clause !== unit.clause || before.valence !== 0 || before.role === 'contrast') break;
    if (before.role === 'negator') isNegated = true;
    else if (before.role === 'booster') factor *= 1 + BOOSTER_SCALAR * (1 - 0.05 * counted);
    else if (before.role === 'damper') factor *= DAMPER_SCALAR;
    if (!before.transparent && before.role !== 'booster' && before.role !== 'damper') counted++;
  }
  for (let j = i + 1; j <= i + 2 && j < units.length; j++) {
    const { entry: after, clause } = units[j]!;
    if (clause !== unit.clause || after.valence !== 0) break;
    if (after.role === 'postBooster') factor *= 1 + BOOSTER_SCALAR;
  }
  // Negation softens as well as flips: "not bad" is less good than "good" (VADER's scalar).
  return isNegated ? factor * NEGATION_SCALAR : factor;
}

const NEUTRAL: LexiconEntry = { valence: 0, role: null, transparent: false, evaluative: false };
// "jajaja", "hahaha", "lol": light-hearted, whatever the spelling.
const LAUGH: LexiconEntry = { valence: 1.5, role: null, transparent: false, evaluative: false };

/** The sentence's words and phrases (longest phrase first), each with what the lexicon says about it. */
function toUnits(sentence: string, lexicon: CompiledLexicon): Unit[] {
  const units: Unit[] = [];
  const clauses = sentence.split(CLAUSE_BREAK);
  for (let clause = 0; clause < clauses.length; clause++) {
    const tokens = clauses[clause]!.match(WORD) ?? [];
    for (let i = 0; i < tokens.length; ) {
      let taken = 1;
      let entry = lookup(tokens[i]!, lexicon);
      const longest = lexicon.phraseStarts.get(tokens[i]!) ?? 0;
      for (let length = Math.min(longest, tokens.length - i); length > 1; length--) {
        const phrase = lexicon.entries.get(tokens.slice(i, i + length).join(' '));
        if (phrase) {
          entry = phrase;
          taken = length;
          break;
        }
      }
      units.push({ entry, clause });
      i += taken;
    }
  }
  return units;
}

function lookup(token: string, lexicon: CompiledLexicon): LexiconEntry {
  const entry = lexicon.entries.get(token);
  if (entry) return entry;
  if (LAUGHTER.test(token)) return LAUGH;
  // "sooo tireddd", "cansadooo": try the doubled, then the single letter.
  if (HAS_ELONGATION.test(token)) {
    return (
      lexicon.entries.get(token.replace(ELONGATED, '$1$1')) ??
      lexicon.entries.get(token.replace(ELONGATED, '$1')) ??
      NEUTRAL
    );
  }
  return NEUTRAL;
}
