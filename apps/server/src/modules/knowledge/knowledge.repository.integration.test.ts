import { randomUUID } from 'node:crypto';
import { type Database, schema } from '@companero/db';
import { openTestDatabase } from '@companero/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKnowledgeRepository, type SearchAudience } from './knowledge.repository.ts';

const repo = createKnowledgeRepository();
let db: Database;
let close: () => Promise<void>;
let a: string;
let b: string;

async function creator() {
  const id = randomUUID();
  await db.withTenant(id, (tx) =>
    tx
      .insert(schema.creators)
      .values({ id, email: `${id}@example.com`, displayName: 'c', passwordHash: 'x' }),
  );
  return id;
}

async function addDoc(
  creatorId: string,
  title: string,
  chunks: string[],
  opts: {
    visibility?: 'public' | 'members' | 'private';
    membersTag?: string;
    config?: 'english' | 'spanish';
    tags?: string[];
  } = {},
) {
  return db.withTenant(creatorId, async (tx) => {
    const doc = await repo.insertDocument(tx, {
      title,
      kind: 'text',
      visibility: opts.visibility ?? 'public',
      membersTag: opts.membersTag ?? null,
      tags: opts.tags ?? [],
      currentVersion: 1,
      status: 'ready',
    });
    await repo.replaceChunks(
      tx,
      doc.id,
      1,
      opts.config ?? 'english',
      chunks.map((content, position) => ({
        position,
        content,
        page: null,
        pageEnd: null,
        headingPath: [title],
      })),
    );
    return doc.id;
  });
}

const search = (
  creatorId: string,
  text: string,
  audience: SearchAudience = { kind: 'creator' },
  filters = {},
) =>
  db.withTenant(creatorId, (tx) =>
    repo.search(tx, { text, limit: 10, offset: 0, audience, filters, sort: 'relevance' }),
  );

beforeAll(async () => {
  ({ db, close } = await openTestDatabase());
  a = await creator();
  b = await creator();
  await addDoc(a, 'Sleep guide', [
    'Good sleep starts with a regular bedtime. Keep your bedroom dark and cool.',
    'Caffeine after noon makes falling asleep harder for most people.',
  ]);
  await addDoc(a, 'Running plan', ['Run three times a week, easy pace, and rest between runs.']);
  await addDoc(a, 'Guía de nutrición', ['Las proteínas ayudan a recuperar los músculos después de correr.'], {
    config: 'spanish',
  });
  await addDoc(a, 'Private notes', ['My private sleep experiments with magnesium.'], {
    visibility: 'private',
  });
  await addDoc(a, 'Members sleep course', ['Advanced sleep tracking for members.'], {
    visibility: 'members',
    membersTag: 'premium',
  });
  await addDoc(b, 'B sleep secrets', ['Sleep sleep sleep: the other creator also writes about sleep.']);
});
afterAll(() => close());

describe('BM25 search over the postings index', () => {
  it('ranks the chunk that matches the query best first and cites it', async () => {
    const hits = await search(a, 'caffeine and falling asleep');
    expect(hits[0]?.title).toBe('Sleep guide');
    expect(hits[0]?.content).toContain('Caffeine');
    expect(hits[0]?.score).toBeGreaterThan(0);
    expect(hits[0]?.snippet).toContain('\u0002');
  });

  it('stems per language: a Spanish query finds Spanish text', async () => {
    const hits = await search(a, 'proteína músculo');
    expect(hits.map((h) => h.title)).toEqual(['Guía de nutrición']);
  });

  it('never returns another creator chunks', async () => {
    const hits = await search(a, 'sleep');
    expect(hits.map((h) => h.title)).not.toContain('B sleep secrets');
    expect((await search(b, 'sleep')).map((h) => h.title)).toEqual(['B sleep secrets']);
  });

  it('honours visibility for end users: private never, members only with the tag', async () => {
    const anyone = (await search(a, 'sleep', { kind: 'end_user', tags: [] })).map((h) => h.title);
    expect(anyone).toContain('Sleep guide');
    expect(anyone).not.toContain('Private notes');
    expect(anyone).not.toContain('Members sleep course');
    const member = (await search(a, 'sleep', { kind: 'end_user', tags: ['premium'] })).map((h) => h.title);
    expect(member).toContain('Members sleep course');
    expect(member).not.toContain('Private notes');
    expect((await search(a, 'magnesium')).map((h) => h.title)).toEqual(['Private notes']);
  });

  it('returns nothing for a query with no indexed terms', async () => {
    expect(await search(a, 'the and of')).toEqual([]);
    expect(await search(a, 'xylophone')).toEqual([]);
  });

  it('keeps corpus statistics in step when chunks are replaced', async () => {
    const id = await addDoc(a, 'Temp', ['one two three', 'four five six']);
    const before = await db.withTenant(a, (tx) => tx.select().from(schema.kbStats));
    await db.withTenant(a, (tx) => repo.deleteDocument(tx, id));
    const after = await db.withTenant(a, (tx) => tx.select().from(schema.kbStats));
    expect(before[0]!.chunkCount - after[0]!.chunkCount).toBe(2);
    const counted = await db.withTenant(a, (tx) =>
      tx.execute<{ n: number }>('select count(*)::int as n from kb_chunks'),
    );
    expect(after[0]!.chunkCount).toBe(counted[0]!.n);
  });
});
