import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from './api.ts';

/** Unauthenticated facts about the server (dev mailbox on or off, version). */
export const getPublicConfig = (signal?: AbortSignal) =>
  api.system.getConfig(signal ? { signal } : undefined);

export const getPublicConfigQueryOptions = () =>
  queryOptions({
    queryKey: ['public-config'],
    queryFn: ({ signal }) => getPublicConfig(signal),
    staleTime: Number.POSITIVE_INFINITY,
  });

export const usePublicConfig = () => useQuery(getPublicConfigQueryOptions());
