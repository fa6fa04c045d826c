import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';
import { knowledgeKeys } from './query-keys.ts';

export const getDiff = (id: string, from: number, to: number, signal?: AbortSignal) =>
  api.knowledge.diff(id, { from, to }, signal ? { signal } : undefined);

/** Line diff between two versions (both must be processed); versions never change, so neither does it. */
export const getDiffQueryOptions = (id: string, from: number, to: number) =>
  queryOptions({
    queryKey: knowledgeKeys.diff(id, from, to),
    queryFn: ({ signal }) => getDiff(id, from, to, signal),
    staleTime: Number.POSITIVE_INFINITY,
  });

export const useDiff = (id: string, pair: { from: number; to: number } | undefined) =>
  useQuery({ ...getDiffQueryOptions(id, pair?.from ?? 0, pair?.to ?? 0), enabled: pair !== undefined });
