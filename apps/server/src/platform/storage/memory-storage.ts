import { Readable } from 'node:stream';
import { FileNotFoundError, type FileStorage } from './file-storage.ts';
import { assertStorageKey, normalizeStoragePrefix } from './storage-key.ts';

/**
 * Files in process memory, for tests that need storage but not a directory.
 * Validates keys exactly as the disk adapter does, so a bad key fails in tests too.
 *
 * @example
 * const storage = createMemoryStorage();
 */
export function createMemoryStorage(): FileStorage {
  const files = new Map<string, { data: Buffer; contentType: string | undefined }>();

  return {
    async put(key, data, opts) {
      assertStorageKey(key);
      let content: Buffer;
      if (Buffer.isBuffer(data)) {
        content = Buffer.from(data);
      } else {
        const chunks: Buffer[] = [];
        for await (const chunk of data) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
        content = Buffer.concat(chunks);
      }
      // Set only after the whole stream is read: a failed upload leaves nothing.
      files.set(key, { data: content, contentType: opts?.contentType });
      return { key, size: content.length };
    },
    async get(key) {
      assertStorageKey(key);
      const file = files.get(key);
      if (!file) throw new FileNotFoundError(key);
      return Readable.from([file.data]);
    },
    async stat(key) {
      assertStorageKey(key);
      const file = files.get(key);
      return file ? { size: file.data.length } : undefined;
    },
    async delete(key) {
      assertStorageKey(key);
      files.delete(key);
    },
    async deletePrefix(prefix) {
      const dir = normalizeStoragePrefix(prefix);
      for (const key of files.keys()) if (key === dir || key.startsWith(`${dir}/`)) files.delete(key);
    },
  };
}
