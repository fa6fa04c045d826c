// End users' questions over the knowledge bench's synthetic corpus: the
// knowledge bench's query mix (common topic words, content words, rare words,
// planted needle phrases, other creators' needles), phrased as a client would
// ask a coach. Deterministic: the same corpus plan gives the same questions.

import { type BenchQuery, buildQueries } from '../knowledge/search.ts';
import type { Vocabulary } from '../knowledge/text.ts';

type Planted = Parameters<typeof buildQueries>[1];

const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

function phrase(q: BenchQuery, i: number): string {
  switch (q.cls) {
    case 'needle':
      // The planted sentence reads "Try the <needle> exercise with your client."
      return i % 2
        ? `How do I run the ${q.text} exercise with a client?`
        : `Can you explain the ${q.text} exercise?`;
    case 'foreign':
      return `What is the ${q.text} exercise?`;
    default:
      if (/^(how|what|why)\b/.test(q.text)) return `${capital(q.text)}?`;
      return i % 3 === 0
        ? `Any advice on ${q.text}?`
        : i % 3 === 1
          ? `What should I do about ${q.text}?`
          : `${capital(q.text)}: where do I start?`;
  }
}

export interface Question {
  cls: BenchQuery['cls'];
  text: string;
}

export function buildQuestions(vocab: Vocabulary, planted: Planted, n: number): Question[] {
  return buildQueries(vocab, planted, n).map((q, i) => ({ cls: q.cls, text: phrase(q, i) }));
}
