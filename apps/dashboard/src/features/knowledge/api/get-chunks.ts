import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';
import { knowledgeKeys } from './query-keys.ts';

export const getChunks = (id: string, signal?: AbortSignal) =>
  api.knowledge.listChunks(id, signal ? { signal } : undefined);

/** Chunks of the current version; keyed by it, so a new current version loads its own. */
export const getChunksQueryOptions = (id: string, currentVersion: number | null) =>
  queryOptions({
    queryKey: knowledgeKeys.chunks(id, currentVersion),
    queryFn: ({ signal }) => getChunks(id, signal),
    staleTime: Number.POSITIVE_INFINITY,
  });

export const useChunks = (id: string, currentVersion: number | null) =>
  useQuery({ ...getChunksQueryOptions(id, currentVersion), enabled: currentVersion !== null });
