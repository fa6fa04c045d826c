// Ingestion throughput: a generated ~200-page PDF through (a) the bare
// extractor and (b) the product's pipeline — createKnowledgeIngestionService
// with an in-memory storage holding the file: extract (with page batches
// chunked and indexed meanwhile on PostgreSQL) → chunk → the final index swap —
// on PostgreSQL, on PostgreSQL without page batches (the whole document indexed
// after parsing, as before them) and on PGlite (no batches there). Rounds
// interleave the variants so drift in the machine hits them alike.
import { createHash, randomUUID } from 'node:crypto';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import {
  createPgliteDatabase,
  type createPostgresDatabase,
  type Database,
  drizzleOver,
  migrate,
  type RunStatement,
  TENANT_PRELUDE,
  type TenantTx,
} from '@companero/db';
import { extractionStage } from '@companero/server/src/modules/knowledge/extraction-stage.ts';
import { extractText } from '@companero/server/src/modules/knowledge/ingestion/index.ts';
import { createKnowledgeRepository } from '@companero/server/src/modules/knowledge/knowledge.repository.ts';
import {
  createKnowledgeIngestionService,
  type ExtractionStage,
} from '@companero/server/src/modules/knowledge/knowledge-ingestion.service.ts';
import { createMemoryStorage, storageKeyFor } from '@companero/server/src/platform/storage/index.ts';
import { sql } from 'drizzle-orm';
import { median, round } from '../stats.ts';
import { cpuMeter, createCreator, log } from './common.ts';
import { buildBookPdf } from './pdf.ts';

type Logger = Parameters<typeof createKnowledgeIngestionService>[0]['logger'];
const silentLogger = { info() {}, warn() {}, error() {}, debug() {} } as unknown as Logger;

interface PipelineTiming {
  totalMs: number;
  extractMs: number;
  chunkMs: number;
  /** The final transaction: the chunks not in a batch yet (all of them without batches) + version and document rows. */
  indexTxMs: number;
  /** The three progress transactions, the first read, and waiting for page batches still running after parsing. */
  otherDbMs: number;
}

/** One engine's pipeline, ready to ingest the same file as a new document each round. */
async function pipelineOn(db: Database, label: string, bytes: Uint8Array, batchPages?: number) {
  const repo = createKnowledgeRepository();
  const storage = createMemoryStorage();
  const creatorId = await createCreator(db, `ingest-${label}`);
  let txMs: number[] = [];
  // The service's own database, with each transaction timed (the last one is the index swap).
  const timedDb: Database = {
    ...db,
    async withTenant(id, fn) {
      const t = performance.now();
      try {
        return await db.withTenant(id, fn);
      } finally {
        txMs.push(performance.now() - t);
      }
    },
  };
  let extractMs = 0;
  let chunkMs = 0;
  const extraction: ExtractionStage = {
    ...extractionStage,
    async extract(b, kind, onPage) {
      const t = performance.now();
      const out = await extractionStage.extract(b, kind, onPage);
      extractMs = performance.now() - t;
      return out;
    },
    chunk(doc) {
      const t = performance.now();
      const out = extractionStage.chunk(doc);
      chunkMs = performance.now() - t;
      return out;
    },
  };
  const service = createKnowledgeIngestionService({
    db: timedDb,
    repo,
    storage,
    extraction,
    logger: silentLogger,
    // BENCH_KB_BATCH_PAGES tries another batch size (0: index the whole document at the end).
    ...(batchPages !== undefined
      ? { batchPages }
      : process.env.BENCH_KB_BATCH_PAGES
        ? { batchPages: Number(process.env.BENCH_KB_BATCH_PAGES) }
        : {}),
  });
  const sha256 = createHash('sha256').update(bytes).digest('hex');

  return {
    async run(): Promise<PipelineTiming & { chunks: number; postings: number }> {
      // Upload side (not measured): the stored file and its document and version rows, as the upload service leaves them.
      const documentId = randomUUID();
      const key = storageKeyFor(creatorId, 'kb', documentId, randomUUID(), 'coaching-book.pdf');
      await storage.put(key, Buffer.from(bytes));
      await db.withTenant(creatorId, async (tx) => {
        await repo.insertDocument(tx, {
          id: documentId,
          title: 'coaching-book',
          kind: 'pdf',
          sizeBytes: bytes.byteLength,
        });
        await repo.insertVersion(tx, {
          documentId,
          version: 1,
          storageKey: key,
          originalFilename: 'coaching-book.pdf',
          kind: 'pdf',
          sizeBytes: bytes.byteLength,
          sha256,
          createdBy: 'creator:bench',
        });
      });
      txMs = [];
      const t = performance.now();
      await service.ingestVersion({ creatorId, documentId, version: 1 });
      const totalMs = performance.now() - t;
      const indexTxMs = txMs[txMs.length - 1] ?? 0;
      const [counts] = await db.withTenant(creatorId, (tx) =>
        tx.execute<{ status: string; chunks: number; postings: number }>(sql`
          select (select status from kb_documents where id = ${documentId}) as status,
                 (select count(*)::int from kb_chunks where document_id = ${documentId}) as chunks,
                 (select count(*)::int from kb_postings p join kb_chunks c on c.id = p.chunk_id
                   where c.document_id = ${documentId}) as postings`),
      );
      if (counts?.status !== 'ready') throw new Error(`${label}: ingestion ended as ${counts?.status}`);
      return {
        totalMs,
        extractMs,
        chunkMs,
        indexTxMs,
        otherDbMs: totalMs - extractMs - chunkMs - indexTxMs,
        chunks: counts.chunks,
        postings: counts.postings,
      };
    },
  };
}

const STATEMENTS: [RegExp, string][] = [
  [/^select .* from "kb_documents" .* for update/is, 'lock the document row'],
  [/^\s*with old as materialized/i, 'forget old chunks, kb_stats, kb_terms (none here)'],
  [
    /^\s*with src as materialized/i,
    'index: to_tsvector once; chunks with term counts, kb_stats, postings with impacts, kb_terms (one statement)',
  ],
  [/^update "kb_document_versions"/i, 'version row (with the extracted text)'],
  [/^update "kb_documents"/i, 'document row'],
];

/**
 * Where the index transaction's time goes: the same statements as the last
 * transaction of ingestVersion (repo.findDocumentForUpdate, replaceChunks,
 * updateVersion, updateDocument), each timed on one tenant connection.
 */
async function indexStatementTimings(
  db: Awaited<ReturnType<typeof createPostgresDatabase>>,
  bytes: Uint8Array,
) {
  const repo = createKnowledgeRepository();
  const creatorId = await createCreator(db, 'ingest-statements');
  const extracted = await extractionStage.extract(bytes, 'pdf');
  const chunks = extractionStage.chunk(extracted);
  const documentId = randomUUID();
  await db.withTenant(creatorId, async (tx) => {
    await repo.insertDocument(tx, { id: documentId, title: 'coaching-book', kind: 'pdf' });
    await repo.insertVersion(tx, {
      documentId,
      version: 1,
      storageKey: storageKeyFor(creatorId, 'kb', documentId, 'x', 'coaching-book.pdf'),
      originalFilename: 'coaching-book.pdf',
      kind: 'pdf',
      sizeBytes: bytes.byteLength,
      sha256: 'x',
      createdBy: 'creator:bench',
    });
  });
  const timings: { statement: string; ms: number }[] = [];
  const client = await db.pool.connect();
  try {
    await client.query('begin');
    await client.query(TENANT_PRELUDE, [creatorId]);
    const run: RunStatement = async (text, params, rowMode) => {
      const t = performance.now();
      const res =
        rowMode === 'array'
          ? await client.query({ text, values: params, rowMode: 'array' })
          : await client.query({ text, values: params });
      const label = STATEMENTS.find(([re]) => re.test(text))?.[1] ?? text.replace(/\s+/g, ' ').slice(0, 50);
      timings.push({ statement: label, ms: round(performance.now() - t, 1) });
      return { rows: res.rows as unknown[], rowCount: res.rowCount ?? 0 };
    };
    const tx = Object.assign(drizzleOver(run), { creatorId }) as unknown as TenantTx;
    await repo.findDocumentForUpdate(tx, documentId);
    await repo.replaceChunks(
      tx,
      documentId,
      1,
      'english',
      chunks.map((c) => ({
        position: c.position,
        content: c.text,
        page: c.page ?? null,
        pageEnd: c.pageEnd ?? null,
        headingPath: c.headingPath,
      })),
    );
    await repo.updateVersion(tx, documentId, 1, {
      status: 'ready',
      progress: 100,
      extractedText: extracted.text,
      pageCount: extracted.pages?.length ?? null,
      language: extracted.language,
      chunkCount: chunks.length,
      ingestedAt: new Date(),
    });
    await repo.updateDocument(tx, documentId, { currentVersion: 1, status: 'ready', progress: 100 });
    const t = performance.now();
    await client.query('commit');
    timings.push({ statement: 'commit', ms: round(performance.now() - t, 1) });
  } catch (err) {
    await client.query('rollback');
    throw err;
  } finally {
    client.release();
  }
  return timings;
}

type Name = 'bare' | 'pipeline-pg' | 'pipeline-pg-at-end' | 'pipeline-pglite' | 'pipeline-pg-2-at-once';

// A full collection before each measured run, so one run's garbage is not collected during the next.
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

export async function runIngestionBenchmark(opts: {
  pgDb: Awaited<ReturnType<typeof createPostgresDatabase>>;
  adminUrl: string;
  rounds: number;
  pages: number;
}) {
  const { bytes, words } = buildBookPdf(opts.pages);
  const mb = bytes.byteLength / 1024 ** 2;
  log(`ingestion: ${opts.pages}-page PDF, ${round(mb, 2)} MB, ${words} words`);
  const pglite = await createPgliteDatabase({});
  await migrate(pglite);
  try {
    const pg = await pipelineOn(opts.pgDb, 'pg', bytes);
    const pgSecond = await pipelineOn(opts.pgDb, 'pg-2', bytes);
    const lite = await pipelineOn(pglite, 'pglite', bytes);
    // The pipeline before page batches: the whole document indexed after parsing, in the final transaction.
    const atEnd = await pipelineOn(opts.pgDb, 'pg-at-end', bytes, 0);
    // Each variant: how many copies of the file it ingests per run, and the run.
    const variants: Record<Name, { docs: number; run: () => Promise<Record<string, number>> }> = {
      bare: {
        docs: 1,
        run: async () => {
          const t = performance.now();
          const doc = await extractText(bytes, 'pdf');
          if (doc.pages?.length !== opts.pages) throw new Error(`bare: ${doc.pages?.length} pages`);
          return { totalMs: performance.now() - t };
        },
      },
      'pipeline-pg': { docs: 1, run: () => pg.run() as unknown as Promise<Record<string, number>> },
      'pipeline-pg-at-end': { docs: 1, run: () => atEnd.run() as unknown as Promise<Record<string, number>> },
      'pipeline-pglite': { docs: 1, run: () => lite.run() as unknown as Promise<Record<string, number>> },
      // A worker taking two jobs at once: one document's extraction (Node) overlaps the other's indexing (PostgreSQL).
      'pipeline-pg-2-at-once': {
        docs: 2,
        run: async () => {
          const t = performance.now();
          await Promise.all([pg.run(), pgSecond.run()]);
          return { totalMs: performance.now() - t };
        },
      },
    };
    const names = Object.keys(variants) as Name[];
    // Warm-up: one unmeasured run of each (pdf.js and JIT warm, PGlite's first statements compiled).
    for (const name of names) await variants[name].run();
    const runs = Object.fromEntries(names.map((n) => [n, [] as Record<string, number>[]])) as Record<
      Name,
      Record<string, number>[]
    >;
    const meter = await cpuMeter(opts.adminUrl);
    for (let r = 0; r < opts.rounds; r++) {
      // Rotate the order each round so no variant always follows the same one (GC debt, caches).
      for (let k = 0; k < names.length; k++) {
        const name = names[(k + r) % names.length]!;
        collectGarbage();
        const res = await variants[name].run();
        runs[name].push(res);
        log(`ingestion round ${r + 1}/${opts.rounds} ${name}: ${round(res.totalMs!, 0)} ms`);
      }
    }
    const cpu = await meter.stop();
    // Twice: the first warms the statements' paths; the second is reported.
    await indexStatementTimings(opts.pgDb, bytes);
    const indexStatements = await indexStatementTimings(opts.pgDb, bytes);
    const summary = Object.fromEntries(
      names.map((name) => {
        const list = runs[name];
        const med = (k: string) => round(median(list.map((x) => x[k] ?? 0)), 1);
        const totalMs = med('totalMs');
        const docs = variants[name].docs;
        return [
          name,
          {
            docs,
            medianMs: totalMs,
            pagesPerS: round((docs * opts.pages) / (totalMs / 1000), 1),
            mbPerS: round((docs * mb) / (totalMs / 1000), 2),
            runsMs: list.map((x) => round(x.totalMs ?? 0, 1)),
            ...(name === 'pipeline-pg' || name === 'pipeline-pg-at-end' || name === 'pipeline-pglite'
              ? {
                  extractMs: med('extractMs'),
                  chunkMs: med('chunkMs'),
                  indexTxMs: med('indexTxMs'),
                  otherDbMs: med('otherDbMs'),
                  chunks: list[0]?.chunks,
                  postings: list[0]?.postings,
                }
              : {}),
          },
        ];
      }),
    ) as unknown as Record<
      Name,
      { docs: number; medianMs: number; pagesPerS: number; mbPerS: number } & Record<string, unknown>
    >;
    const ratio = (name: Name) => round(summary[name].pagesPerS / summary.bare.pagesPerS, 3);
    return {
      file: { pages: opts.pages, bytes: bytes.byteLength, words },
      rounds: opts.rounds,
      summary,
      ratioPg: ratio('pipeline-pg'),
      ratioPgAtEnd: ratio('pipeline-pg-at-end'),
      ratioPglite: ratio('pipeline-pglite'),
      ratioPgTwoAtOnce: ratio('pipeline-pg-2-at-once'),
      target: 0.7,
      cpu,
      indexStatements,
    };
  } finally {
    await pglite.close();
  }
}
