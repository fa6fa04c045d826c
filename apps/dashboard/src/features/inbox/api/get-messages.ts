import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';
import { useEffect } from 'react';
import { api } from '../../../lib/api.ts';
import { inboxKeys } from './inbox-keys.ts';

const MESSAGES_PAGE_SIZE = 100;
/** Beyond this many pages (2,000 messages) the transcript stops loading by itself: "Load more" does the rest. */
const AUTO_PAGES = 20;

export const getMessages = ({
  conversationId,
  cursor,
  signal,
}: {
  conversationId: string;
  cursor?: string | undefined;
  signal?: AbortSignal;
}) =>
  api.conversations.messages(
    conversationId,
    { limit: MESSAGES_PAGE_SIZE, ...(cursor ? { cursor } : {}) },
    signal ? { signal } : undefined,
  );

/** The transcript, oldest first, 100 messages a page; new messages are added live to the last page. */
export const getMessagesQueryOptions = (conversationId: string) =>
  infiniteQueryOptions({
    queryKey: inboxKeys.messages(conversationId),
    queryFn: ({ pageParam, signal }) => getMessages({ conversationId, cursor: pageParam, signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });

/**
 * The whole transcript: the API pages it oldest first, and the newest
 * messages are the ones the creator needs, so the following pages are
 * fetched straight away.
 */
export function useMessages(conversationId: string) {
  const query = useInfiniteQuery(getMessagesQueryOptions(conversationId));
  const { hasNextPage, isFetchingNextPage, isError, fetchNextPage } = query;
  const pageCount = query.data?.pages.length ?? 0;
  useEffect(() => {
    if (hasNextPage && !isFetchingNextPage && !isError && pageCount < AUTO_PAGES) void fetchNextPage();
  }, [hasNextPage, isFetchingNextPage, isError, pageCount, fetchNextPage]);
  /** Everything that loads by itself has loaded: the newest messages are there. */
  const isComplete = query.isSuccess && (!hasNextPage || pageCount >= AUTO_PAGES);
  return { ...query, isComplete };
}
