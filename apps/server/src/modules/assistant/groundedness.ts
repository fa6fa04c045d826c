import { contentTerms } from './content-terms.ts';
import { splitSentences } from './sentences.ts';

/**
 * Share of an answer's sentences supported by the passages it cites: a sentence
 * is supported when at least `minOverlap` of its topic terms appear in one
 * cited passage. Sentences with fewer than three topic terms (greetings,
 * sign-offs) and lead-ins ending in a colon are not claims and are skipped.
 * Returns null when the answer makes no claim at all.
 *
 * @example
 * groundedness('Sleep eight hours [1].', ['Adults should sleep eight hours a night.']) // 1
 */
export function groundedness(answer: string, passages: readonly string[], minOverlap = 0.5): number | null {
  const passageTerms = passages.map((p) => new Set(contentTerms(p)));
  let claims = 0;
  let supported = 0;
  for (const sentence of splitSentences(answer.replace(/\[\d+\]/g, ''))) {
    // "Here is what my material says:" introduces; it claims nothing.
    if (sentence.endsWith(':')) continue;
    const terms = [...new Set(contentTerms(sentence))];
    if (terms.length < 3) continue;
    claims++;
    const best = Math.max(0, ...passageTerms.map((p) => terms.filter((t) => p.has(t)).length / terms.length));
    if (best >= minOverlap) supported++;
  }
  return claims === 0 ? null : supported / claims;
}
