import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';
import { type InboxFilters, inboxKeys } from './inbox-keys.ts';

export const INBOX_PAGE_SIZE = 30;

export const getConversations = ({
  filters,
  cursor,
  signal,
}: {
  filters: InboxFilters;
  cursor?: string | undefined;
  signal?: AbortSignal;
}) =>
  api.conversations.list(
    { ...filters, limit: INBOX_PAGE_SIZE, ...(cursor ? { cursor } : {}) },
    signal ? { signal } : undefined,
  );

/**
 * Conversations with the newest activity first, 30 at a time. The inbox's
 * live socket invalidates it on every change, so it is never stale for long;
 * `staleTime: 0` refetches it too when the creator comes back to the page.
 */
export const getConversationsQueryOptions = (filters: InboxFilters) =>
  infiniteQueryOptions({
    queryKey: inboxKeys.list(filters),
    queryFn: ({ pageParam, signal }) => getConversations({ filters, cursor: pageParam, signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    staleTime: 0,
  });

export const useConversations = (filters: InboxFilters) =>
  useInfiniteQuery(getConversationsQueryOptions(filters));
