// Impact-ordered postings (decision 0005): kb_terms and kb_stats kept in step
// by indexing, truncated reads that still rank and filter exactly, isolation of
// the statistics between creators, and the 0004 backfill of existing postings.
import { randomBytes, randomUUID } from 'node:crypto';
import { copyFileSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createPgliteDatabase,
  createPostgresDatabase,
  type Database,
  MIGRATIONS_DIR,
  migrate,
  schema,
} from '@companero/db';
import { adminQuery, openTestDatabase, TEST_DB_PREFIX, withDatabaseName } from '@companero/db/testing';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createKnowledgeRepository,
  type SearchAudience,
  type SearchFilters,
  type SearchTuning,
} from './knowledge.repository.ts';

const repo = createKnowledgeRepository();
let db: Database;
let close: () => Promise<void>;

async function creator(database = db) {
  const id = randomUUID();
  await database.withTenant(id, (tx) =>
    tx
      .insert(schema.creators)
      .values({ id, email: `${id}@example.com`, displayName: 'c', passwordHash: 'x' }),
  );
  return id;
}

const asChunks = (texts: string[]) =>
  texts.map((content, position) => ({ position, content, page: null, pageEnd: null, headingPath: [] }));

async function addDoc(
  creatorId: string,
  title: string,
  texts: string[],
  opts: { tags?: string[]; folderId?: string; visibility?: 'public' | 'members' | 'private' } = {},
) {
  return db.withTenant(creatorId, async (tx) => {
    const doc = await repo.insertDocument(tx, {
      title,
      kind: 'text',
      visibility: opts.visibility ?? 'public',
      membersTag: opts.visibility === 'members' ? 'premium' : null,
      tags: opts.tags ?? [],
      folderId: opts.folderId ?? null,
      currentVersion: 1,
      status: 'ready',
    });
    await repo.replaceChunks(tx, doc.id, 1, 'english', asChunks(texts));
    return doc.id;
  });
}

/** A new current version of the document, indexed as ingestion does. */
const newVersion = (creatorId: string, documentId: string, version: number, texts: string[]) =>
  db.withTenant(creatorId, async (tx) => {
    await repo.replaceChunks(tx, documentId, version, 'english', asChunks(texts));
    await repo.updateDocument(tx, documentId, { currentVersion: version, latestVersion: version });
  });

const search = (
  creatorId: string,
  text: string,
  opts: {
    limit?: number;
    offset?: number;
    audience?: SearchAudience;
    filters?: SearchFilters;
    tuning?: SearchTuning;
  } = {},
) =>
  db.readAsTenant(creatorId, (tx) =>
    repo.search(
      tx,
      {
        text,
        limit: opts.limit ?? 10,
        offset: opts.offset ?? 0,
        audience: opts.audience ?? { kind: 'creator' },
        filters: opts.filters ?? {},
        sort: 'relevance',
      },
      opts.tuning,
    ),
  );

/** kb_terms and kb_stats against what the postings and chunks say, for one creator. */
async function indexState(creatorId: string, database = db) {
  return database.withTenant(creatorId, async (tx) => {
    const [row] = await tx.execute<{
      term_mismatches: number;
      terms: number;
      stats_chunks: number;
      chunks: number;
      stats_terms: number;
      term_total: number;
    }>(sql`
      with counted as (select term, count(*)::int as df from kb_postings group by term)
      select (select count(*)::int from kb_terms k full join counted c on c.term = k.term
               where coalesce(k.df, 0) <> coalesce(c.df, 0)) as term_mismatches,
             (select count(*)::int from counted) as terms,
             (select coalesce(sum(chunk_count), 0)::int from kb_stats) as stats_chunks,
             (select count(*)::int from kb_chunks) as chunks,
             (select coalesce(sum(term_total), 0)::int from kb_stats) as stats_terms,
             (select coalesce(sum(term_count), 0)::int from kb_chunks) as term_total`);
    return row!;
  });
}

const dfOf = (creatorId: string, term: string) =>
  db.withTenant(creatorId, async (tx) => {
    const rows = await tx.execute<{ df: number }>(sql`select df from kb_terms where term = ${term}`);
    return rows[0]?.df ?? 0;
  });

beforeAll(async () => {
  ({ db, close } = await openTestDatabase());
});
afterAll(() => close());

describe('kb_terms and kb_stats follow every change of the index', () => {
  it('counts document frequencies through upload, replace, restore and delete', async () => {
    const a = await creator();
    const expectInStep = async () => {
      const s = await indexState(a);
      expect(s.term_mismatches).toBe(0);
      expect(s.stats_chunks).toBe(s.chunks);
      expect(s.stats_terms).toBe(s.term_total);
    };
    const v1 = ['Morning walks build the walking habit.', 'Drink water before coffee.'];
    const v2 = ['Evening stretching helps sleep.', 'Stretching twice a day.', 'Water matters.'];
    const doc = await addDoc(a, 'Habits', v1);
    const other = await addDoc(a, 'Other', ['Coffee and water, every morning.']);
    await expectInStep();
    expect(await dfOf(a, 'water')).toBe(2);
    expect(await dfOf(a, 'walk')).toBe(1);

    await newVersion(a, doc, 2, v2); // replace
    await expectInStep();
    expect(await dfOf(a, 'water')).toBe(2);
    expect(await dfOf(a, 'walk')).toBe(0);
    expect(await dfOf(a, 'stretch')).toBe(2);

    await newVersion(a, doc, 3, v1); // restore v1 as v3
    await expectInStep();
    expect(await dfOf(a, 'walk')).toBe(1);
    expect(await dfOf(a, 'stretch')).toBe(0);
    expect((await search(a, 'walking habit'))[0]).toMatchObject({ document_id: doc, version: 3 });

    await db.withTenant(a, (tx) => repo.deleteDocument(tx, doc));
    await expectInStep();
    expect(await dfOf(a, 'water')).toBe(1);
    expect(await dfOf(a, 'coffe')).toBe(1);
    await db.withTenant(a, (tx) => repo.deleteDocument(tx, other));
    await expectInStep();
    expect(await dfOf(a, 'water')).toBe(0);
    expect(await search(a, 'water')).toEqual([]);
  });

  it('keeps them in step when chunks go by cascade (a folder deleted with its documents)', async () => {
    const a = await creator();
    const folder = await db.withTenant(
      a,
      async (tx) => (await repo.insertFolder(tx, { name: 'F', parentId: null })).id,
    );
    await addDoc(a, 'Inside', ['Breathing drills for runners.', 'Box breathing.'], { folderId: folder });
    await addDoc(a, 'Outside', ['Breathing while you sleep.']);
    expect(await dfOf(a, 'breath')).toBe(3);
    // Straight to SQL: the folder's documents and their chunks go by ON DELETE CASCADE.
    await db.withTenant(a, (tx) => tx.execute(sql`delete from kb_folders where id = ${folder}`));
    const s = await indexState(a);
    expect(s).toMatchObject({ term_mismatches: 0, chunks: 1, stats_chunks: 1 });
    expect(s.stats_terms).toBe(s.term_total);
    expect(await dfOf(a, 'breath')).toBe(1);
    const orphans = await db.withTenant(a, (tx) =>
      tx.execute<{ n: number }>(
        sql`select count(*)::int as n from kb_postings p where not exists (select from kb_chunks c where c.id = p.chunk_id)`,
      ),
    );
    expect(orphans[0]!.n).toBe(0);
  });

  it('stores each posting impact from the chunk length and the creator average when indexed', async () => {
    const a = await creator();
    await addDoc(a, 'Lengths', ['sleep', 'sleep sleep well tonight friends']);
    const rows = await db.withTenant(a, (tx) =>
      tx.execute<{ impact: number; expected: number }>(sql`
        select p.impact, (p.tf * 1.9 / (p.tf + 0.9 * (0.6 + 0.4 * c.term_count / s.avgdl)))::real as expected
          from kb_postings p join kb_chunks c on c.id = p.chunk_id,
               (select term_total::float8 / chunk_count as avgdl from kb_stats) s
         where p.term = 'sleep'`),
    );
    expect(rows).toHaveLength(2);
    for (const r of rows) expect(r.impact).toBeCloseTo(r.expected, 5);
  });
});

describe('truncated posting lists', () => {
  let a: string;
  let strong: string;
  let tagged: string;
  let folderId: string;

  beforeAll(async () => {
    a = await creator();
    // 40 chunks on sleep, of decreasing weight: short and repetitive first, long and diluted last.
    const filler = (n: number) => Array.from({ length: n }, (_, i) => `topic${i}`).join(' ');
    const texts = Array.from(
      { length: 40 },
      (_, i) => `${'sleep '.repeat(Math.max(1, 6 - Math.floor(i / 7)))} routine ${filler(i * 3)}`,
    );
    strong = await addDoc(a, 'Sleep compendium', texts);
    folderId = await db.withTenant(
      a,
      async (tx) => (await repo.insertFolder(tx, { name: 'Niche', parentId: null })).id,
    );
    // One weak mention each, in documents only selective filters keep.
    tagged = await addDoc(a, 'Tagged', [`A single sleep mention in a long chunk ${filler(80)}`], {
      tags: ['rare'],
      folderId,
    });
    await addDoc(a, 'Members', [`Members read about sleep here ${filler(90)}`], { visibility: 'members' });
  });

  /** Search with small top-N lists, noting which path answered. */
  const truncatedSearch = async (text: string, opts: Parameters<typeof search>[2] = {}) => {
    const paths: string[] = [];
    const hits = await search(a, text, {
      ...opts,
      tuning: { topN: 5, ...opts.tuning, onPath: (p) => paths.push(p) },
    });
    return { hits, path: paths.join() };
  };
  const exactSearch = (text: string, opts: Parameters<typeof search>[2] = {}) =>
    search(a, text, { ...opts, tuning: { exact: true } });

  it('reads only the top N postings of a long list and still ranks the best chunks first', async () => {
    const { hits, path } = await truncatedSearch('sleep', { limit: 5 });
    expect(path).toBe('truncated');
    const exact = await exactSearch('sleep', { limit: 5 });
    expect(hits.map((h) => h.chunk_id)).toEqual(exact.map((h) => h.chunk_id));
    expect(hits.map((h) => h.score)).toEqual(exact.map((h) => h.score));
    expect(hits.every((h) => h.document_id === strong)).toBe(true);
    // A page beyond the candidates comes from the exact path.
    const deep = await truncatedSearch('sleep', { offset: 20, limit: 10 });
    expect(deep.path).toBe('fallback');
    const exactPage = await exactSearch('sleep', { offset: 20, limit: 10 });
    expect(deep.hits.map((h) => h.chunk_id)).toEqual(exactPage.map((h) => h.chunk_id));
    expect(deep.hits).toHaveLength(10);
  });

  it('re-scores candidates exactly: a chunk found through one term gets the others too', async () => {
    const b = await creator();
    await addDoc(
      b,
      'Many',
      Array.from({ length: 30 }, () => 'sleep sleep sleep'),
    );
    const both = await addDoc(b, 'Both', ['sleep routine evening']);
    const paths: string[] = [];
    const hits = await search(b, 'sleep routine', {
      limit: 2,
      tuning: { topN: 3, rescore: 10, onPath: (p) => paths.push(p) },
    });
    expect(paths).toEqual(['truncated']);
    // "Both" is outside the top 3 of "sleep" but its score includes its "sleep" posting.
    const exact = await search(b, 'sleep routine', { limit: 2, tuning: { exact: true } });
    // (The 30 "Many" chunks tie; which of them comes second is arbitrary.)
    expect(hits[0]!.chunk_id).toBe(exact[0]!.chunk_id);
    expect(hits[0]!.document_id).toBe(both);
    expect(hits[0]!.score).toBeCloseTo(exact[0]!.score, 9);
  });

  it('keeps selective filters exact: matches below the top N are still found', async () => {
    // The tagged chunk is far below the top 5 postings of "sleep".
    const plain = await truncatedSearch('sleep', { limit: 5 });
    expect(plain.hits.map((h) => h.document_id)).not.toContain(tagged);
    const byTag = await truncatedSearch('sleep', { filters: { tag: 'rare' } });
    expect(byTag).toMatchObject({ path: 'fallback' });
    expect(byTag.hits.map((h) => h.document_id)).toEqual([tagged]);
    const byFolder = await truncatedSearch('sleep', { filters: { folderId } });
    expect(byFolder.hits.map((h) => h.document_id)).toEqual([tagged]);
    const member = await truncatedSearch('sleep', {
      audience: { kind: 'end_user', tags: ['premium'] },
      filters: { visibility: 'members' },
    });
    expect(member.hits.map((h) => h.title)).toEqual(['Members']);
    const notMember = await truncatedSearch('sleep', {
      audience: { kind: 'end_user', tags: [] },
      filters: { visibility: 'members' },
    });
    expect(notMember.hits).toEqual([]);
    // Newest first is always exact.
    const paths: string[] = [];
    await db.readAsTenant(a, (tx) =>
      repo.search(
        tx,
        { text: 'sleep', limit: 5, offset: 0, audience: { kind: 'creator' }, filters: {}, sort: 'newest' },
        { topN: 5, onPath: (p) => paths.push(p) },
      ),
    );
    expect(paths).toEqual(['exact']);
  });
});

describe('isolation of the statistics', () => {
  it("never lets another creator's postings change scores or results", async () => {
    const a = await creator();
    const b = await creator();
    await addDoc(a, 'A sleep', ['Sleep hygiene for coaches.', 'Breathing before sleep.', 'Unrelated text.']);
    const before = await search(a, 'sleep hygiene', { limit: 1, tuning: { topN: 2 } });
    // B indexes far more, and far stronger, sleep postings (and kb_terms rows for the same terms).
    const strongB = Array.from({ length: 50 }, () => 'sleep sleep hygiene');
    await addDoc(b, 'B sleep', strongB);
    const after = await search(a, 'sleep hygiene', { limit: 1, tuning: { topN: 2 } });
    expect(after).toEqual(before);
    expect(await dfOf(a, 'sleep')).toBe(2);
    expect(await dfOf(b, 'sleep')).toBe(50);
    const exact = await search(a, 'sleep hygiene', { limit: 1, tuning: { exact: true } });
    expect(exact.map((h) => [h.chunk_id, h.score])).toEqual(before.map((h) => [h.chunk_id, h.score]));
    // And B sees only its own.
    const bHits = await search(b, 'hygiene coaches');
    expect(bHits.every((h) => h.title === 'B sleep')).toBe(true);
  });
});

describe('migration 0004 on existing data', () => {
  it('backfills impacts, configurations and document frequencies of postings written before it', async () => {
    // A database migrated up to 0003, with postings written the 0002 way, then 0004.
    const dir = mkdtempSync(join(tmpdir(), 'companero-migrations-'));
    for (const f of readdirSync(MIGRATIONS_DIR).filter((f) => /^000[1-3]_.*\.sql$/.test(f)))
      copyFileSync(join(MIGRATIONS_DIR, f), join(dir, f));
    const serverUrl = process.env.TEST_DATABASE_URL;
    const name = `${TEST_DB_PREFIX}${randomBytes(6).toString('hex')}`;
    let old: Database;
    if (serverUrl) {
      await adminQuery(serverUrl, `create database ${name}`);
      old = await createPostgresDatabase({ url: withDatabaseName(serverUrl, name), poolSize: 2 });
    } else {
      old = await createPgliteDatabase({});
    }
    try {
      await migrate(old, dir);
      const c = await creator(old);
      const texts = ['Sleep well, sleep long.', 'Walking every morning helps sleep.', 'Dormir bien.'];
      const documentId = await old.withTenant(c, async (tx) => {
        const [doc] = await tx.execute<{ id: string }>(
          sql`insert into kb_documents (creator_id, title, kind, current_version, status)
              values (${c}, 'Old', 'text', 1, 'ready') returning id`,
        );
        for (const [i, t] of texts.entries())
          await tx.execute(sql`insert into kb_chunks (creator_id, document_id, version, position, content, ts_config)
                               values (${c}, ${doc!.id}, 1, ${i}, ${t}, ${i === 2 ? 'spanish' : 'english'})`);
        // The 0002 indexing statements.
        await tx.execute(sql`
          insert into kb_postings (creator_id, term, chunk_id, tf)
          select c.creator_id, t.lexeme, c.id, coalesce(array_length(t.positions, 1), 1)
            from kb_chunks c, unnest(to_tsvector(c.ts_config, c.content)) t`);
        await tx.execute(sql`
          update kb_chunks c set term_count = l.n
            from (select chunk_id, sum(tf)::int as n from kb_postings group by chunk_id) l where c.id = l.chunk_id`);
        await tx.execute(sql`
          insert into kb_stats (creator_id, chunk_count, term_total)
          select ${c}, count(*), sum(term_count) from kb_chunks`);
        return doc!.id;
      });
      // 0004 and whatever came after it.
      expect((await migrate(old))[0]).toBe('0004_search_impacts');

      const s = await indexState(c, old);
      expect(s.term_mismatches).toBe(0);
      expect(s.terms).toBeGreaterThan(0);
      const rows = await old.withTenant(c, (tx) =>
        tx.execute<{ bad: number; configs: string[] }>(sql`
          select count(*) filter (where p.ts_config <> c.ts_config
                   or abs(p.impact - app.kb_impact(p.tf, c.term_count, (select avg(term_count) from kb_chunks))) > 1e-6)::int as bad,
                 array_agg(distinct p.ts_config::text order by p.ts_config::text) as configs
            from kb_postings p join kb_chunks c on c.id = p.chunk_id`),
      );
      expect(rows[0]).toEqual({ bad: 0, configs: ['english', 'spanish'] });
      // Search and re-indexing work on the migrated rows.
      const hits = await old.readAsTenant(c, (tx) =>
        repo.search(tx, {
          text: 'sleep',
          limit: 10,
          offset: 0,
          audience: { kind: 'creator' },
          filters: {},
          sort: 'relevance',
        }),
      );
      expect(hits).toHaveLength(2);
      expect(hits[0]!.content).toBe(texts[0]);
      await old.withTenant(c, (tx) => repo.deleteDocument(tx, documentId));
      const afterDelete = await indexState(c, old);
      expect(afterDelete).toMatchObject({ term_mismatches: 0, chunks: 0, stats_chunks: 0, stats_terms: 0 });
    } finally {
      await old.close();
      if (serverUrl) await adminQuery(serverUrl, `drop database if exists ${name} with (force)`);
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
