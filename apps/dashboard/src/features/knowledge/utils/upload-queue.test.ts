import { ApiError, type UploadFields } from '@companero/api-client';
import type { KbDocument, UploadResult } from '@companero/contracts';
import { describe, expect, it, vi } from 'vitest';
import { createUploadQueue, summarize, type UploadSettings } from './upload-queue.ts';

const SETTINGS: UploadSettings = { folderId: 'root', visibility: 'public', tags: ['t'] };

let docs = 0;
const doc = (title: string, patch: Partial<KbDocument> = {}): KbDocument => ({
  id: `00000000-0000-4000-8000-${String(++docs).padStart(12, '0')}`,
  folderId: null,
  title,
  description: '',
  kind: 'text',
  visibility: 'public',
  membersTag: null,
  tags: [],
  status: 'uploaded',
  progress: 5,
  errorCode: null,
  errorMessage: null,
  currentVersion: null,
  latestVersion: 1,
  language: null,
  sizeBytes: 1,
  createdAt: '2025-01-01T00:00:00.000Z',
  updatedAt: '2025-01-01T00:00:00.000Z',
  ...patch,
});

const file = (name: string, content = 'x') => ({ file: new File([content], name), folders: [] });

/** An upload function whose calls stay open until the test answers them. */
function controllableUpload() {
  const calls: {
    file: File;
    fields: UploadFields;
    progress: (loaded: number, total: number) => void;
    resolve: (r: UploadResult) => void;
    reject: (e: unknown) => void;
    signal: AbortSignal;
  }[] = [];
  const upload = vi.fn(
    (
      file: File,
      fields: UploadFields,
      o: { onUploadProgress: (p: { loaded: number; total: number }) => void; signal: AbortSignal },
    ) =>
      new Promise<UploadResult>((resolve, reject) => {
        calls.push({
          file,
          fields,
          progress: (loaded, total) => o.onUploadProgress({ loaded, total }),
          resolve,
          reject,
          signal: o.signal,
        });
        o.signal.addEventListener('abort', () => reject(new DOMException('Aborted', 'AbortError')));
      }),
  );
  return { upload, calls };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('upload queue', () => {
  it('sends three files at a time, each its own request, with the upload settings', async () => {
    const { upload, calls } = controllableUpload();
    const queue = createUploadQueue({ upload, ensureFolder: async () => null });
    queue.add([file('a.md'), file('b.md'), file('c.txt'), file('d.txt'), file('e.txt')], SETTINGS);
    await tick();

    expect(calls.map((c) => c.file.name)).toEqual(['a.md', 'b.md', 'c.txt']);
    expect(calls[0]?.fields).toEqual({
      folderId: 'root',
      visibility: 'public',
      membersTag: undefined,
      tags: ['t'],
    });
    expect(queue.getItems().map((i) => i.phase)).toEqual([
      'uploading',
      'uploading',
      'uploading',
      'queued',
      'queued',
    ]);

    calls[0]?.resolve({ accepted: [doc('a')], rejected: [] });
    await tick();
    expect(calls.map((c) => c.file.name)).toEqual(['a.md', 'b.md', 'c.txt', 'd.txt']);
    expect(queue.getItems()[0]).toMatchObject({ phase: 'processing', uploadPercent: 100 });
  });

  it('shows upload progress, then follows the server stages to ready or failed', async () => {
    const { upload, calls } = controllableUpload();
    const onAccepted = vi.fn();
    const queue = createUploadQueue({ upload, ensureFolder: async () => null, onAccepted });
    queue.add([file('a.md'), file('b.md')], SETTINGS);
    await tick();
    calls[0]?.progress(25, 100);
    expect(queue.getItems()[0]?.uploadPercent).toBe(25);

    const a = doc('a');
    const b = doc('b');
    calls[0]?.resolve({ accepted: [a], rejected: [] });
    calls[1]?.resolve({ accepted: [b], rejected: [] });
    await tick();
    expect(onAccepted).toHaveBeenCalledTimes(2);
    expect(queue.processingDocumentIds()).toEqual([a.id, b.id]);

    queue.applyDocuments([{ ...a, status: 'chunking', progress: 50 }]);
    expect(queue.getItems()[0]).toMatchObject({ phase: 'processing', document: { status: 'chunking' } });
    queue.applyDocuments([
      { ...a, status: 'ready', progress: 100 },
      { ...b, status: 'failed', errorCode: 'NO_TEXT', errorMessage: 'b.md has no text.' },
    ]);
    expect(queue.getItems().map((i) => i.phase)).toEqual(['ready', 'failed']);
    expect(queue.getItems()[1]?.reason).toEqual({ code: 'NO_TEXT', message: 'b.md has no text.' });
    expect(queue.processingDocumentIds()).toEqual([]);
    expect(summarize(queue.getItems())).toMatchObject({ total: 2, ready: 1, failed: 1, isBusy: false });
  });

  it('shows the reason of a rejected file at once and keeps going with the others', async () => {
    const { upload, calls } = controllableUpload();
    const queue = createUploadQueue({ upload, ensureFolder: async () => null });
    queue.add([file('empty.txt', ''), file('ok.md')], SETTINGS);
    await tick();
    calls[0]?.reject(
      new ApiError({
        type: 'about:blank',
        title: 'Unprocessable',
        status: 422,
        code: 'FILE_REJECTED',
        errors: [
          { path: 'body.files.empty.txt', message: 'empty.txt: the file is empty.', code: 'EMPTY_FILE' },
        ],
      }),
    );
    calls[1]?.resolve({ accepted: [doc('ok')], rejected: [] });
    await tick();
    expect(queue.getItems().map((i) => [i.phase, i.reason?.code])).toEqual([
      ['rejected', 'EMPTY_FILE'],
      ['processing', undefined],
    ]);
  });

  it('offers a retry after a network error, and waits out a 429 before sending again', async () => {
    const { upload, calls } = controllableUpload();
    const sleep = vi.fn(async () => {});
    const queue = createUploadQueue({ upload, ensureFolder: async () => null, sleep });
    queue.add([file('a.md')], SETTINGS);
    await tick();
    calls[0]?.reject(ApiError.synthetic(0, 'The server could not be reached'));
    await tick();
    expect(queue.getItems()[0]?.phase).toBe('error');

    queue.retry(queue.getItems()[0]!.id);
    await tick();
    calls[1]?.reject(
      new ApiError({
        type: 'about:blank',
        title: 'x',
        status: 429,
        code: 'RATE_LIMITED',
        retryAfterSeconds: 3,
      }),
    );
    await tick();
    expect(sleep).toHaveBeenCalledWith(3000);
    expect(calls).toHaveLength(3);
    calls[2]?.resolve({ accepted: [doc('a')], rejected: [] });
    await tick();
    expect(queue.getItems()[0]?.phase).toBe('processing');
  });

  it('cancels a file being sent or waiting, and clears finished files', async () => {
    const { upload, calls } = controllableUpload();
    const queue = createUploadQueue({ upload, ensureFolder: async () => null, concurrency: 1 });
    queue.add([file('a.md'), file('b.md'), file('c.md')], SETTINGS);
    await tick();
    const [a, b] = queue.getItems();
    queue.cancel(b!.id);
    queue.cancel(a!.id);
    await tick();
    expect(calls[0]?.signal.aborted).toBe(true);
    expect(calls.map((c) => c.file.name)).toEqual(['a.md', 'c.md']);
    expect(queue.getItems().map((i) => i.phase)).toEqual(['cancelled', 'cancelled', 'uploading']);

    queue.clearFinished();
    expect(queue.getItems().map((i) => i.name)).toEqual(['c.md']);
    queue.reset();
    expect(queue.getItems()).toEqual([]);
    expect(calls[1]?.signal.aborted).toBe(true);
  });

  it('recreates the folders of an uploaded folder under the chosen one', async () => {
    const { upload, calls } = controllableUpload();
    const ensureFolder = vi.fn(
      async (parent: string | null, names: readonly string[]) => `${parent}/${names.join('/')}`,
    );
    const queue = createUploadQueue({ upload, ensureFolder });
    queue.add([{ file: new File(['x'], 'naps.md'), folders: ['Guides', 'Sleep'] }], SETTINGS);
    await tick();
    expect(ensureFolder).toHaveBeenCalledWith('root', ['Guides', 'Sleep']);
    expect(calls[0]?.fields.folderId).toBe('root/Guides/Sleep');
    expect(queue.getItems()[0]?.name).toBe('Guides/Sleep/naps.md');
  });
});
