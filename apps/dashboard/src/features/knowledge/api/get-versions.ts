import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';
import { pollWhileInProgress, useKnowledgeLiveOpen } from '../utils/status.ts';
import { knowledgeKeys } from './query-keys.ts';

export const getVersions = (id: string, signal?: AbortSignal) =>
  api.knowledge.listVersions(id, signal ? { signal } : undefined);

/**
 * Version history, newest first; refreshed every second while a version is
 * being processed (rarely while the live socket pushes progress).
 */
export const getVersionsQueryOptions = (id: string) =>
  queryOptions({
    queryKey: knowledgeKeys.versions(id),
    queryFn: ({ signal }) => getVersions(id, signal),
    refetchInterval: (query) => pollWhileInProgress(query.state.data?.items.map((v) => v.status) ?? []),
  });

export const useVersions = (id: string) => {
  // Re-set the options (so the polling interval) when the live socket opens or drops.
  useKnowledgeLiveOpen();
  return useQuery(getVersionsQueryOptions(id));
};
