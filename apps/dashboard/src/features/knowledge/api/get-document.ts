import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';
import { pollWhileInProgress, useKnowledgeLiveOpen } from '../utils/status.ts';
import { knowledgeKeys } from './query-keys.ts';

export const getDocument = (id: string, signal?: AbortSignal) =>
  api.knowledge.getDocument(id, signal ? { signal } : undefined);

/**
 * One document; refreshed every second while its latest version is being
 * processed (rarely while the live socket pushes progress).
 */
export const getDocumentQueryOptions = (id: string) =>
  queryOptions({
    queryKey: knowledgeKeys.document(id),
    queryFn: ({ signal }) => getDocument(id, signal),
    refetchInterval: (query) => pollWhileInProgress(query.state.data ? [query.state.data.status] : []),
  });

export const useDocument = (id: string) => {
  // Re-set the options (so the polling interval) when the live socket opens or drops.
  useKnowledgeLiveOpen();
  return useQuery(getDocumentQueryOptions(id));
};
