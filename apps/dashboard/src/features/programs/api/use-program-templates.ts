import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';
import { programKeys } from './program-keys.ts';

export const getProgramTemplates = (signal?: AbortSignal) =>
  api.programs.templates(signal ? { signal } : undefined);

/** Ready-made programs in every language; they only change with a server release. */
export const getProgramTemplatesQueryOptions = () =>
  queryOptions({
    queryKey: programKeys.templates(),
    queryFn: ({ signal }) => getProgramTemplates(signal),
    staleTime: Number.POSITIVE_INFINITY,
  });

export const useProgramTemplates = () => useQuery(getProgramTemplatesQueryOptions());
