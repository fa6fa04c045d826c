import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';

export const getDevMailbox = (signal?: AbortSignal) =>
  api.system.getDevMailbox(signal ? { signal } : undefined);

/** Polls while open: mail is sent after the request that triggers it returns. */
export const getDevMailboxQueryOptions = () =>
  queryOptions({
    queryKey: ['dev-mailbox'],
    queryFn: ({ signal }) => getDevMailbox(signal),
    refetchInterval: 3000,
    staleTime: 0,
  });

export const useDevMailbox = ({ enabled = true }: { enabled?: boolean } = {}) =>
  useQuery({ ...getDevMailboxQueryOptions(), enabled });
