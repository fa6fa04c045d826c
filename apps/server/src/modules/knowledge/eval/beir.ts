import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** One corpus document of a BEIR dataset (`corpus.jsonl`). */
export interface BeirDocument {
  id: string;
  title: string;
  text: string;
}

/** One query of a BEIR dataset (`queries.jsonl`). */
export interface BeirQuery {
  id: string;
  text: string;
}

/** query id → (corpus id → graded relevance). */
export type Qrels = Map<string, Map<string, number>>;

export interface BeirDataset {
  corpus: BeirDocument[];
  /** Only the queries judged in the split's qrels, in the order of `queries.jsonl`. */
  queries: BeirQuery[];
  qrels: Qrels;
}

function readJsonl(file: string): unknown[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line, i) => {
      try {
        return JSON.parse(line) as unknown;
      } catch (err) {
        throw new Error(`${file}:${i + 1}: not JSON (${(err as Error).message})`);
      }
    });
}

function field(row: unknown, name: string, file: string): string {
  const value = (row as Record<string, unknown>)[name];
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  if (value === undefined && name === 'title') return '';
  throw new Error(`${file}: a row has no string "${name}"`);
}

/** Parses a BEIR qrels TSV (`query-id corpus-id score`, with header); a score of 0 is kept but not relevant. */
export function parseQrels(tsv: string): Qrels {
  const qrels: Qrels = new Map();
  const lines = tsv.split(/\r?\n/).filter((l) => l.trim() !== '');
  for (const [i, line] of lines.entries()) {
    const [qid, docId, score] = line.split('\t');
    if (i === 0 && qid === 'query-id') continue;
    if (qid === undefined || docId === undefined || score === undefined || Number.isNaN(Number(score))) {
      throw new Error(
        `qrels line ${i + 1}: expected "query-id<TAB>corpus-id<TAB>score", got ${JSON.stringify(line)}`,
      );
    }
    const judged = qrels.get(qid) ?? new Map<string, number>();
    judged.set(docId, Number(score));
    qrels.set(qid, judged);
  }
  return qrels;
}

/**
 * Loads `<dir>/corpus.jsonl`, `<dir>/queries.jsonl` and `<dir>/qrels/<split>.tsv`
 * (the layout BEIR's GenericDataLoader reads).
 */
export function loadBeirDataset(dir: string, split = 'test'): BeirDataset {
  const corpusFile = join(dir, 'corpus.jsonl');
  const queriesFile = join(dir, 'queries.jsonl');
  const corpus = readJsonl(corpusFile).map((row) => ({
    id: field(row, '_id', corpusFile),
    title: field(row, 'title', corpusFile),
    text: field(row, 'text', corpusFile),
  }));
  const qrels = parseQrels(readFileSync(join(dir, 'qrels', `${split}.tsv`), 'utf8'));
  const queries = readJsonl(queriesFile)
    .map((row) => ({ id: field(row, '_id', queriesFile), text: field(row, 'text', queriesFile) }))
    .filter((q) => qrels.has(q.id));
  const missing = [...qrels.keys()].filter((id) => !queries.some((q) => q.id === id));
  if (missing.length > 0)
    throw new Error(`qrels name queries missing from queries.jsonl: ${missing.slice(0, 5).join(', ')}`);
  return { corpus, queries, qrels };
}

/** The text indexed for a corpus document: one chunk, title and body (Anserini's "flat" BEIR indexing). */
export function chunkText(doc: BeirDocument): string {
  return doc.title ? `${doc.title}\n${doc.text}` : doc.text;
}
