import { ApiError } from '@companero/api-client';
import { ConversationSchema } from '@companero/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api.ts';
import { inboxKeys } from './inbox-keys.ts';

/** One conversation's status and channel (the typed client has no `conversations.get` yet). */
export async function getConversation(id: string, signal?: AbortSignal) {
  const res = await apiFetch(`/conversations/${encodeURIComponent(id)}`, signal ? { signal } : {});
  try {
    return ConversationSchema.parse(await res.json());
  } catch (cause) {
    throw ApiError.synthetic(res.status, 'Unexpected answer from GET /conversations/:id', {
      code: 'INTERNAL',
      cause,
    });
  }
}

/** The open conversation's status is what its actions depend on: always asked afresh. */
export const getConversationQueryOptions = (id: string) =>
  queryOptions({
    queryKey: inboxKeys.conversation(id),
    queryFn: ({ signal }) => getConversation(id, signal),
    staleTime: 0,
  });

export const useConversation = (id: string) => useQuery(getConversationQueryOptions(id));
