// `npm run eval:retrieval -- [<beir-dataset-dir>] [--queries N] [--index-mode bulk|repository] [--no-recall100] [--analyze]
//   [--top-n N] [--rescore N] [--exact] [--reimpact current|<avgdl>] [--out file]`
//
// Indexes a BEIR dataset (corpus.jsonl, queries.jsonl, qrels/test.tsv) into an
// empty database through the knowledge repository, runs every judged test query
// through its BM25 `search` and prints nDCG@10, Recall@10/100 and MRR@10 next to
// the published BM25 baselines. PGlite in memory unless DATABASE_URL is set (then
// a scratch database is created on that server and dropped afterwards).
// See docs/retrieval-eval.md.

import { mkdirSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { loadBeirDataset } from './beir.ts';
import type { IndexMode } from './indexer.ts';
import { openEvalDatabase, runRetrievalEval, SCIFACT_BASELINES, TARGET_NDCG10 } from './retrieval-eval.ts';

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(here, '../../../../../..');
const defaultDataset = resolve(repoRoot, '..', 'shared', 'evals', 'beir-scifact');

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    queries: { type: 'string' },
    'index-mode': { type: 'string', default: 'bulk' },
    'batch-size': { type: 'string' },
    'no-recall100': { type: 'boolean', default: false },
    analyze: { type: 'boolean', default: false },
    'top-n': { type: 'string' },
    rescore: { type: 'string' },
    exact: { type: 'boolean', default: false },
    reimpact: { type: 'string' },
    out: { type: 'string' },
  },
});
const reimpact =
  values.reimpact === undefined || values.reimpact === 'current' ? values.reimpact : Number(values.reimpact);
if (typeof reimpact === 'number' && !(reimpact > 0))
  throw new Error('--reimpact must be current or a positive number');
const mode = values['index-mode'];
if (mode !== 'bulk' && mode !== 'repository') throw new Error('--index-mode must be bulk or repository');

// npm runs scripts from the package root; resolve a relative path against where the user typed it.
const cwd = process.env.INIT_CWD ?? process.cwd();
const dir = positionals[0] ? resolve(cwd, positionals[0]) : defaultDataset;
const name = basename(dir).replace(/^beir-/, '');
const out = values.out ? resolve(cwd, values.out) : join(here, 'results', `${name}.json`);

const data = loadBeirDataset(dir);
console.log(`Dataset ${dir}: ${data.corpus.length} documents, ${data.queries.length} judged test queries`);
const { db, label, close } = await openEvalDatabase(process.env.DATABASE_URL || undefined);
console.log(`Database: ${label}`);
let result: Awaited<ReturnType<typeof runRetrievalEval>>;
try {
  result = await runRetrievalEval(db, data, {
    indexMode: mode as IndexMode,
    batchSize: values['batch-size'] ? Number(values['batch-size']) : undefined,
    queryCount: values.queries ? Number(values.queries) : undefined,
    recall100: !values['no-recall100'],
    analyze: values.analyze,
    tuning: {
      topN: values['top-n'] ? Number(values['top-n']) : undefined,
      rescore: values.rescore ? Number(values.rescore) : undefined,
      exact: values.exact,
    },
    reimpact: reimpact as number | 'current' | undefined,
    log: (line) => console.log(line),
  });
} finally {
  await close();
}

const m = result.metrics;
const fmt = (x: number | null | undefined) => (x === null || x === undefined ? '—' : x.toFixed(4));
const b = SCIFACT_BASELINES;
const isSciFact = name === 'scifact';
const rows: [string, number | null, number | null, number | null, number | null][] = [
  ['nDCG@10', m.ndcg10, b.beirPaperBm25.ndcg10, b.anseriniFlat.ndcg10, b.anseriniMultifield.ndcg10],
  ['Recall@10', m.recall10, null, null, null],
  ['Recall@100', m.recall100, null, b.anseriniFlat.recall100, b.anseriniMultifield.recall100],
  ['MRR@10', m.mrr10, null, null, null],
];
console.log('');
console.log(`Retrieval quality, ${result.queries} queries over ${result.documents} documents`);
if (isSciFact) {
  console.log(
    `${'metric'.padEnd(12)}${'ours'.padStart(9)}${'BM25 BEIR'.padStart(12)}${'Anserini flat'.padStart(16)}${'Anserini mf'.padStart(14)}`,
  );
  for (const [metric, ours, paper, flat, mf] of rows) {
    console.log(
      `${metric.padEnd(12)}${fmt(ours).padStart(9)}${fmt(paper).padStart(12)}${fmt(flat).padStart(16)}${fmt(mf).padStart(14)}`,
    );
  }
} else {
  for (const [metric, ours] of rows) console.log(`${metric.padEnd(12)}${fmt(ours).padStart(9)}`);
}
const pass = m.ndcg10 >= TARGET_NDCG10;
const partial =
  result.queries < data.queries.length ? ` (subset of ${data.queries.length}: not comparable)` : '';
console.log('');
console.log(
  `Target nDCG@10 >= ${TARGET_NDCG10} (published BM25): ${pass ? 'PASS' : 'FAIL'} (${m.ndcg10.toFixed(4)})${partial}`,
);
const ix = result.indexing;
console.log(
  `Indexing (${ix.mode}): ${ix.seconds.toFixed(1)} s, ${ix.docsPerSecond.toFixed(0)} docs/s, ${ix.postings} postings, ${ix.avgTerms.toFixed(1)} terms/chunk`,
);
const knobs = [
  values['top-n'] ? `top ${values['top-n']} postings per term` : '',
  values.rescore ? `${values.rescore} re-scored` : '',
  values.exact ? 'exact path' : '',
  ix.reimpact === null ? '' : `impacts recomputed with avgdl ${ix.reimpact}`,
].filter(Boolean);
console.log(
  `Search: ${knobs.length ? knobs.join(', ') : 'product defaults'}; paths ${JSON.stringify(result.paths)}`,
);
const planner = ix.analyzed ? 'after ANALYZE' : 'no planner statistics unless autovacuum ran';
const l10 = result.latencyMs.limit10;
const l100 = result.latencyMs.limit100;
console.log(
  `Query latency (${planner}) limit 10: p50 ${l10.p50.toFixed(1)} ms, p95 ${l10.p95.toFixed(1)} ms` +
    (l100 ? `; limit 100: p50 ${l100.p50.toFixed(1)} ms, p95 ${l100.p95.toFixed(1)} ms` : ''),
);

mkdirSync(dirname(out), { recursive: true });
writeFileSync(
  out,
  `${JSON.stringify(
    {
      dataset: dir,
      split: 'test',
      database: label,
      node: process.version,
      finishedAt: new Date().toISOString(),
      target: { ndcg10: TARGET_NDCG10, pass },
      baselines: isSciFact ? SCIFACT_BASELINES : undefined,
      ...result,
    },
    null,
    2,
  )}\n`,
);
console.log(`Results: ${out}`);
