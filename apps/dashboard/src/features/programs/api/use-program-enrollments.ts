import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';
import { type EnrollmentFilters, programKeys } from './program-keys.ts';
import { PARTICIPANTS_REFRESH_MS } from './use-program-stats.ts';

export const ENROLLMENTS_PAGE_SIZE = 25;

export const getProgramEnrollments = ({
  programId,
  filters,
  cursor,
  signal,
}: {
  programId: string;
  filters: EnrollmentFilters;
  cursor?: string | undefined;
  signal?: AbortSignal;
}) =>
  api.programs.enrollments(
    programId,
    { ...filters, limit: ENROLLMENTS_PAGE_SIZE, ...(cursor ? { cursor } : {}) },
    signal ? { signal } : undefined,
  );

/** Who is in the program and where, keyset pages; refreshed every 10 s while shown. */
export const getProgramEnrollmentsQueryOptions = (programId: string, filters: EnrollmentFilters) =>
  infiniteQueryOptions({
    queryKey: programKeys.enrollments(programId, filters),
    queryFn: ({ pageParam, signal }) =>
      getProgramEnrollments({ programId, filters, cursor: pageParam, signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    refetchInterval: PARTICIPANTS_REFRESH_MS,
    staleTime: 0,
  });

export const useProgramEnrollments = (programId: string, filters: EnrollmentFilters) =>
  useInfiniteQuery(getProgramEnrollmentsQueryOptions(programId, filters));
