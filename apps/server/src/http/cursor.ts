import { AppError } from '../platform/errors/app-error.ts';

/**
 * Opaque keyset cursors: base64url of `<iso timestamp>|<uuid>`. Keyset (not
 * offset) pagination keeps page cost constant however deep the client goes.
 */
export function encodeCursor(createdAt: Date, id: string): string {
  return Buffer.from(`${createdAt.toISOString()}|${id}`).toString('base64url');
}

export function decodeCursor(cursor: string | undefined): { createdAt: Date; id: string } | undefined {
  if (!cursor) return undefined;
  const [iso, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  const createdAt = new Date(iso ?? '');
  if (!id || !/^[0-9a-f-]{36}$/i.test(id) || Number.isNaN(createdAt.getTime())) {
    throw new AppError('VALIDATION_FAILED', 'query.cursor: invalid cursor', {
      errors: [{ path: 'query.cursor', message: 'Invalid cursor', code: 'invalid_cursor' }],
    });
  }
  return { createdAt, id };
}

/** Splits the `limit + 1` rows a repository returned into a page and its next cursor. */
export function toPage<R extends { createdAt: Date; id: string }, T>(
  rows: R[],
  limit: number,
  map: (r: R) => T,
) {
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return {
    items: items.map(map),
    nextCursor: rows.length > limit && last ? encodeCursor(last.createdAt, last.id) : null,
  };
}
