import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/create-test-app.ts';
import { eventually, signUpAndLogIn } from '../../testing/http.ts';

let t: TestApp;
let a: Awaited<ReturnType<typeof signUpAndLogIn>>;
let b: Awaited<ReturnType<typeof signUpAndLogIn>>;

beforeAll(async () => {
  t = await createTestApp({}, { worker: true });
  a = await signUpAndLogIn(t.app, t.mailer);
  b = await signUpAndLogIn(t.app, t.mailer);
});
afterAll(() => t.close());

/** A multipart/form-data body, as a browser sends it. */
function multipart(files: { name: string; content: string | Buffer }[], fields: Record<string, string> = {}) {
  const boundary = `----companero${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  }
  for (const f of files) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="${f.name}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
      ),
      Buffer.isBuffer(f.content) ? f.content : Buffer.from(f.content),
      Buffer.from('\r\n'),
    );
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return {
    payload: Buffer.concat(parts),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

async function upload(
  who: typeof a,
  files: { name: string; content: string | Buffer }[],
  fields: Record<string, string> = {},
) {
  const body = multipart(files, fields);
  return t.app.inject({
    method: 'POST',
    url: '/api/v1/knowledge/documents',
    headers: { ...who.auth, ...body.headers },
    payload: body.payload,
  });
}

const get = (who: typeof a, url: string) =>
  t.app.inject({ method: 'GET', url: `/api/v1${url}`, headers: who.auth });

async function waitReady(who: typeof a, id: string) {
  return eventually(async () => {
    const doc = (await get(who, `/knowledge/documents/${id}`)).json();
    if (doc.status !== 'ready' && doc.status !== 'failed') throw new Error(`still ${doc.status}`);
    return doc;
  }, 20_000);
}

const SLEEP_MD = `# Sleep guide

## Evening routine

Dim the lights an hour before bed. Keep the bedroom cool, around 18 degrees.

## Caffeine

Avoid coffee after noon: caffeine stays in the body for six hours or more.
`;

describe('knowledge base over HTTP', () => {
  it('uploads several files, ingests them in the background, and finds them by search with citations', async () => {
    const res = await upload(a, [
      { name: 'sleep-guide.md', content: SLEEP_MD },
      {
        name: 'nutricion.txt',
        content: 'Las proteínas ayudan a recuperar los músculos después del entrenamiento de fuerza.',
      },
    ]);
    expect(res.statusCode).toBe(201);
    const { accepted, rejected } = res.json();
    expect(rejected).toEqual([]);
    expect(accepted.map((d: { title: string }) => d.title)).toEqual(['sleep-guide', 'nutricion']);
    const docs = await Promise.all(accepted.map((d: { id: string }) => waitReady(a, d.id)));
    expect(docs.map((d) => [d.status, d.progress, d.currentVersion])).toEqual([
      ['ready', 100, 1],
      ['ready', 100, 1],
    ]);
    expect(docs[1].language).toBe('es');

    const search = (await get(a, '/knowledge/search?q=coffee%20after%20noon')).json();
    expect(search.items[0].citation).toMatchObject({
      documentTitle: 'sleep-guide',
      version: 1,
      headingPath: expect.arrayContaining(['Caffeine']),
    });
    const [s, e] = search.items[0].highlights[0];
    expect(search.items[0].snippet.slice(s, e).toLowerCase()).toMatch(/coffee|noon/);

    const es = (await get(a, '/knowledge/search?q=m%C3%BAsculos%20prote%C3%ADna')).json();
    expect(es.items[0].citation.documentTitle).toBe('nutricion');
  });

  it('rejects hostile or empty files with a readable reason and stores nothing for them', async () => {
    const res = await upload(a, [
      { name: '../../etc/passwd', content: 'root:x:0:0' },
      { name: 'empty.txt', content: '' },
      { name: 'fake.pdf', content: Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 0, 0, 1, 2, 3, 0, 0, 0]) },
    ]);
    expect(res.statusCode).toBe(422);
    const problem = res.json();
    expect(problem.code).toBe('FILE_REJECTED');
    expect(problem.errors).toHaveLength(3);
    const list = (await get(a, '/knowledge/documents')).json();
    expect(list.items.map((d: { title: string }) => d.title)).not.toContain('passwd');
  });

  it('keeps versions: edit creates v2, search uses only the current one, diff and restore work', async () => {
    const [doc] = (
      await upload(a, [{ name: 'habits.md', content: '# Habits\n\nDrink water every morning.\n' }])
    ).json().accepted;
    await waitReady(a, doc.id);
    const edit = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/knowledge/documents/${doc.id}/content`,
      headers: a.auth,
      payload: { content: '# Habits\n\nWalk ten thousand steps every day.\n', changeNote: 'walking instead' },
    });
    expect(edit.statusCode).toBe(201);
    expect(edit.json().latestVersion).toBe(2);
    const v2 = await waitReady(a, doc.id);
    expect(v2.currentVersion).toBe(2);

    expect(
      (await get(a, '/knowledge/search?q=water%20morning'))
        .json()
        .items.map((h: { citation: { documentId: string } }) => h.citation.documentId),
    ).not.toContain(doc.id);
    expect((await get(a, '/knowledge/search?q=walk%20steps')).json().items[0].citation).toMatchObject({
      documentId: doc.id,
      version: 2,
    });

    const versions = (await get(a, `/knowledge/documents/${doc.id}/versions`)).json().items;
    expect(
      versions.map((v: { version: number; isCurrent: boolean; changeNote: string | null }) => [
        v.version,
        v.isCurrent,
        v.changeNote,
      ]),
    ).toEqual([
      [2, true, 'walking instead'],
      [1, false, null],
    ]);
    const diff = (await get(a, `/knowledge/documents/${doc.id}/diff?from=1&to=2`)).json();
    expect(diff.hunks).toContainEqual(
      expect.objectContaining({ kind: 'removed', text: expect.stringContaining('Drink water') }),
    );
    expect(diff.hunks).toContainEqual(
      expect.objectContaining({ kind: 'added', text: expect.stringContaining('Walk ten thousand') }),
    );

    const restore = await t.app.inject({
      method: 'POST',
      url: `/api/v1/knowledge/documents/${doc.id}/versions/1/restore`,
      headers: a.auth,
    });
    expect(restore.statusCode).toBe(201);
    const v3 = await waitReady(a, doc.id);
    expect(v3.currentVersion).toBe(3);
    expect((await get(a, '/knowledge/search?q=water%20morning')).json().items[0].citation).toMatchObject({
      documentId: doc.id,
      version: 3,
    });
  });

  it('previews chunks and extracted text', async () => {
    const [doc] = (await upload(a, [{ name: 'preview.md', content: SLEEP_MD }])).json().accepted;
    await waitReady(a, doc.id);
    const chunks = (await get(a, `/knowledge/documents/${doc.id}/chunks`)).json();
    expect(chunks.version).toBe(1);
    expect(chunks.items.length).toBeGreaterThan(0);
    expect(chunks.items.map((c: { content: string }) => c.content).join(' ')).toContain('caffeine');
    const text = (await get(a, `/knowledge/documents/${doc.id}/versions/1/text`)).json();
    expect(text.text).toContain('Evening routine');
  });

  it('organises: folders, moves, tags in bulk, filters, and refuses deleting a non-empty folder without confirmation', async () => {
    const folder = (
      await t.app.inject({
        method: 'POST',
        url: '/api/v1/knowledge/folders',
        headers: a.auth,
        payload: { name: 'Programs' },
      })
    ).json();
    const sub = (
      await t.app.inject({
        method: 'POST',
        url: '/api/v1/knowledge/folders',
        headers: a.auth,
        payload: { name: 'Week 1', parentId: folder.id },
      })
    ).json();
    const [doc] = (
      await upload(a, [{ name: 'week1.txt', content: 'Week one: breathing exercises for calm mornings.' }], {
        folderId: sub.id,
        tags: 'week1, breathing',
      })
    ).json().accepted;
    expect(doc.folderId).toBe(sub.id);
    expect(doc.tags).toEqual(['week1', 'breathing']);

    const tagged = await t.app.inject({
      method: 'POST',
      url: '/api/v1/knowledge/documents/bulk-tags',
      headers: a.auth,
      payload: { documentIds: [doc.id], add: ['calm'], remove: ['week1'] },
    });
    expect(tagged.json()).toEqual({ updated: 1 });
    expect(
      (await get(a, '/knowledge/documents?tag=calm')).json().items.map((d: { id: string }) => d.id),
    ).toEqual([doc.id]);
    expect((await get(a, `/knowledge/documents?folderId=${sub.id}`)).json().items).toHaveLength(1);

    const cycle = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/knowledge/folders/${folder.id}`,
      headers: a.auth,
      payload: { parentId: sub.id },
    });
    expect(cycle.statusCode).toBe(409);

    await waitReady(a, doc.id);
    expect((await get(a, `/knowledge/search?q=breathing&folderId=${folder.id}`)).json().items).toHaveLength(
      1,
    );

    const refused = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/knowledge/folders/${folder.id}`,
      headers: a.auth,
    });
    expect(refused.statusCode).toBe(409);
    const deleted = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/knowledge/folders/${folder.id}?recursive=true`,
      headers: a.auth,
    });
    expect(deleted.json()).toEqual({ deletedDocuments: 1 });
    expect((await get(a, `/knowledge/documents/${doc.id}`)).statusCode).toBe(404);
    expect((await get(a, '/knowledge/search?q=breathing')).json().items).toEqual([]);
  });

  it('isolates creators: B cannot see, search, download or change A documents', async () => {
    const [doc] = (
      await upload(a, [
        { name: 'secret-plan.txt', content: 'The secret recovery protocol uses cold plunges.' },
      ])
    ).json().accepted;
    await waitReady(a, doc.id);
    for (const url of [
      `/knowledge/documents/${doc.id}`,
      `/knowledge/documents/${doc.id}/versions`,
      `/knowledge/documents/${doc.id}/versions/1/file`,
      `/knowledge/documents/${doc.id}/chunks`,
    ]) {
      expect((await get(b, url)).statusCode).toBe(404);
    }
    expect((await get(b, '/knowledge/search?q=cold%20plunges%20recovery')).json().items).toEqual([]);
    const patch = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/knowledge/documents/${doc.id}`,
      headers: b.auth,
      payload: { title: 'mine' },
    });
    expect(patch.statusCode).toBe(404);
    const file = await get(a, `/knowledge/documents/${doc.id}/versions/1/file`);
    expect(file.statusCode).toBe(200);
    expect(file.body).toContain('cold plunges');
  });

  it('requires a members tag for members-only documents', async () => {
    const [doc] = (
      await upload(a, [{ name: 'vip.txt', content: 'Members only content about advanced periodisation.' }])
    ).json().accepted;
    const bad = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/knowledge/documents/${doc.id}`,
      headers: a.auth,
      payload: { visibility: 'members' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].path).toBe('body.membersTag');
    const ok = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/knowledge/documents/${doc.id}`,
      headers: a.auth,
      payload: { visibility: 'members', membersTag: 'premium' },
    });
    expect(ok.json()).toMatchObject({ visibility: 'members', membersTag: 'premium' });
  });

  it('ingests real PDF and DOCX files with page and heading citations, and fails a zip bomb with a reason', async () => {
    const fixture = (name: string) => readFileSync(join(import.meta.dirname, '__fixtures__', name));
    const res = await upload(a, [
      { name: 'coaching-guide.pdf', content: fixture('coaching-guide.pdf') },
      { name: 'coaching-plan.docx', content: fixture('coaching-plan.docx') },
      { name: 'zip-bomb.docx', content: fixture('zip-bomb.docx') },
      { name: 'coaching-guide-really-a-pdf.docx', content: fixture('coaching-guide-really-a-pdf.docx') },
    ]);
    expect(res.statusCode).toBe(201);
    const accepted = res.json().accepted as { id: string; kind: string; title: string }[];
    // Type comes from the content: the PDF named .docx is a PDF.
    expect(accepted.map((d) => d.kind)).toEqual(['pdf', 'docx', 'pdf']);
    // The zip bomb is refused from its zip directory, before anything is stored or inflated.
    expect(res.json().rejected).toEqual([
      expect.objectContaining({
        filename: 'zip-bomb.docx',
        code: 'ZIP_BOMB',
        message: expect.stringMatching(/zip|unpack/i),
      }),
    ]);
    const [pdf, docx] = await Promise.all(accepted.slice(0, 2).map((d) => waitReady(a, d.id)));
    expect(pdf.status).toBe('ready');
    expect(docx.status).toBe('ready');

    const versions = (await get(a, `/knowledge/documents/${pdf.id}/versions`)).json().items;
    expect(versions[0].pageCount).toBe(3);
    const chunks = (await get(a, `/knowledge/documents/${pdf.id}/chunks`)).json().items as {
      page: number | null;
    }[];
    expect(new Set(chunks.map((c) => c.page))).toEqual(new Set([1, 2, 3]));
    const text = (await get(a, `/knowledge/documents/${docx.id}/versions/1/text`)).json().text as string;
    expect(text).toMatch(/^#+ /m); // headings kept as Markdown
    expect(text).toContain('|'); // the table kept as a pipe table
  });
});
