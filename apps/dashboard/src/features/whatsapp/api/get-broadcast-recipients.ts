import type { Broadcast } from '@companero/contracts';
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';
import { whatsappKeys } from './whatsapp-keys.ts';

const SENDING_REFRESH_MS = 3_000;

export const getBroadcastRecipients = (broadcastId: string, signal?: AbortSignal) =>
  api.whatsapp.broadcastRecipients(broadcastId, signal ? { signal } : undefined);

/**
 * Keyed by the broadcast's counts too: whenever the list shows them move
 * (including the last change, from sending to done) the report is fetched
 * again, the previous one staying on screen meanwhile.
 */
export const getBroadcastRecipientsQueryOptions = (broadcast: Broadcast) =>
  queryOptions({
    queryKey: [...whatsappKeys.recipients(broadcast.id), broadcast.status, broadcast.counts] as const,
    queryFn: async ({ signal }) => (await getBroadcastRecipients(broadcast.id, signal)).items,
    placeholderData: keepPreviousData,
    refetchInterval: broadcast.status === 'sending' ? SENDING_REFRESH_MS : false,
  });

/** Where the broadcast stands for each recipient (refreshing while it is still sending). */
export const useBroadcastRecipients = (broadcast: Broadcast) =>
  useQuery(getBroadcastRecipientsQueryOptions(broadcast));
