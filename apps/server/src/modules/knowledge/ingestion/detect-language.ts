import type { DocumentLanguage } from './ingestion.types.ts';

// Frequent function words that exist in only one of the two languages (no "a", "no", "me", "he", "son"...),
// so a hit is evidence for that language alone.
const ENGLISH = new Set(
  'the and of to is that it for with as was on are be this by you not or have from at which but they his her we can will an were been has their would what there if about your our should how when who into than them these its do does my just also'.split(
    ' ',
  ),
);
const SPANISH = new Set(
  'de la que el en los las del se por un una con para es al lo como más pero sus su le ya este esta porque muy sin sobre también hasta hay donde quien desde todo nos durante todos uno les ni contra otros ese eso ante ellos esto antes algunos qué unos yo otro otras otra él tanto esa estos mucho quienes nada muchos cual poco ella estar estas algunas algo nosotros está fue ser han entre cuando puede tiene son sólo solo cómo'.split(
    ' ',
  ),
);

// Enough text to be sure, little enough to stay fast on a 300-page book.
const SAMPLE_CHARS = 100_000;
// Real prose is 30–50 % function words; below this share it is a list, a table or code.
const MIN_SHARE = 0.08;

/**
 * Guesses English or Spanish from the share of each language's function words
 * (a light heuristic: good enough to pick a stemmer). Returns `simple` when
 * neither clearly wins (other languages, tables of numbers, very short texts).
 *
 * @example detectLanguage('Las proteínas ayudan a recuperar los músculos') // 'es'
 */
export function detectLanguage(text: string): DocumentLanguage {
  const words =
    text
      .slice(0, SAMPLE_CHARS)
      .toLowerCase()
      .match(/\p{L}+/gu) ?? [];
  let en = 0;
  let es = 0;
  for (const w of words) {
    if (ENGLISH.has(w)) en++;
    else if (SPANISH.has(w)) es++;
  }
  if (en + es < 2 || (en + es) / words.length < MIN_SHARE) return 'simple';
  if (en >= 2 * es && en >= 2) return 'en';
  if (es >= 2 * en && es >= 2) return 'es';
  return 'simple';
}
