import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';
import { programKeys } from './program-keys.ts';

/** How often the participants view refreshes while it is on screen (not in a background tab). */
export const PARTICIPANTS_REFRESH_MS = 10_000;

export const getProgramStats = (programId: string, signal?: AbortSignal) =>
  api.programs.stats(programId, signal ? { signal } : undefined);

/** Enrollment counts and the per-step funnel; refreshed every 10 s while shown. */
export const getProgramStatsQueryOptions = (programId: string) =>
  queryOptions({
    queryKey: programKeys.stats(programId),
    queryFn: ({ signal }) => getProgramStats(programId, signal),
    refetchInterval: PARTICIPANTS_REFRESH_MS,
    staleTime: 0,
  });

export const useProgramStats = (programId: string) => useQuery(getProgramStatsQueryOptions(programId));
