import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { mkdir, open, rename, rm, stat, unlink, writeFile } from 'node:fs/promises';
import { dirname, resolve, sep } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { FileNotFoundError, type FileStorage } from './file-storage.ts';
import { assertStorageKey, normalizeStoragePrefix } from './storage-key.ts';

// Uploads land here first, then are renamed into place. Same filesystem as the
// files, so the rename is atomic; keys start with `creator_`, so no key can
// name this directory.
const INCOMING_DIR = '.incoming';

const isErrno = (err: unknown, ...codes: string[]) =>
  err instanceof Error && codes.includes((err as NodeJS.ErrnoException).code ?? '');

/**
 * Files on local disk under `rootDir` (`DATA_DIR/files` by default). A put
 * writes a temporary file and renames it into place, so a crash or a failed
 * upload never leaves a half-written file at the key.
 *
 * @example
 * const storage = createLocalDiskStorage({ rootDir: join(config.dataDir, 'files') });
 */
export function createLocalDiskStorage(opts: { rootDir: string }): FileStorage {
  const root = resolve(opts.rootDir);

  function pathOf(key: string): string {
    const path = resolve(root, key);
    // Defence in depth behind key validation: whatever the key, stay under root.
    if (!path.startsWith(root + sep))
      throw new Error(`Invalid storage key ${JSON.stringify(key)}: escapes the root`);
    return path;
  }

  return {
    async put(key, data) {
      assertStorageKey(key);
      const target = pathOf(key);
      const incoming = resolve(root, INCOMING_DIR);
      const temp = resolve(incoming, randomUUID());
      await Promise.all([mkdir(incoming, { recursive: true }), mkdir(dirname(target), { recursive: true })]);
      let size = 0;
      let out: ReturnType<typeof createWriteStream> | undefined;
      try {
        if (Buffer.isBuffer(data)) {
          await writeFile(temp, data);
          size = data.length;
        } else {
          const count = new Transform({
            transform(chunk: Buffer, _enc, done) {
              size += chunk.length;
              done(null, chunk);
            },
          });
          out = createWriteStream(temp);
          await pipeline(data, count, out);
        }
        await rename(temp, target);
      } catch (err) {
        // A failed pipeline destroys the file stream, which may still be opening the
        // file: wait for it to close, or the file would appear after the unlink.
        if (out && !out.closed) await once(out, 'close').catch(() => {});
        await unlink(temp).catch(() => {});
        throw err;
      }
      return { key, size };
    },

    async get(key) {
      assertStorageKey(key);
      // Open first, so a missing file rejects here instead of erroring mid-stream.
      const handle = await open(pathOf(key), 'r').catch((err: unknown) => {
        throw isErrno(err, 'ENOENT', 'EISDIR', 'ENOTDIR') ? new FileNotFoundError(key) : err;
      });
      const isFile = await handle.stat().then(
        (info) => info.isFile(),
        () => false,
      );
      if (!isFile) {
        await handle.close();
        throw new FileNotFoundError(key);
      }
      return handle.createReadStream();
    },

    async stat(key) {
      assertStorageKey(key);
      try {
        const info = await stat(pathOf(key));
        return info.isFile() ? { size: info.size } : undefined;
      } catch (err) {
        if (isErrno(err, 'ENOENT', 'ENOTDIR')) return undefined;
        throw err;
      }
    },

    async delete(key) {
      assertStorageKey(key);
      try {
        await unlink(pathOf(key));
      } catch (err) {
        if (!isErrno(err, 'ENOENT', 'ENOTDIR')) throw err;
      }
    },

    async deletePrefix(prefix) {
      await rm(pathOf(normalizeStoragePrefix(prefix)), { recursive: true, force: true });
    },
  };
}
