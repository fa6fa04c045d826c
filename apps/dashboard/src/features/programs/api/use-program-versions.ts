import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';
import { programEditorKeys } from './editor-keys.ts';

export const getProgramVersions = (programId: string, signal?: AbortSignal) =>
  api.programs.versions(programId, signal ? { signal } : undefined);

/** The published versions, newest first, with how many users each one has. */
export const getProgramVersionsQueryOptions = (programId: string) =>
  queryOptions({
    queryKey: programEditorKeys.versions(programId),
    queryFn: ({ signal }) => getProgramVersions(programId, signal),
  });

export const useProgramVersions = (programId: string) => useQuery(getProgramVersionsQueryOptions(programId));
