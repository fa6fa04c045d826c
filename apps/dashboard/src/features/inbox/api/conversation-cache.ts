import type { ConversationSummary, Delivery, MessageWithMeta } from '@companero/contracts';
import type { InfiniteData, QueryClient } from '@tanstack/react-query';
import { laterDelivery, mergeMessage } from '../utils/delivery.ts';
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

/** Changes one message of a loaded transcript in place; the transcript stays as it was when it is not there. */
function patchMessage(
  queryClient: QueryClient,
  conversationId: string,
  messageId: string,
  patch: (message: MessageWithMeta) => MessageWithMeta,
) {
  queryClient.setQueryData<Pages<MessageWithMeta>>(inboxKeys.messages(conversationId), (data) => {
    if (!data) return data;
    let isChanged = false;
    const pages = data.pages.map((page) =>
      page.items.some((item) => item.id === messageId)
        ? {
            ...page,
            items: page.items.map((item) => {
              if (item.id !== messageId) return item;
              const next = patch(item);
              isChanged ||= next !== item;
              return next;
            }),
          }
        : page,
    );
    return isChanged ? { ...data, pages } : data;
  });
}

/**
 * Adds a message to a loaded transcript (live, or the answer to a send). The
 * same message can come twice (the POST answer and the socket, or again with
 * a reaction): stored once, the newer copy with the furthest delivery state.
 */
export function addMessage(queryClient: QueryClient, conversationId: string, message: MessageWithMeta) {
  const data = queryClient.getQueryData<Pages<MessageWithMeta>>(inboxKeys.messages(conversationId));
  if (data?.pages.some((page) => page.items.some((item) => item.id === message.id))) {
    patchMessage(queryClient, conversationId, message.id, (existing) => mergeMessage(existing, message));
    return;
  }
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

/** A WhatsApp status update (sent, delivered, read, failed, held) for one outbound message. */
export function setMessageDelivery(
  queryClient: QueryClient,
  conversationId: string,
  messageId: string,
  delivery: Delivery,
) {
  patchMessage(queryClient, conversationId, messageId, (message) => {
    const next = laterDelivery(message.meta.delivery, delivery);
    return next === message.meta.delivery
      ? message
      : { ...message, meta: { ...message.meta, delivery: next } };
  });
}
