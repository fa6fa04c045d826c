import type { UploadFields, UploadFile, UploadOptions } from '@companero/api-client';
import { ApiError } from '@companero/api-client';
import { api } from '../../../lib/api.ts';

/** One file per request, with upload progress (the queue sends a few at a time). */
export const uploadDocument = (file: UploadFile, fields: UploadFields, options: UploadOptions) =>
  api.knowledge.upload([file], fields, options);

/**
 * The id of the folder at `names` below `parentId`, creating the folders that
 * are missing (a dropped folder keeps its structure). Existing folders with the
 * same name are reused; one lookup per level is shared by files uploaded together.
 */
export function createFolderResolver({ ttlMs = 60_000 }: { ttlMs?: number } = {}) {
  // Remembered for a minute: long enough for one upload, short enough to notice a folder deleted since.
  const known = new Map<string, { id: Promise<string>; at: number }>();

  async function child(parentId: string | null, name: string): Promise<string> {
    const find = async () =>
      (await api.knowledge.listFolders()).items.find((f) => f.parentId === parentId && f.name === name)?.id;
    const existing = await find();
    if (existing) return existing;
    try {
      return (await api.knowledge.createFolder({ name, parentId })).id;
    } catch (error) {
      // Created meanwhile (another tab, another upload): use that one.
      if (error instanceof ApiError && error.code === 'CONFLICT') {
        const raced = await find();
        if (raced) return raced;
      }
      throw error;
    }
  }

  return async function ensureFolder(
    parentId: string | null,
    names: readonly string[],
  ): Promise<string | null> {
    let current = parentId;
    for (const [depth, name] of names.entries()) {
      const key = `${parentId ?? ''}/${names.slice(0, depth + 1).join('/')}`;
      let entry = known.get(key);
      if (!entry || Date.now() - entry.at > ttlMs) {
        const id = child(current, name.trim().slice(0, 120) || '-');
        entry = { id, at: Date.now() };
        known.set(key, entry);
        // A failure is not remembered: the next file tries again.
        id.catch(() => known.delete(key));
      }
      current = await entry.id;
    }
    return current;
  };
}
