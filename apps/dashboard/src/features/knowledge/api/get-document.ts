import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';
import { pollWhileInProgress } from '../utils/status.ts';
import { knowledgeKeys } from './query-keys.ts';

export const getDocument = (id: string, signal?: AbortSignal) =>
  api.knowledge.getDocument(id, signal ? { signal } : undefined);

/** One document; refreshed every second while its latest version is being processed. */
export const getDocumentQueryOptions = (id: string) =>
  queryOptions({
    queryKey: knowledgeKeys.document(id),
    queryFn: ({ signal }) => getDocument(id, signal),
    refetchInterval: (query) => pollWhileInProgress(query.state.data ? [query.state.data.status] : []),
  });

export const useDocument = (id: string) => useQuery(getDocumentQueryOptions(id));
