// The ingestion pipeline with a PDF indexed in batches while it is parsed:
// the same chunks and statistics as indexing it at the end, the old version
// searchable until the flip, and no duplicates after a crash mid-document.
import { randomUUID } from 'node:crypto';
import { type Database, schema } from '@companero/db';
import { openTestDatabase } from '@companero/db/testing';
import { sql } from 'drizzle-orm';
import type { Logger } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemoryStorage, storageKeyFor } from '../../platform/storage/index.ts';
import { extractionStage } from './extraction-stage.ts';
import { IngestionError } from './ingestion/index.ts';
import { readFixture } from './ingestion/read-fixture.ts';
import { createKnowledgeRepository } from './knowledge.repository.ts';
import { createKnowledgeIngestionService, type ExtractionStage } from './knowledge-ingestion.service.ts';

const repo = createKnowledgeRepository();
const storage = createMemoryStorage();
const pdf = readFixture('coaching-guide.pdf');
const silent = { info() {}, warn() {}, error() {}, debug() {} } as unknown as Logger;
let db: Database;
let close: () => Promise<void>;

beforeAll(async () => {
  ({ db, close } = await openTestDatabase());
});
afterAll(() => close());

async function creator() {
  const id = randomUUID();
  await db.withTenant(id, (tx) =>
    tx
      .insert(schema.creators)
      .values({ id, email: `${id}@example.com`, displayName: 'c', passwordHash: 'x' }),
  );
  return id;
}

/** A stored upload of the fixture PDF as `version` of a (new) document, as the upload service leaves it. */
async function upload(creatorId: string, version = 1, documentId = randomUUID()) {
  const key = storageKeyFor(creatorId, 'kb', documentId, randomUUID(), 'guide.pdf');
  await storage.put(key, Buffer.from(pdf));
  await db.withTenant(creatorId, async (tx) => {
    if (version === 1) await repo.insertDocument(tx, { id: documentId, title: 'Guide', kind: 'pdf' });
    else await repo.updateDocument(tx, documentId, { latestVersion: version });
    await repo.insertVersion(tx, {
      documentId,
      version,
      storageKey: key,
      originalFilename: 'guide.pdf',
      kind: 'pdf',
      sizeBytes: pdf.byteLength,
      sha256: 'x',
      createdBy: 'creator:test',
    });
  });
  return documentId;
}

const service = (extraction: ExtractionStage = extractionStage, batchPages = 1) =>
  createKnowledgeIngestionService({ db, repo, storage, extraction, logger: silent, batchPages });

const chunksOf = (creatorId: string, documentId: string) =>
  db.withTenant(creatorId, (tx) =>
    tx.execute<{
      version: number;
      position: number;
      content: string;
      page: number | null;
      heading_path: string[];
    }>(
      sql`select version, position, content, page, heading_path from kb_chunks
           where document_id = ${documentId} order by version, position`,
    ),
  );

/** kb_terms, kb_stats and impacts against a recomputation from the chunks and postings. */
async function expectIndexInStep(creatorId: string) {
  const [row] = await db.withTenant(creatorId, (tx) =>
    tx.execute<{
      term_mismatches: number;
      stats_chunks: number;
      chunks: number;
      stats_terms: number;
      term_total: number;
    }>(sql`
      with counted as (select term, count(*)::int as df from kb_postings group by term)
      select (select count(*)::int from kb_terms k full join counted c on c.term = k.term
               where coalesce(k.df, 0) <> coalesce(c.df, 0)) as term_mismatches,
             (select coalesce(sum(chunk_count), 0)::int from kb_stats) as stats_chunks,
             (select count(*)::int from kb_chunks) as chunks,
             (select coalesce(sum(term_total), 0)::int from kb_stats) as stats_terms,
             (select coalesce(sum(term_count), 0)::int from kb_chunks) as term_total`),
  );
  expect(row!.term_mismatches).toBe(0);
  expect(row!.stats_chunks).toBe(row!.chunks);
  expect(row!.stats_terms).toBe(row!.term_total);
}

const search = (creatorId: string, text: string) =>
  db.readAsTenant(creatorId, (tx) =>
    repo.search(tx, {
      text,
      limit: 10,
      offset: 0,
      audience: { kind: 'creator' },
      filters: {},
      sort: 'relevance',
    }),
  );

/** The extraction stage, with `afterPages` run once the whole file is read (batches may still be running). */
const withHook = (afterPages: () => Promise<void>): ExtractionStage => ({
  ...extractionStage,
  async extract(bytes, kind, onPage) {
    const out = await extractionStage.extract(bytes, kind, onPage);
    await afterPages();
    return out;
  },
});

const rowsOfVersion = async (creatorId: string, documentId: string, version: number) =>
  (await chunksOf(creatorId, documentId)).filter((c) => c.version === version).length;

const waitFor = async (check: () => Promise<boolean>) => {
  for (let i = 0; i < 200 && !(await check()); i++) await new Promise((r) => setTimeout(r, 10));
};

describe('PDF pages indexed in batches while parsing', () => {
  it('gives the same chunks, pages and statistics as indexing the whole document at the end', async () => {
    const a = await creator();
    const batched = await upload(a);
    const atEnd = await upload(a);
    let rowsBeforeTheEnd = 0;
    const watched = withHook(async () => {
      await waitFor(async () => (await rowsOfVersion(a, batched, 1)) > 0);
      rowsBeforeTheEnd = await rowsOfVersion(a, batched, 1);
    });
    await service(watched, 1).ingestVersion({ creatorId: a, documentId: batched, version: 1 });
    expect(rowsBeforeTheEnd).toBeGreaterThan(0);
    await service(extractionStage, 0).ingestVersion({ creatorId: a, documentId: atEnd, version: 1 });
    const x = await chunksOf(a, batched);
    const y = await chunksOf(a, atEnd);
    expect(x.length).toBeGreaterThan(2);
    expect(new Set(x.map((c) => c.page)).size).toBeGreaterThan(1);
    expect(x).toEqual(y);
    await expectIndexInStep(a);
    const [doc] = await db.withTenant(a, (tx) =>
      tx.select().from(schema.kbDocuments).where(sql`id = ${batched}`),
    );
    expect(doc).toMatchObject({ status: 'ready', currentVersion: 1, progress: 100 });
    expect(
      (await search(a, x[x.length - 1]!.content.split(' ').slice(0, 6).join(' '))).length,
    ).toBeGreaterThan(0);
  });

  it('keeps the previous version the searchable one until the new version is complete', async () => {
    const a = await creator();
    const doc = await upload(a);
    await service().ingestVersion({ creatorId: a, documentId: doc, version: 1 });
    const before = await chunksOf(a, doc);
    await upload(a, 2, doc);
    let seenDuring: { version: number }[] = [];
    await service(
      withHook(async () => {
        await waitFor(async () => (await rowsOfVersion(a, doc, 2)) > 0);
        expect(await rowsOfVersion(a, doc, 2)).toBeGreaterThan(0);
        seenDuring = await search(a, before[0]!.content.split(' ').slice(0, 6).join(' '));
      }),
    ).ingestVersion({ creatorId: a, documentId: doc, version: 2 });
    expect(seenDuring.length).toBeGreaterThan(0);
    expect(seenDuring.every((h) => h.version === 1)).toBe(true);
    const after = await chunksOf(a, doc);
    expect(after.every((c) => c.version === 2)).toBe(true);
    expect(after.map((c) => c.content)).toEqual(before.map((c) => c.content));
    await expectIndexInStep(a);
  });

  it('retries a crash mid-document without duplicates, and drops the batches of a failed version', async () => {
    const a = await creator();
    const doc = await upload(a);
    const crash = withHook(async () => {
      await waitFor(async () => (await rowsOfVersion(a, doc, 1)) > 0);
      throw new Error('worker died');
    });
    await expect(service(crash).ingestVersion({ creatorId: a, documentId: doc, version: 1 })).rejects.toThrow(
      'worker died',
    );
    // A hard crash leaves the batch rows behind: put some back as it would.
    await db.withTenant(a, (tx) =>
      repo.addChunks(tx, doc, 1, 'english', [
        { position: 0, content: 'left over from the crash', page: 1, pageEnd: null, headingPath: [] },
      ]),
    );
    await service().ingestVersion({ creatorId: a, documentId: doc, version: 1 });
    const reference = await upload(a);
    await service(extractionStage, 0).ingestVersion({ creatorId: a, documentId: reference, version: 1 });
    expect(await chunksOf(a, doc)).toEqual(await chunksOf(a, reference));
    await expectIndexInStep(a);

    const failing = await upload(a);
    const tooLarge = withHook(async () => {
      await waitFor(async () => (await rowsOfVersion(a, failing, 1)) > 0);
      throw new IngestionError('TOO_LARGE', 'too much text');
    });
    await service(tooLarge).ingestVersion({ creatorId: a, documentId: failing, version: 1 });
    expect(await chunksOf(a, failing)).toEqual([]);
    await expectIndexInStep(a);
  });

  it('re-indexes in full when an older version became current meanwhile and dropped the batches', async () => {
    const a = await creator();
    const doc = await upload(a);
    await upload(a, 2, doc);
    await service(
      withHook(async () => {
        await waitFor(async () => (await rowsOfVersion(a, doc, 2)) > 0);
        // What version 1's own ingestion finishing now does: its swap drops every other version's rows.
        await db.withTenant(a, async (tx) => {
          await repo.replaceChunks(tx, doc, 1, 'english', [
            { position: 0, content: 'the first upload', page: 1, pageEnd: null, headingPath: [] },
          ]);
          await repo.updateDocument(tx, doc, { currentVersion: 1 });
        });
      }),
    ).ingestVersion({ creatorId: a, documentId: doc, version: 2 });
    const reference = await upload(a);
    await service(extractionStage, 0).ingestVersion({ creatorId: a, documentId: reference, version: 1 });
    const strip = (rows: { version: number }[]) => rows.map(({ version: _, ...r }) => r);
    const got = await chunksOf(a, doc);
    expect(got.every((c) => c.version === 2)).toBe(true);
    expect(strip(got)).toEqual(strip(await chunksOf(a, reference)));
    await expectIndexInStep(a);
  });

  it('indexes everything at the end when the batches do not match the whole document', async () => {
    const a = await creator();
    const doc = await upload(a);
    // Chunks of a batch (a window of pages) come out different from those of the whole text.
    const drifting: ExtractionStage = {
      ...extractionStage,
      chunk: (d) =>
        extractionStage.chunk(d).map((c) => (d.pages?.length === 1 ? { ...c, headingPath: ['batch'] } : c)),
    };
    await service(drifting).ingestVersion({ creatorId: a, documentId: doc, version: 1 });
    const reference = await upload(a);
    await service(drifting, 0).ingestVersion({ creatorId: a, documentId: reference, version: 1 });
    expect(await chunksOf(a, doc)).toEqual(await chunksOf(a, reference));
    await expectIndexInStep(a);
  });
});
