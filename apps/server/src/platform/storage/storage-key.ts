const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const CREATOR_DIR = new RegExp(`^creator_${UUID}$`);

// Keys become file paths. Each rule closes a way out of the creator's
// directory (or of the storage root) or a name the filesystem treats specially.
function problemWith(path: string, { isPrefix }: { isPrefix: boolean }): string | undefined {
  if (typeof path !== 'string' || path.length === 0) return 'is empty';
  if (path.length > 1024) return 'is longer than 1024 characters';
  if (path.includes('\0')) return 'contains a NUL byte';
  if (path.includes('\\')) return 'contains a backslash';
  // biome-ignore lint/suspicious/noControlCharactersInRegex: rejecting control characters is the point
  if (/[\u0000-\u001f\u007f]/.test(path)) return 'contains a control character';
  if (path.startsWith('/') || /^[a-zA-Z]:/.test(path)) return 'is absolute';
  const segments = path.split('/');
  if (segments.some((s) => s === '')) return 'has an empty path segment';
  if (segments.some((s) => s === '.' || s === '..')) return 'contains a "." or ".." segment';
  if (!CREATOR_DIR.test(segments[0] ?? '')) return 'does not start with creator_<uuid>/';
  if (!isPrefix && segments.length < 2) return 'names no file inside the creator directory';
  return undefined;
}

/**
 * Throws unless `key` is a safe relative file key `creator_<uuid>/<segment>/...`
 * (lower-case uuid; no `..`, no absolute path, no backslash, no NUL).
 *
 * @example
 * assertStorageKey('creator_3f2c…/documents/9a1e…/original.pdf');
 */
export function assertStorageKey(key: string): void {
  const problem = problemWith(key, { isPrefix: false });
  if (problem) throw new Error(`Invalid storage key ${JSON.stringify(key)}: ${problem}`);
}

/**
 * Like `assertStorageKey` for `deletePrefix`, which also accepts a creator's
 * whole directory (`creator_<uuid>`). Returns the prefix without a trailing slash.
 */
export function normalizeStoragePrefix(prefix: string): string {
  const trimmed = typeof prefix === 'string' && prefix.endsWith('/') ? prefix.slice(0, -1) : prefix;
  const problem = problemWith(trimmed, { isPrefix: true });
  if (problem) throw new Error(`Invalid storage prefix ${JSON.stringify(prefix)}: ${problem}`);
  return trimmed;
}

/**
 * Builds the key of a creator's file from path segments, rejecting any segment
 * that could escape the creator's directory. Use ids, not user-supplied file
 * names, as segments.
 *
 * @example
 * storageKeyFor(creatorId, 'documents', documentId, 'original.pdf');
 * // 'creator_<creatorId>/documents/<documentId>/original.pdf'
 */
export function storageKeyFor(creatorId: string, ...parts: string[]): string {
  if (parts.length === 0) throw new Error('storageKeyFor needs at least one path segment after the creator');
  for (const part of parts) {
    if (typeof part !== 'string' || part.includes('/')) {
      throw new Error(
        `Invalid storage key segment ${JSON.stringify(part)}: one segment per argument, no "/"`,
      );
    }
  }
  const key = [`creator_${String(creatorId).toLowerCase()}`, ...parts].join('/');
  assertStorageKey(key);
  return key;
}
