import { useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';
import { knowledgeKeys } from './query-keys.ts';

/** Counts the documents filed directly in these folders, page by page (200 at a time). */
export async function countFolderDocuments(folderIds: readonly string[], signal?: AbortSignal) {
  const counts = await Promise.all(
    folderIds.map(async (folderId) => {
      let total = 0;
      let cursor: string | undefined;
      do {
        const page = await api.knowledge.listDocuments(
          { folderId, limit: 200, ...(cursor ? { cursor } : {}) },
          signal ? { signal } : undefined,
        );
        total += page.items.length;
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      return total;
    }),
  );
  return counts.reduce((sum, n) => sum + n, 0);
}

/**
 * What a deletion really takes with it, counted fresh when the confirmation
 * opens (the folder list's counts may be a little old).
 */
export const useFolderDocumentCount = (folderIds: readonly string[] | undefined) =>
  useQuery({
    queryKey: [...knowledgeKeys.all, 'folder-document-count', folderIds ?? []],
    queryFn: ({ signal }) => countFolderDocuments(folderIds ?? [], signal),
    enabled: folderIds !== undefined && folderIds.length > 0,
    staleTime: 0,
    gcTime: 0,
  });
