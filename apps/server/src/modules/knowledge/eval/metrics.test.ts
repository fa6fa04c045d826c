import { describe, expect, it } from 'vitest';
import { parseQrels } from './beir.ts';
import { dcgAt, mean, mrrAt, ndcgAt, percentile, recallAt } from './metrics.ts';

// Hand-computed toy query: a is highly relevant (2), b and d relevant (1), c judged not relevant (0),
// x unjudged. The system ranks x, a, c, d, b.
const judged = new Map([
  ['a', 2],
  ['b', 1],
  ['c', 0],
  ['d', 1],
]);
const ranked = ['x', 'a', 'c', 'd', 'b'];

describe('ranking metrics', () => {
  it('DCG uses linear gain and a log2(rank + 1) discount', () => {
    // rank 2: 2 / log2(3)
    expect(dcgAt(ranked, judged, 3)).toBeCloseTo(2 / Math.log2(3), 10);
    // + rank 4: 1 / log2(5), rank 5: 1 / log2(6)
    expect(dcgAt(ranked, judged, 5)).toBeCloseTo(2 / Math.log2(3) + 1 / Math.log2(5) + 1 / Math.log2(6), 10);
  });

  it('nDCG divides by the ideal DCG of the judged documents, cut at k', () => {
    const idcg3 = 2 + 1 / Math.log2(3) + 1 / Math.log2(4); // a, b, d in ideal order = 3.1309
    expect(ndcgAt(ranked, judged, 3)).toBeCloseTo(2 / Math.log2(3) / idcg3, 10); // 0.4030
    expect(ndcgAt(ranked, judged, 3)).toBeCloseTo(0.40303, 4);
    expect(ndcgAt(ranked, judged, 5)).toBeCloseTo(0.66414, 4);
    expect(ndcgAt(['a', 'b', 'd'], judged, 10)).toBe(1);
    // One relevant document at rank 2 of a binary query.
    expect(ndcgAt(['x', 'r'], new Map([['r', 1]]), 10)).toBeCloseTo(1 / Math.log2(3), 10);
    expect(ndcgAt(['x'], new Map([['c', 0]]), 10)).toBe(0);
  });

  it('recall counts relevant documents found in the top k over all relevant ones', () => {
    expect(recallAt(ranked, judged, 3)).toBeCloseTo(1 / 3, 10);
    expect(recallAt(ranked, judged, 4)).toBeCloseTo(2 / 3, 10);
    expect(recallAt(ranked, judged, 100)).toBe(1);
    expect(recallAt([], judged, 10)).toBe(0);
  });

  it('MRR is the reciprocal rank of the first relevant document within k', () => {
    expect(mrrAt(ranked, judged, 10)).toBe(0.5);
    expect(mrrAt(ranked, judged, 1)).toBe(0);
    expect(mrrAt(['c', 'x'], judged, 10)).toBe(0);
  });

  it('averages and nearest-rank percentiles', () => {
    expect(mean([0.40303, 1, 0])).toBeCloseTo(0.46768, 5);
    expect(mean([])).toBe(0);
    const xs = [5, 1, 4, 2, 3, 10, 6, 7, 9, 8];
    expect(percentile(xs, 50)).toBe(5);
    expect(percentile(xs, 95)).toBe(10);
    expect(percentile([42], 95)).toBe(42);
  });
});

describe('BEIR qrels', () => {
  it('parses the TSV with its header into graded judgments per query', () => {
    const qrels = parseQrels('query-id\tcorpus-id\tscore\n1\tA\t1\n1\tB\t2\r\n3\tC\t0\n');
    expect([...qrels.keys()]).toEqual(['1', '3']);
    expect(qrels.get('1')?.get('B')).toBe(2);
    expect(qrels.get('3')?.get('C')).toBe(0);
  });
});
