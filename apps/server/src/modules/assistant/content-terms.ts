// Stopwords: the words that carry no topic in English and Spanish chat.
const STOPWORDS = new Set(
  (
    'a an and are as at be been but by can could did do does doing for from had has have how i if in into is it its ' +
    'just me my of on or our please should so than that the their them then there these they this to too us was we ' +
    'what when where which who why will with would you your yours am im ive id dont cant about any some more most ' +
    'also get got tell know want need like really very much many thing things way ' +
    'stop start make take use feel keep help best good better should would could let lets great question ' +
    'el la los las un una unos unas y o u de del al a en con por para que se su sus lo le les me mi mis tu tus te ' +
    'es son era fue ser estar esta este esto estos estas ese esa eso como cuando donde cual cuales quien porque pero ' +
    'si no ya muy mas menos hay tengo tiene tienes puedo puede hacer hago hace sobre entre hola gracias quiero saber ' +
    'algo alguna algun cosa cosas nos yo'
  ).split(/\s+/),
);

/** Lower-case, accents removed, split on anything that is not a letter or digit. */
export function plainWords(text: string): string[] {
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

/**
 * The topic-bearing terms of a text, crudely stemmed (first six letters) so
 * "sleeping"/"sleep" and "entrenamiento"/"entrenar" meet. Good enough to tell
 * whether two texts talk about the same thing; ranking is the search index's job.
 *
 * @example
 * contentTerms('How much protein should I eat?') // ['protei', 'eat']
 */
export function contentTerms(text: string): string[] {
  const out: string[] = [];
  for (const w of plainWords(text)) {
    if (w.length < 3 && !/\d/.test(w)) continue;
    if (STOPWORDS.has(w)) continue;
    out.push(w.length > 6 ? w.slice(0, 6) : w);
  }
  return out;
}

/** Share of `query`'s distinct terms found in `text` (0..1); 0 for an empty query. */
export function termCoverage(queryTerms: readonly string[], text: string | Set<string>): number {
  const q = new Set(queryTerms);
  if (q.size === 0) return 0;
  const t = typeof text === 'string' ? new Set(contentTerms(text)) : text;
  let hit = 0;
  for (const term of q) if (t.has(term)) hit++;
  return hit / q.size;
}
