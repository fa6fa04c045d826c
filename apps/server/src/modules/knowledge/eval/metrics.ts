/**
 * Ranking metrics as trec_eval / pytrec_eval compute them (BEIR's evaluator):
 * linear gain, log2(rank + 1) discount, ideal DCG from the judged documents,
 * judgments with relevance <= 0 count as not relevant.
 */

/** corpus id → graded relevance for one query. */
export type Judgments = ReadonlyMap<string, number>;

/** Retrieved ids, best first, are deduplicated by the caller's search (one chunk per document here). */
export function dcgAt(ranked: readonly string[], judged: Judgments, k: number): number {
  let dcg = 0;
  for (const [i, id] of ranked.slice(0, k).entries()) {
    const rel = judged.get(id) ?? 0;
    if (rel > 0) dcg += rel / Math.log2(i + 2);
  }
  return dcg;
}

export function ndcgAt(ranked: readonly string[], judged: Judgments, k: number): number {
  const ideal = [...judged.entries()]
    .filter(([, rel]) => rel > 0)
    .sort((a, b) => b[1] - a[1])
    .map(([id]) => id);
  const idcg = dcgAt(ideal, judged, k);
  return idcg === 0 ? 0 : dcgAt(ranked, judged, k) / idcg;
}

export function recallAt(ranked: readonly string[], judged: Judgments, k: number): number {
  let relevant = 0;
  for (const rel of judged.values()) if (rel > 0) relevant += 1;
  if (relevant === 0) return 0;
  const found = ranked.slice(0, k).filter((id) => (judged.get(id) ?? 0) > 0).length;
  return found / relevant;
}

/** Reciprocal rank of the first relevant document within the top k, 0 when there is none. */
export function mrrAt(ranked: readonly string[], judged: Judgments, k: number): number {
  const i = ranked.slice(0, k).findIndex((id) => (judged.get(id) ?? 0) > 0);
  return i === -1 ? 0 : 1 / (i + 1);
}

export function mean(values: readonly number[]): number {
  return values.length === 0 ? 0 : values.reduce((s, x) => s + x, 0) / values.length;
}

/** Nearest-rank percentile (p in 0..100) of unsorted values. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1]!;
}
