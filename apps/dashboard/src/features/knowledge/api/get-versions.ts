import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';
import { pollWhileInProgress } from '../utils/status.ts';
import { knowledgeKeys } from './query-keys.ts';

export const getVersions = (id: string, signal?: AbortSignal) =>
  api.knowledge.listVersions(id, signal ? { signal } : undefined);

/** Version history, newest first; refreshed every second while a version is being processed. */
export const getVersionsQueryOptions = (id: string) =>
  queryOptions({
    queryKey: knowledgeKeys.versions(id),
    queryFn: ({ signal }) => getVersions(id, signal),
    refetchInterval: (query) => pollWhileInProgress(query.state.data?.items.map((v) => v.status) ?? []),
  });

export const useVersions = (id: string) => useQuery(getVersionsQueryOptions(id));
