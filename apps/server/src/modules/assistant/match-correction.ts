import { contentTerms } from './content-terms.ts';

export interface CorrectionCandidate {
  id: string;
  question: string;
  answer: string;
  /** The question's topic terms, when computed beforehand (the engine caches them per creator). */
  terms?: ReadonlySet<string>;
}

/**
 * The creator's correction whose question best matches this one, if it is
 * similar enough: Dice overlap of topic terms ≥ `threshold`. Corrections are
 * few per creator, so this runs in memory.
 *
 * @example
 * matchCorrection('how much water a day?', [{ id, question: 'How much water should I drink a day?', answer }])
 * // { correction: {...}, score: 0.8 }
 */
export function matchCorrection<C extends CorrectionCandidate>(
  question: string,
  corrections: readonly C[],
  threshold = 0.6,
): { correction: C; score: number } | null {
  const q = new Set(contentTerms(question));
  if (q.size === 0) return null;
  let best: { correction: C; score: number } | null = null;
  for (const c of corrections) {
    const terms = c.terms ?? new Set(contentTerms(c.question));
    if (terms.size === 0) continue;
    let shared = 0;
    for (const t of q) if (terms.has(t)) shared++;
    const score = (2 * shared) / (q.size + terms.size);
    if (score >= threshold && (!best || score > best.score)) best = { correction: c, score };
  }
  return best;
}
