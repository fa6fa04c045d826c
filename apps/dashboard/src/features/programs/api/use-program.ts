import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';
import { programEditorKeys } from './editor-keys.ts';

export const getProgram = (programId: string, signal?: AbortSignal) =>
  api.programs.get(programId, signal ? { signal } : undefined);

/**
 * One program with its draft, for the editor. The editor takes the draft once
 * when it opens (later refetches do not overwrite what is being edited), so the
 * query does not refetch on focus.
 */
export const getProgramQueryOptions = (programId: string) =>
  queryOptions({
    queryKey: programEditorKeys.detail(programId),
    queryFn: ({ signal }) => getProgram(programId, signal),
    refetchOnWindowFocus: false,
  });

export const useProgram = (programId: string) => useQuery(getProgramQueryOptions(programId));
