import { randomUUID } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FileNotFoundError, type FileStorage } from './file-storage.ts';
import { createLocalDiskStorage } from './local-disk-storage.ts';
import { createMemoryStorage } from './memory-storage.ts';
import { storageKeyFor } from './storage-key.ts';

async function readAll(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
  return Buffer.concat(chunks);
}

/** A stream that sends `chunks`, then waits for `release` before ending (or failing). */
function slowStream(chunks: string[], release: Promise<'end' | 'fail'>): Readable {
  return Readable.from(
    (async function* () {
      for (const c of chunks) yield Buffer.from(c);
      if ((await release) === 'fail') throw new Error('client went away');
    })(),
  );
}

function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

/** One behaviour, every adapter. */
function storageContract(name: string, open: () => Promise<FileStorage>) {
  describe(`FileStorage contract: ${name}`, () => {
    let storage: FileStorage;
    const creator = randomUUID();
    const other = randomUUID();
    beforeAll(async () => {
      storage = await open();
    });

    it('stores a buffer and reads it back with its size', async () => {
      const key = storageKeyFor(creator, 'docs', 'a.txt');
      expect(await storage.put(key, Buffer.from('hola mundo'), { contentType: 'text/plain' })).toEqual({
        key,
        size: 10,
      });
      expect(await storage.stat(key)).toEqual({ size: 10 });
      expect((await readAll(await storage.get(key))).toString()).toBe('hola mundo');
    });

    it('stores a stream, counting its bytes', async () => {
      const key = storageKeyFor(creator, 'docs', 'stream.bin');
      const big = Buffer.alloc(256 * 1024, 7);
      const { size } = await storage.put(key, Readable.from([Buffer.from('head'), big, Buffer.from('tail')]));
      expect(size).toBe(big.length + 8);
      expect(
        (await readAll(await storage.get(key))).equals(
          Buffer.concat([Buffer.from('head'), big, Buffer.from('tail')]),
        ),
      ).toBe(true);
    });

    it('replaces the content of an existing key', async () => {
      const key = storageKeyFor(creator, 'docs', 'replace.txt');
      await storage.put(key, Buffer.from('first version'));
      await storage.put(key, Buffer.from('second'));
      expect((await readAll(await storage.get(key))).toString()).toBe('second');
      expect(await storage.stat(key)).toEqual({ size: 6 });
    });

    it('rejects get of a missing file with FileNotFoundError, and stat answers undefined', async () => {
      const key = storageKeyFor(creator, 'docs', 'missing.txt');
      await expect(storage.get(key)).rejects.toBeInstanceOf(FileNotFoundError);
      expect(await storage.stat(key)).toBeUndefined();
    });

    it('deletes a file, and deleting a missing file is not an error', async () => {
      const key = storageKeyFor(creator, 'docs', 'delete-me.txt');
      await storage.put(key, Buffer.from('x'));
      await storage.delete(key);
      await storage.delete(key);
      expect(await storage.stat(key)).toBeUndefined();
    });

    it('deletes a prefix by whole segments, leaving siblings and other creators alone', async () => {
      const keys = {
        a: storageKeyFor(creator, 'prefix', 'doc1', 'a.txt'),
        nested: storageKeyFor(creator, 'prefix', 'doc1', 'pages', 'p1.txt'),
        sibling: storageKeyFor(creator, 'prefix', 'doc10', 'a.txt'),
        otherCreator: storageKeyFor(other, 'prefix', 'doc1', 'a.txt'),
      };
      for (const key of Object.values(keys)) await storage.put(key, Buffer.from(key));
      await storage.deletePrefix(`creator_${creator}/prefix/doc1`);
      expect(await storage.stat(keys.a)).toBeUndefined();
      expect(await storage.stat(keys.nested)).toBeUndefined();
      expect(await storage.stat(keys.sibling)).toBeDefined();
      expect(await storage.stat(keys.otherCreator)).toBeDefined();

      await storage.deletePrefix(`creator_${creator}/`);
      expect(await storage.stat(keys.sibling)).toBeUndefined();
      expect(await storage.stat(keys.otherCreator)).toBeDefined();
      await storage.deletePrefix(`creator_${other}`);
      expect(await storage.stat(keys.otherCreator)).toBeUndefined();
    });

    it('never shows a half-written file while a stream upload is in progress', async () => {
      const key = storageKeyFor(creator, 'docs', 'slow.txt');
      const release = deferred<'end' | 'fail'>();
      const upload = storage.put(key, slowStream(['part one, ', 'part two'], release.promise));
      await new Promise((r) => setTimeout(r, 20));
      expect(await storage.stat(key)).toBeUndefined();
      release.resolve('end');
      await upload;
      expect((await readAll(await storage.get(key))).toString()).toBe('part one, part two');
    });

    it('leaves the previous content in place when an upload fails midway', async () => {
      const key = storageKeyFor(creator, 'docs', 'failed-upload.txt');
      await storage.put(key, Buffer.from('previous'));
      const release = deferred<'end' | 'fail'>();
      const upload = storage.put(key, slowStream(['half of the new '], release.promise));
      release.resolve('fail');
      await expect(upload).rejects.toThrow('client went away');
      expect((await readAll(await storage.get(key))).toString()).toBe('previous');

      const fresh = storageKeyFor(creator, 'docs', 'failed-fresh.txt');
      await expect(storage.put(fresh, slowStream(['half'], Promise.resolve('fail')))).rejects.toThrow();
      expect(await storage.stat(fresh)).toBeUndefined();
    });

    const id = '0b8e7a52-3c1d-4e2f-9a6b-5d4c3b2a1f00';
    const unsafeKeys: Record<string, string> = {
      'a parent segment': `creator_${id}/../creator_${randomUUID()}/x`,
      'a leading parent segment': '../etc/passwd',
      'an absolute path': `/creator_${id}/x`,
      'a backslash': `creator_${id}\\..\\x`,
      'a NUL byte': `creator_${id}/a\0b`,
      'a "." segment': `creator_${id}/./x`,
      'an empty segment': `creator_${id}//x`,
      'a trailing slash': `creator_${id}/docs/`,
      'no creator directory': 'docs/x',
      'a creator id that is not a uuid': 'creator_42/x',
      'an upper-case creator uuid': `creator_${id.toUpperCase()}/x`,
      'only the creator directory': `creator_${id}`,
      'an empty key': '',
    };
    for (const [problem, key] of Object.entries(unsafeKeys)) {
      it(`rejects a key with ${problem} in every operation`, async () => {
        await expect(storage.put(key, Buffer.from('x'))).rejects.toThrow(/Invalid storage key/);
        await expect(storage.get(key)).rejects.toThrow(/Invalid storage key/);
        await expect(storage.stat(key)).rejects.toThrow(/Invalid storage key/);
        await expect(storage.delete(key)).rejects.toThrow(/Invalid storage key/);
      });
    }

    it('rejects a prefix outside a creator directory', async () => {
      for (const prefix of ['', '/', '..', 'creator_42', `creator_${id}/..`, `/creator_${id}`]) {
        await expect(storage.deletePrefix(prefix)).rejects.toThrow(/Invalid storage prefix/);
      }
    });
  });
}

storageContract('in memory', async () => createMemoryStorage());

describe('local disk', () => {
  let root: string;
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'companero-storage-'));
  });
  afterAll(() => rm(root, { recursive: true, force: true }));

  storageContract('local disk', async () => createLocalDiskStorage({ rootDir: join(root, 'contract') }));

  it('lays files out as creator_<id>/... under the root', async () => {
    const storage = createLocalDiskStorage({ rootDir: join(root, 'layout') });
    const creator = randomUUID();
    await storage.put(storageKeyFor(creator, 'docs', 'a.txt'), Buffer.from('on disk'));
    expect(await readFile(join(root, 'layout', `creator_${creator}`, 'docs', 'a.txt'), 'utf8')).toBe(
      'on disk',
    );
  });

  it('leaves no temporary file behind after a failed upload', async () => {
    const storage = createLocalDiskStorage({ rootDir: join(root, 'temp') });
    const key = storageKeyFor(randomUUID(), 'docs', 'a.txt');
    await expect(storage.put(key, slowStream(['half'], Promise.resolve('fail')))).rejects.toThrow();
    await storage.put(key, Buffer.from('ok'));
    expect(await readdir(join(root, 'temp', '.incoming'))).toEqual([]);
  });
});
