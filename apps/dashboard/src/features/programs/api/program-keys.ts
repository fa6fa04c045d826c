import type { ApiClient } from '@companero/api-client';

// The client's query types are not exported by name: taken from its methods.
type ListProgramsQuery = NonNullable<Parameters<ApiClient['programs']['list']>[0]>;
type ListEnrollmentsQuery = NonNullable<Parameters<ApiClient['programs']['enrollments']>[1]>;

/** Program list filters as the page keeps them (the cursor is the infinite query's page param). */
export type ProgramFilters = Omit<ListProgramsQuery, 'cursor' | 'limit'>;

/** Enrollment list filters (status, step); the cursor is the infinite query's page param. */
export type EnrollmentFilters = Omit<ListEnrollmentsQuery, 'cursor' | 'limit'>;

/**
 * Query keys of the programs list, templates, simulator and participants. Everything starts
 * with `programs`, so invalidating `programKeys.all` refreshes the whole area after a change.
 */
export const programKeys = {
  all: ['programs'] as const,
  lists: () => [...programKeys.all, 'list'] as const,
  list: (filters: ProgramFilters) => [...programKeys.lists(), filters] as const,
  templates: () => [...programKeys.all, 'templates'] as const,
  participants: (programId: string) => [...programKeys.all, 'participants', programId] as const,
  stats: (programId: string) => [...programKeys.participants(programId), 'stats'] as const,
  enrollments: (programId: string, filters: EnrollmentFilters) =>
    [...programKeys.participants(programId), 'enrollments', filters] as const,
  endUsers: () => [...programKeys.all, 'end-users'] as const,
};
