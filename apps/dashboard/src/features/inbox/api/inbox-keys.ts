import type { ListConversationsQuery } from '@companero/api-client';

/** List filters as the page keeps them in the address (the cursor is the infinite query's page param). */
export type InboxFilters = Pick<
  ListConversationsQuery,
  'channel' | 'status' | 'sentiment' | 'unread' | 'attention'
>;

/**
 * Query keys of the inbox. Everything starts with `inbox`; every list shares
 * `inboxKeys.lists()`, so one invalidation refreshes the list whatever its filters.
 */
export const inboxKeys = {
  all: ['inbox'] as const,
  lists: () => [...inboxKeys.all, 'list'] as const,
  list: (filters: InboxFilters) => [...inboxKeys.lists(), filters] as const,
  conversation: (id: string) => [...inboxKeys.all, 'conversation', id] as const,
  summary: (id: string) => [...inboxKeys.all, 'summary', id] as const,
  messages: (id: string) => [...inboxKeys.all, 'messages', id] as const,
};
