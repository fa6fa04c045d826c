import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';
import { type ProgramFilters, programKeys } from './program-keys.ts';

export const PROGRAMS_PAGE_SIZE = 50;

export const getPrograms = ({
  filters,
  cursor,
  signal,
}: {
  filters: ProgramFilters;
  cursor?: string | undefined;
  signal?: AbortSignal;
}) =>
  api.programs.list(
    { ...filters, limit: PROGRAMS_PAGE_SIZE, ...(cursor ? { cursor } : {}) },
    signal ? { signal } : undefined,
  );

/** The creator's programs, most recently changed first, 50 at a time. */
export const getProgramsQueryOptions = (filters: ProgramFilters) =>
  infiniteQueryOptions({
    queryKey: programKeys.list(filters),
    queryFn: ({ pageParam, signal }) => getPrograms({ filters, cursor: pageParam, signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });

export const usePrograms = (filters: ProgramFilters) => useInfiniteQuery(getProgramsQueryOptions(filters));
