import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';
import { knowledgeKeys } from './query-keys.ts';

/** The original text of a TXT/Markdown version, as uploaded (Markdown syntax included), for editing. */
export const getVersionSource = async (id: string, version: number, signal?: AbortSignal) => {
  const { blob } = await api.knowledge.downloadVersion(id, version, signal ? { signal } : undefined);
  return blob.text();
};

export const getVersionSourceQueryOptions = (id: string, version: number) =>
  queryOptions({
    queryKey: knowledgeKeys.versionSource(id, version),
    queryFn: ({ signal }) => getVersionSource(id, version, signal),
    staleTime: Number.POSITIVE_INFINITY,
  });

export const useVersionSource = (id: string, version: number) =>
  useQuery(getVersionSourceQueryOptions(id, version));
