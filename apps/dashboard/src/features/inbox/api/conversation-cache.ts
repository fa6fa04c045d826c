import type { ConversationSummary, MessageWithMeta } from '@companero/contracts';
import type { InfiniteData, QueryClient } from '@tanstack/react-query';
import { inboxKeys } from './inbox-keys.ts';

type Page<T> = { items: T[]; nextCursor: string | null };
type Pages<T> = InfiniteData<Page<T>, string | undefined>;

/**
 * What the inbox knows about one conversation: of the summary a mark-read
 * answered and the rows of every list loaded (whatever their filters), the
 * most recently fetched.
 */
export function findSummary(queryClient: QueryClient, id: string): ConversationSummary | undefined {
  let found: ConversationSummary | undefined;
  let foundAt = -1;
  const own = queryClient.getQueryState<ConversationSummary>(inboxKeys.summary(id));
  if (own?.data) {
    found = own.data;
    foundAt = own.dataUpdatedAt;
  }
  for (const query of queryClient.getQueryCache().findAll({ queryKey: inboxKeys.lists() })) {
    const data = query.state.data as Pages<ConversationSummary> | undefined;
    if (!data || query.state.dataUpdatedAt <= foundAt) continue;
    const row = data.pages.flatMap((page) => page.items).find((item) => item.id === id);
    if (row) {
      found = row;
      foundAt = query.state.dataUpdatedAt;
    }
  }
  return found;
}

/** Changes one conversation in every list and in its own summary, without a round trip. */
export function patchSummary(
  queryClient: QueryClient,
  id: string,
  patch: (summary: ConversationSummary) => ConversationSummary,
) {
  queryClient.setQueriesData<Pages<ConversationSummary>>({ queryKey: inboxKeys.lists() }, (data) =>
    data
      ? {
          ...data,
          pages: data.pages.map((page) => ({
            ...page,
            items: page.items.map((item) => (item.id === id ? patch(item) : item)),
          })),
        }
      : data,
  );
  queryClient.setQueryData<ConversationSummary>(inboxKeys.summary(id), (summary) =>
    summary ? patch(summary) : summary,
  );
}

/**
 * Adds a message to a loaded transcript (live, or the answer to a send). The
 * same message can come twice (the POST answer and the socket): stored once.
 */
export function addMessage(queryClient: QueryClient, conversationId: string, message: MessageWithMeta) {
  queryClient.setQueryData<Pages<MessageWithMeta>>(inboxKeys.messages(conversationId), (data) => {
    if (!data) return data;
    if (data.pages.some((page) => page.items.some((item) => item.id === message.id))) return data;
    const pages = [...data.pages];
    const last = pages.at(-1);
    if (!last) return data;
    pages[pages.length - 1] = { ...last, items: [...last.items, message] };
    return { ...data, pages };
  });
}
