import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';
import { knowledgeKeys } from './query-keys.ts';

export const getVersionText = (id: string, version: number, signal?: AbortSignal) =>
  api.knowledge.getVersionText(id, version, signal ? { signal } : undefined);

/** The extracted text of a version never changes: fetched once. */
export const getVersionTextQueryOptions = (id: string, version: number) =>
  queryOptions({
    queryKey: knowledgeKeys.versionText(id, version),
    queryFn: ({ signal }) => getVersionText(id, version, signal),
    staleTime: Number.POSITIVE_INFINITY,
  });

export const useVersionText = (id: string, version: number | null) =>
  useQuery({ ...getVersionTextQueryOptions(id, version ?? 0), enabled: version !== null });
