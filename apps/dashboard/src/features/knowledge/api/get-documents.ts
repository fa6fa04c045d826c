import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';
import { pollWhileInProgress, useKnowledgeLiveOpen } from '../utils/status.ts';
import { type DocumentFilters, knowledgeKeys } from './query-keys.ts';

export const DOCUMENTS_PAGE_SIZE = 50;

export const getDocuments = ({
  filters,
  cursor,
  signal,
}: {
  filters: DocumentFilters;
  cursor?: string | undefined;
  signal?: AbortSignal;
}) =>
  api.knowledge.listDocuments(
    { ...filters, limit: DOCUMENTS_PAGE_SIZE, ...(cursor ? { cursor } : {}) },
    signal ? { signal } : undefined,
  );

/**
 * Keyset pages, newest first. While any listed document is still being
 * processed the list refreshes every second (every 30 s while the live
 * socket pushes progress), then stops by itself.
 */
export const getDocumentsQueryOptions = (filters: DocumentFilters) =>
  infiniteQueryOptions({
    queryKey: knowledgeKeys.documentList(filters),
    queryFn: ({ pageParam, signal }) => getDocuments({ filters, cursor: pageParam, signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    refetchInterval: (query) =>
      pollWhileInProgress(query.state.data?.pages.flatMap((page) => page.items.map((d) => d.status)) ?? []),
  });

export const useDocuments = (filters: DocumentFilters) => {
  // Re-set the options (so the polling interval) when the live socket opens or drops.
  useKnowledgeLiveOpen();
  return useInfiniteQuery(getDocumentsQueryOptions(filters));
};
