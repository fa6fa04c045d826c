import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';
import { whatsappKeys } from './whatsapp-keys.ts';

/** While a broadcast is sending its counts move: the list refreshes this often. */
const SENDING_REFRESH_MS = 3_000;

export const getBroadcasts = (signal?: AbortSignal) =>
  api.whatsapp.broadcasts(signal ? { signal } : undefined);

export const getBroadcastsQueryOptions = () =>
  queryOptions({
    queryKey: whatsappKeys.broadcasts(),
    queryFn: async ({ signal }) => (await getBroadcasts(signal)).items,
    refetchInterval: (query) =>
      query.state.data?.some((broadcast) => broadcast.status === 'sending') ? SENDING_REFRESH_MS : false,
  });

/** Broadcasts, newest first, with their delivery counts (live while one is sending). */
export const useBroadcasts = () => useQuery(getBroadcastsQueryOptions());
