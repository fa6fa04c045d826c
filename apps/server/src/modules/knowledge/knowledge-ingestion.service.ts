import type { KnowledgeEvent } from '@companero/contracts';
import type { Database } from '@companero/db';
import type { Logger } from 'pino';
import type { FileStorage } from '../../platform/storage/index.ts';
import type { KnowledgeRepository, NewChunk, TsConfig } from './knowledge.repository.ts';

type Language = 'en' | 'es' | 'simple';
type Page = { number: number; text: string };

/** What the pipeline needs from the extraction stage (ingestion/): narrow, so tests can see each step. */
export interface ExtractionStage {
  /**
   * `onPage` (PDFs) receives each page as soon as it is read, in order, with the
   * page count, before the promise resolves: the pipeline chunks and indexes the
   * first pages while later ones are parsed.
   */
  extract(
    bytes: Uint8Array,
    kind: 'pdf' | 'docx' | 'markdown' | 'text',
    onPage?: (page: Page, total: number) => void,
  ): Promise<{
    text: string;
    pages?: Page[];
    language: Language;
    format?: 'markdown' | 'plain';
  }>;
  chunk(doc: { text: string; pages?: Page[]; language: Language; format?: 'markdown' | 'plain' }): {
    position: number;
    text: string;
    page?: number;
    pageEnd?: number;
    headingPath: string[];
  }[];
  /** The language `extract` would report for this text (picks the text search configuration). */
  detectLanguage(text: string): Language;
  /** Errors the creator should read (corrupt, encrypted, no text...); anything else is a bug and is retried. */
  isUserFacingError(err: unknown): err is Error & { code: string };
}

/** PDF pages per batch indexed while later pages are still being parsed (0: no batches). */
export const INGEST_BATCH_PAGES = 20;

const CONFIG_OF: Record<Language, TsConfig> = {
  en: 'english',
  es: 'spanish',
  simple: 'simple',
};
const LANGUAGE_OF: Record<TsConfig, Language> = { english: 'en', spanish: 'es', simple: 'simple' };

async function readAll(stream: NodeJS.ReadableStream): Promise<Uint8Array> {
  const parts: Buffer[] = [];
  for await (const part of stream) parts.push(Buffer.from(part as Buffer));
  return Buffer.concat(parts);
}

const toRow = (c: ReturnType<ExtractionStage['chunk']>[number]): NewChunk => ({
  position: c.position,
  content: c.text,
  page: c.page ?? null,
  pageEnd: c.pageEnd ?? null,
  headingPath: c.headingPath,
});

const sameChunk = (a: NewChunk, b: NewChunk) =>
  a.position === b.position &&
  a.content === b.content &&
  a.page === b.page &&
  a.pageEnd === b.pageEnd &&
  a.headingPath.length === b.headingPath.length &&
  a.headingPath.every((h, i) => h === b.headingPath[i]);

/**
 * The worker side of the knowledge base: one version from stored file to
 * searchable chunks. Each stage is committed separately so the dashboard shows
 * progress. The version becomes current (searchable) in one final transaction,
 * so search never sees a half-indexed document and a retry after a crash starts
 * cleanly.
 *
 * A long PDF is indexed while it is parsed: every `batchPages` pages are
 * chunked and written, in their own short transaction, as rows of the new
 * version, which search ignores until the final transaction makes it current
 * (that one indexes the last pages, drops the other versions' chunks and flips
 * the document). PostgreSQL indexes on one core while pdf.js parses on the
 * other (not on embedded PGlite, which shares this thread). At the end the
 * whole document is chunked once more: the batches are kept only if they are
 * exactly its first chunks with the same text search configuration and all
 * still stored, otherwise the final transaction indexes everything as before.
 */
export function createKnowledgeIngestionService(deps: {
  db: Database;
  repo: KnowledgeRepository;
  storage: Pick<FileStorage, 'get'>;
  extraction: ExtractionStage;
  logger: Logger;
  /** Called after a version's chunks became current and searchable (e.g. to embed them). */
  onIndexed?: (version: { creatorId: string; documentId: string; version: number }) => Promise<void>;
  /** Told after each stage commits (the dashboard shows it live); must not throw. */
  onProgress?: (
    creatorId: string,
    event: Omit<Extract<KnowledgeEvent, { type: 'document' }>, 'type'>,
  ) => void;
  /** PDF pages per batch indexed during parsing; default INGEST_BATCH_PAGES (0 on PGlite), 0 indexes only at the end. */
  batchPages?: number;
}) {
  const { db, repo, storage, extraction, logger } = deps;
  // Embedded PGlite runs in this thread: nothing to overlap, batches would only add transactions.
  const batchPages = deps.batchPages ?? (db.driver === 'pglite' ? 0 : INGEST_BATCH_PAGES);
  let lastAnalyzedAt = 0;

  async function setStage(
    creatorId: string,
    documentId: string,
    version: number,
    status: 'extracting' | 'chunking' | 'indexing',
    progress: number,
    versionFields: { extractedText?: string; pageCount?: number | null } = {},
  ) {
    await db.withTenant(creatorId, async (tx) => {
      await repo.updateVersion(tx, documentId, version, { status, progress, ...versionFields });
      const doc = await repo.findDocument(tx, documentId);
      // Only the latest version drives the document's visible status.
      if (doc && doc.latestVersion === version)
        await repo.updateDocument(tx, documentId, { status, progress, errorCode: null, errorMessage: null });
    });
    deps.onProgress?.(creatorId, {
      documentId,
      version,
      status,
      progress,
      errorCode: null,
      errorMessage: null,
    });
  }

  async function fail(creatorId: string, documentId: string, version: number, code: string, message: string) {
    await db.withTenant(creatorId, async (tx) => {
      await repo.updateVersion(tx, documentId, version, {
        status: 'failed',
        progress: 100,
        errorCode: code,
        errorMessage: message,
        ingestedAt: new Date(),
      });
      const doc = await repo.findDocumentForUpdate(tx, documentId);
      // Batches written before the failure showed (e.g. text over the size limit) go.
      if (doc && doc.currentVersion !== version)
        await repo.forgetVersionChunks(tx, documentId, version, { except: false });
      if (doc && doc.latestVersion === version) {
        await repo.updateDocument(tx, documentId, {
          status: 'failed',
          progress: 100,
          errorCode: code,
          errorMessage: message,
        });
      }
    });
    deps.onProgress?.(creatorId, {
      documentId,
      version,
      status: 'failed',
      progress: 100,
      errorCode: code,
      errorMessage: message,
    });
  }

  /**
   * Indexes a PDF's pages in batches as they are read, as rows of `version`
   * that search ignores. Batches run one after another behind the parser;
   * one that finds the document gone, or this version already or no longer
   * the one to become current, stops the rest. A failed batch is logged and
   * stops the rest too: the final transaction indexes what they did not write.
   */
  function pageBatches(creatorId: string, documentId: string, version: number) {
    const pages: Page[] = [];
    let cut = 0; // pages before this index are in a batch
    const queued: NewChunk[] = []; // chunks handed to batches, in order
    let indexed = 0; // of those, written by a committed batch
    let config: TsConfig | null = null;
    let stopped = false;
    let written = false;
    let chain: Promise<void> = Promise.resolve();

    async function write(rows: NewChunk[], cfg: TsConfig) {
      if (stopped) return;
      const ok = await db.withTenant(creatorId, async (tx) => {
        // Not for update: the progress updates of the document must not queue behind the batches.
        const doc = await repo.lockDocumentForBatch(tx, documentId);
        if (!doc || (doc.currentVersion !== null && doc.currentVersion >= version)) return false;
        // Rows a crashed attempt left behind: this version is not current, nothing reads them.
        if (!written) await repo.forgetVersionChunks(tx, documentId, version, { except: false });
        await repo.addChunks(tx, documentId, version, cfg, rows);
        return true;
      });
      if (!ok) stopped = true;
      else {
        written = true;
        indexed += rows.length;
      }
    }

    return {
      onPage(page: Page, total: number) {
        pages.push(page);
        const left = total - pages.length;
        // The last page(s) are left to the final transaction, with the flip; towards the
        // end batches get smaller, so little indexing is left once parsing is done.
        // The first batch comes sooner, so PostgreSQL starts early.
        const size =
          left < batchPages || cut === 0
            ? Math.max(1, Math.ceil(batchPages / (cut === 0 ? 2 : 4)))
            : batchPages;
        if (stopped || left === 0 || pages.length - cut < size) return;
        try {
          const window = pages.slice(cut);
          cut = pages.length;
          const text = window.map((p) => p.text).join('\n\n');
          config ??= CONFIG_OF[extraction.detectLanguage(text)];
          const cfg = config;
          const base = queued.length;
          const rows = extraction
            .chunk({ text, pages: window, language: LANGUAGE_OF[cfg], format: 'plain' })
            .map((c, i) => toRow({ ...c, position: base + i }));
          if (rows.length === 0) return;
          queued.push(...rows);
          chain = chain
            .then(() => write(rows, cfg))
            .catch((err) => {
              stopped = true;
              logger.warn({ err, documentId, version }, 'batch indexing failed; indexing at the end instead');
            });
        } catch (err) {
          stopped = true;
          logger.warn({ err, documentId, version }, 'batch chunking failed; indexing at the end instead');
        }
      },
      /** Skips the batches not started yet, waits for the running one; whether any wrote rows of this version. */
      async abandon() {
        stopped = true;
        await chain;
        return written;
      },
      /**
       * How many leading chunks of the whole document are already indexed as
       * rows of this version (0: none usable, index everything).
       */
      async usable(chunks: NewChunk[], cfg: TsConfig) {
        await chain;
        if (indexed === 0 || cfg !== config || chunks.length < indexed) return 0;
        for (let i = 0; i < indexed; i++) if (!sameChunk(chunks[i]!, queued[i]!)) return 0;
        return indexed;
      },
    };
  }

  return {
    async ingestVersion({
      creatorId,
      documentId,
      version,
    }: {
      creatorId: string;
      documentId: string;
      version: number;
    }) {
      const row = await db.withTenant(creatorId, (tx) => repo.findVersion(tx, documentId, version));
      if (!row) return; // deleted meanwhile: nothing to do
      if (row.status === 'ready' || row.status === 'failed') return; // already done (redelivery)
      const started = Date.now();
      await setStage(creatorId, documentId, version, 'extracting', 20);
      const batches =
        row.kind === 'pdf' && batchPages > 0 ? pageBatches(creatorId, documentId, version) : null;
      let extracted: Awaited<ReturnType<ExtractionStage['extract']>>;
      try {
        const bytes = await readAll(await storage.get(row.storageKey));
        extracted = await extraction.extract(bytes, row.kind, batches?.onPage);
      } catch (err) {
        const written = await batches?.abandon();
        if (extraction.isUserFacingError(err))
          return fail(creatorId, documentId, version, err.code, err.message);
        if (written) {
          // Best effort: a retry would also drop them before writing its own.
          await db
            .withTenant(creatorId, async (tx) => {
              const doc = await repo.findDocumentForUpdate(tx, documentId);
              if (doc && doc.currentVersion !== version)
                await repo.forgetVersionChunks(tx, documentId, version, { except: false });
            })
            .catch((e) => logger.warn({ err: e, documentId, version }, 'could not drop batch rows'));
        }
        throw err;
      }
      // The extracted text (large, compressed when stored) is written now, while batches may still
      // be running, rather than in the final transaction.
      await setStage(creatorId, documentId, version, 'chunking', 50, {
        extractedText: extracted.text,
        pageCount: extracted.pages?.length ?? null,
      });
      const chunks = extraction.chunk(extracted).map(toRow);
      await setStage(creatorId, documentId, version, 'indexing', 75);
      const config = CONFIG_OF[extracted.language];
      const kept = batches ? await batches.usable(chunks, config) : 0;
      const indexed = await db.withTenant(creatorId, async (tx) => {
        const doc = await repo.findDocumentForUpdate(tx, documentId);
        if (!doc) return false;
        // A newer version already made current wins; this one is kept as history only.
        const becomesCurrent = doc.currentVersion === null || doc.currentVersion <= version;
        // The batches' rows are all still there (the swap of an older version drops every other version's rows).
        const intact =
          becomesCurrent && kept > 0 && (await repo.countVersionChunks(tx, documentId, version)) === kept;
        if (intact) {
          // Its first chunks are in: the rest, and the other versions' chunks go.
          await repo.forgetVersionChunks(tx, documentId, version, { except: true });
          await repo.addChunks(tx, documentId, version, config, chunks.slice(kept));
        } else if (becomesCurrent) {
          await repo.replaceChunks(tx, documentId, version, config, chunks);
        } else if (batches) {
          await repo.forgetVersionChunks(tx, documentId, version, { except: false });
        }
        await repo.updateVersion(tx, documentId, version, {
          status: 'ready',
          progress: 100,
          language: extracted.language,
          chunkCount: chunks.length,
          errorCode: null,
          errorMessage: null,
          ingestedAt: new Date(),
        });
        await repo.updateDocument(tx, documentId, {
          ...(becomesCurrent ? { currentVersion: version, language: extracted.language } : {}),
          ...(doc.latestVersion === version
            ? { status: 'ready' as const, progress: 100, errorCode: null, errorMessage: null }
            : {}),
        });
        return becomesCurrent;
      });
      deps.onProgress?.(creatorId, {
        documentId,
        version,
        status: 'ready',
        progress: 100,
        errorCode: null,
        errorMessage: null,
      });
      if (indexed) await deps.onIndexed?.({ creatorId, documentId, version });
      // Embedded PGlite has no autovacuum: without fresh statistics the search
      // plan scans a creator's chunks instead of following postings. At most
      // every 30 s, so a bulk upload does not analyze once per file.
      if (db.driver === 'pglite' && Date.now() - lastAnalyzedAt > 30_000) {
        lastAnalyzedAt = Date.now();
        await db.unsafeExec('ANALYZE kb_documents, kb_chunks, kb_postings, kb_stats');
      }
      logger.info(
        { creatorId, documentId, version, chunks: chunks.length, batched: kept, ms: Date.now() - started },
        'document version ingested',
      );
    },
  };
}
export type KnowledgeIngestionService = ReturnType<typeof createKnowledgeIngestionService>;
