import type { Database } from '@companero/db';
import type { Logger } from 'pino';
import type { FileStorage } from '../../platform/storage/index.ts';
import type { KnowledgeRepository, TsConfig } from './knowledge.repository.ts';

/** What the pipeline needs from the extraction stage (ingestion/): narrow, so tests can see each step. */
export interface ExtractionStage {
  extract(
    bytes: Uint8Array,
    kind: 'pdf' | 'docx' | 'markdown' | 'text',
  ): Promise<{
    text: string;
    pages?: { number: number; text: string }[];
    language: 'en' | 'es' | 'simple';
  }>;
  chunk(doc: {
    text: string;
    pages?: { number: number; text: string }[];
    language: 'en' | 'es' | 'simple';
  }): {
    position: number;
    text: string;
    page?: number;
    pageEnd?: number;
    headingPath: string[];
  }[];
  /** Errors the creator should read (corrupt, encrypted, no text...); anything else is a bug and is retried. */
  isUserFacingError(err: unknown): err is Error & { code: string };
}

const CONFIG_OF: Record<'en' | 'es' | 'simple', TsConfig> = {
  en: 'english',
  es: 'spanish',
  simple: 'simple',
};

async function readAll(stream: NodeJS.ReadableStream): Promise<Uint8Array> {
  const parts: Buffer[] = [];
  for await (const part of stream) parts.push(Buffer.from(part as Buffer));
  return Buffer.concat(parts);
}

/**
 * The worker side of the knowledge base: one version from stored file to
 * searchable chunks. Each stage is committed separately so the dashboard shows
 * progress; the final index swap is one transaction, so search never sees a
 * half-indexed document and a retry after a crash starts cleanly.
 */
export function createKnowledgeIngestionService(deps: {
  db: Database;
  repo: KnowledgeRepository;
  storage: Pick<FileStorage, 'get'>;
  extraction: ExtractionStage;
  logger: Logger;
  /** Called after a version's chunks became current and searchable (e.g. to embed them). */
  onIndexed?: (version: { creatorId: string; documentId: string; version: number }) => Promise<void>;
}) {
  const { db, repo, storage, extraction, logger } = deps;
  let lastAnalyzedAt = 0;

  async function setStage(
    creatorId: string,
    documentId: string,
    version: number,
    status: 'extracting' | 'chunking' | 'indexing',
    progress: number,
  ) {
    await db.withTenant(creatorId, async (tx) => {
      await repo.updateVersion(tx, documentId, version, { status, progress });
      const doc = await repo.findDocument(tx, documentId);
      // Only the latest version drives the document's visible status.
      if (doc && doc.latestVersion === version)
        await repo.updateDocument(tx, documentId, { status, progress, errorCode: null, errorMessage: null });
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
      const doc = await repo.findDocument(tx, documentId);
      if (doc && doc.latestVersion === version) {
        await repo.updateDocument(tx, documentId, {
          status: 'failed',
          progress: 100,
          errorCode: code,
          errorMessage: message,
        });
      }
    });
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
      let extracted: Awaited<ReturnType<ExtractionStage['extract']>>;
      try {
        const bytes = await readAll(await storage.get(row.storageKey));
        extracted = await extraction.extract(bytes, row.kind);
      } catch (err) {
        if (extraction.isUserFacingError(err))
          return fail(creatorId, documentId, version, err.code, err.message);
        throw err;
      }
      await setStage(creatorId, documentId, version, 'chunking', 50);
      const chunks = extraction.chunk(extracted);
      await setStage(creatorId, documentId, version, 'indexing', 75);
      const config = CONFIG_OF[extracted.language];
      const indexed = await db.withTenant(creatorId, async (tx) => {
        const doc = await repo.findDocumentForUpdate(tx, documentId);
        if (!doc) return false;
        // A newer version already made current wins; this one is kept as history only.
        const becomesCurrent = doc.currentVersion === null || doc.currentVersion <= version;
        if (becomesCurrent) {
          await repo.replaceChunks(
            tx,
            documentId,
            version,
            config,
            chunks.map((c) => ({
              position: c.position,
              content: c.text,
              page: c.page ?? null,
              pageEnd: c.pageEnd ?? null,
              headingPath: c.headingPath,
            })),
          );
        }
        await repo.updateVersion(tx, documentId, version, {
          status: 'ready',
          progress: 100,
          extractedText: extracted.text,
          pageCount: extracted.pages?.length ?? null,
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
      if (indexed) await deps.onIndexed?.({ creatorId, documentId, version });
      // Embedded PGlite has no autovacuum: without fresh statistics the search
      // plan scans a creator's chunks instead of following postings. At most
      // every 30 s, so a bulk upload does not analyze once per file.
      if (db.driver === 'pglite' && Date.now() - lastAnalyzedAt > 30_000) {
        lastAnalyzedAt = Date.now();
        await db.unsafeExec('ANALYZE kb_documents, kb_chunks, kb_postings, kb_stats');
      }
      logger.info(
        { creatorId, documentId, version, chunks: chunks.length, ms: Date.now() - started },
        'document version ingested',
      );
    },
  };
}
export type KnowledgeIngestionService = ReturnType<typeof createKnowledgeIngestionService>;
