/**
 * Blobs (uploaded documents, exports) addressed by keys of the form
 * `creator_<uuid>/...` built with `storageKeyFor`, so one creator's files live
 * under one prefix and can be deleted together.
 */
export interface FileStorage {
  /** Stores the whole content or nothing: readers never see a half-written file. */
  put(
    key: string,
    data: Buffer | NodeJS.ReadableStream,
    opts?: { contentType?: string },
  ): Promise<{ key: string; size: number }>;
  /** The content; rejects with `FileNotFoundError` when there is no file at `key`. */
  get(key: string): Promise<NodeJS.ReadableStream>;
  stat(key: string): Promise<{ size: number } | undefined>;
  /** Removes the file; a missing file is not an error. */
  delete(key: string): Promise<void>;
  /**
   * Removes `prefix` and everything under it, by whole path segments:
   * `creator_<id>/docs` removes `creator_<id>/docs/a.pdf`, never `creator_<id>/docs-old/...`.
   */
  deletePrefix(prefix: string): Promise<void>;
}

/** Thrown by `get` when no file exists at the key; services turn it into NOT_FOUND. */
export class FileNotFoundError extends Error {
  readonly key: string;
  constructor(key: string) {
    super(`No file at storage key ${JSON.stringify(key)}`);
    this.name = 'FileNotFoundError';
    this.key = key;
  }
}
