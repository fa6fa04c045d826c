import { describe, expect, it, vi } from 'vitest';
import { ApiError, createApiClient, filenameFromDisposition } from './index.ts';

const DOC = {
  id: '5f0b7a4e-8f5c-4d59-9b1e-6a2d0c3b4e51',
  folderId: null,
  title: 'sleep-guide',
  description: '',
  kind: 'markdown',
  visibility: 'public',
  membersTag: null,
  tags: ['sleep'],
  status: 'uploaded',
  progress: 5,
  errorCode: null,
  errorMessage: null,
  currentVersion: null,
  latestVersion: 1,
  language: null,
  sizeBytes: 12,
  createdAt: '2025-01-01T00:00:00.000Z',
  updatedAt: '2025-01-01T00:00:00.000Z',
};

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
const problem = (status: number, code: string, extra: Record<string, unknown> = {}) =>
  new Response(JSON.stringify({ type: 'about:blank', title: 'Error', status, code, ...extra }), {
    status,
    headers: { 'content-type': 'application/problem+json' },
  });

function fakeFetch(...answers: Response[]) {
  const calls: { url: string; init: RequestInit }[] = [];
  const fetch = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    calls.push({ url: String(input), init: init ?? {} });
    const next = answers.shift();
    if (!next) throw new Error('unexpected request');
    return next;
  });
  return { fetch: fetch as unknown as typeof globalThis.fetch, calls };
}

/** Just enough of XMLHttpRequest: records the request, reports progress, answers from a queue. */
class FakeXhr extends EventTarget {
  static answers: { status: number; body: unknown; type?: string }[] = [];
  static sent: FakeXhr[] = [];
  upload = new EventTarget();
  method = '';
  url = '';
  headers: Record<string, string> = {};
  body: unknown;
  withCredentials = false;
  responseType = '';
  status = 0;
  statusText = '';
  responseText = '';
  #type: string | null = null;

  open(method: string, url: string) {
    this.method = method;
    this.url = url;
  }
  setRequestHeader(name: string, value: string) {
    this.headers[name] = value;
  }
  getResponseHeader(name: string) {
    return name.toLowerCase() === 'content-type' ? this.#type : null;
  }
  abort() {
    this.dispatchEvent(new Event('abort'));
  }
  send(body: unknown) {
    this.body = body;
    FakeXhr.sent.push(this);
    const answer = FakeXhr.answers.shift();
    queueMicrotask(() => {
      if (!answer) {
        this.dispatchEvent(new Event('error'));
        return;
      }
      for (const loaded of [50, 100]) {
        this.upload.dispatchEvent(
          Object.assign(new Event('progress'), { lengthComputable: true, loaded, total: 100 }),
        );
      }
      this.status = answer.status;
      this.responseText = JSON.stringify(answer.body);
      this.#type = answer.type ?? 'application/json';
      this.dispatchEvent(new Event('load'));
    });
  }
}

const createXhr = () => new FakeXhr() as unknown as XMLHttpRequest;
const file = (name: string, content: string) => new File([content], name, { type: 'text/markdown' });

describe('knowledge client', () => {
  it('uploads files as multipart with the form fields, without a JSON content type', async () => {
    const { fetch, calls } = fakeFetch(json(201, { accepted: [DOC], rejected: [] }));
    const api = createApiClient({ baseUrl: '/api/v1', getAccessToken: () => 't', fetch });

    const result = await api.knowledge.upload([file('sleep-guide.md', '# Sleep')], {
      folderId: '0b9ad3b6-9a3c-4a55-9f37-5b4a4b4c0d11',
      visibility: 'members',
      membersTag: 'vip',
      tags: ['sleep', 'health'],
    });

    expect(result.accepted[0]?.title).toBe('sleep-guide');
    expect(calls[0]?.url).toBe('/api/v1/knowledge/documents');
    expect(calls[0]?.init.method).toBe('POST');
    const headers = calls[0]?.init.headers as Record<string, string>;
    expect(headers['content-type']).toBeUndefined();
    expect(headers.authorization).toBe('Bearer t');
    const form = calls[0]?.init.body as FormData;
    expect(form.get('visibility')).toBe('members');
    expect(form.get('membersTag')).toBe('vip');
    expect(form.get('tags')).toBe('sleep,health');
    expect((form.get('files') as File).name).toBe('sleep-guide.md');
    expect([...form.keys()].at(-1)).toBe('files');
  });

  it('reports upload progress over XMLHttpRequest and refreshes once on an expired token', async () => {
    let token = 'old';
    FakeXhr.sent = [];
    FakeXhr.answers = [
      { status: 401, body: { type: 'about:blank', title: 'x', status: 401, code: 'TOKEN_EXPIRED' } },
      { status: 201, body: { accepted: [DOC], rejected: [] } },
    ];
    const onUnauthorized = vi.fn(async () => {
      token = 'new';
      return true;
    });
    const api = createApiClient({
      baseUrl: '/api/v1',
      getAccessToken: () => token,
      onUnauthorized,
      createXhr,
    });
    const progress: number[] = [];

    const result = await api.knowledge.upload(
      [file('a.md', 'x')],
      {},
      {
        onUploadProgress: (p) => progress.push(p.loaded / p.total),
      },
    );

    expect(result.accepted).toHaveLength(1);
    expect(progress).toEqual([0.5, 1, 0.5, 1]);
    expect(FakeXhr.sent.map((x) => x.headers.authorization)).toEqual(['Bearer old', 'Bearer new']);
    expect(FakeXhr.sent[1]?.withCredentials).toBe(true);
    expect(FakeXhr.sent[1]?.body).toBeInstanceOf(FormData);
  });

  it('turns a rejected upload into an ApiError that carries the reason of each file', async () => {
    FakeXhr.answers = [
      {
        status: 422,
        type: 'application/problem+json',
        body: {
          type: 'about:blank',
          title: 'Unprocessable',
          status: 422,
          code: 'FILE_REJECTED',
          errors: [
            { path: 'body.files.empty.txt', message: 'empty.txt: the file is empty.', code: 'EMPTY_FILE' },
          ],
        },
      },
    ];
    const api = createApiClient({ baseUrl: '/api/v1', getAccessToken: () => 't', createXhr });

    const error = await api.knowledge
      .upload([file('empty.txt', '')], {}, { onUploadProgress: () => {} })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).code).toBe('FILE_REJECTED');
    expect((error as ApiError).problem.errors?.[0]).toMatchObject({ code: 'EMPTY_FILE' });
  });

  it('reports an unreachable server during an upload as SERVICE_UNAVAILABLE, and an abort as the abort', async () => {
    FakeXhr.answers = [];
    const api = createApiClient({ baseUrl: '/api/v1', getAccessToken: () => 't', createXhr });
    await expect(
      api.knowledge.upload([file('a.md', 'x')], {}, { onUploadProgress: () => {} }),
    ).rejects.toMatchObject({ status: 0, code: 'SERVICE_UNAVAILABLE' });

    const controller = new AbortController();
    controller.abort();
    await expect(
      api.knowledge.upload(
        [file('a.md', 'x')],
        {},
        { onUploadProgress: () => {}, signal: controller.signal },
      ),
    ).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('sends edits with PUT, folder deletion with ?recursive=true and search filters in the query', async () => {
    const { fetch, calls } = fakeFetch(
      json(201, DOC),
      json(200, { deletedDocuments: 3 }),
      json(200, { items: [], mode: 'lexical', tookMs: 2 }),
    );
    const api = createApiClient({ baseUrl: '/api/v1', getAccessToken: () => 't', fetch });

    await api.knowledge.editContent(DOC.id, { content: '# New', changeNote: 'typo' });
    await expect(api.knowledge.deleteFolder('f1', { recursive: true })).resolves.toEqual({
      deletedDocuments: 3,
    });
    await api.knowledge.search({ q: 'coffee noon', kind: 'markdown', limit: 10, offset: 20 });

    expect(calls[0]?.init.method).toBe('PUT');
    expect(calls[0]?.url).toBe(`/api/v1/knowledge/documents/${DOC.id}/content`);
    expect(calls[0]?.init.body).toBe('{"content":"# New","changeNote":"typo"}');
    expect(calls[1]?.url).toBe('/api/v1/knowledge/folders/f1?recursive=true');
    expect(calls[2]?.url).toBe('/api/v1/knowledge/search?q=coffee+noon&kind=markdown&limit=10&offset=20');
  });

  it('downloads a version with the file name from Content-Disposition', async () => {
    const { fetch } = fakeFetch(
      new Response('# Sleep', {
        status: 200,
        headers: {
          'content-type': 'text/markdown; charset=utf-8',
          'content-disposition': "attachment; filename*=UTF-8''gu%C3%ADa%20de%20sue%C3%B1o.md",
        },
      }),
    );
    const api = createApiClient({ baseUrl: '/api/v1', getAccessToken: () => 't', fetch });

    const { blob, filename } = await api.knowledge.downloadVersion(DOC.id, 2);
    expect(filename).toBe('guía de sueño.md');
    await expect(blob.text()).resolves.toBe('# Sleep');
  });

  it('reads plain and missing Content-Disposition file names', () => {
    expect(filenameFromDisposition('attachment; filename="notes.txt"', 'x')).toBe('notes.txt');
    expect(filenameFromDisposition(null, 'version-1')).toBe('version-1');
  });

  it('rejects a malformed bulk-tags answer', async () => {
    const { fetch } = fakeFetch(json(200, { ok: true }), problem(404, 'NOT_FOUND'));
    const api = createApiClient({ baseUrl: '/api/v1', getAccessToken: () => 't', fetch });
    await expect(api.knowledge.bulkTags({ documentIds: [DOC.id], add: ['a'] })).rejects.toMatchObject({
      code: 'INTERNAL',
    });
    await expect(api.knowledge.getDocument(DOC.id)).rejects.toMatchObject({ status: 404, code: 'NOT_FOUND' });
  });
});
