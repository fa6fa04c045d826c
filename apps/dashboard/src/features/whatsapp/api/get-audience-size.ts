import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';
import { whatsappKeys } from './whatsapp-keys.ts';

/** The API's largest page: counting past it would mean paging through every contact. */
const COUNT_LIMIT = 200;

/**
 * How many opted-in contacts a broadcast to `tags` would reach. The API
 * filters by one tag; the others are checked here. Past one page the count
 * is a lower bound (`isAtLeast`).
 */
export async function getAudienceSize(tags: readonly string[], signal?: AbortSignal) {
  const [firstTag] = tags;
  const page = await api.whatsapp.contacts(
    { limit: COUNT_LIMIT, consent: 'opted_in', ...(firstTag ? { tag: firstTag } : {}) },
    signal ? { signal } : undefined,
  );
  const count = page.items.filter((contact) => tags.every((tag) => contact.tags.includes(tag))).length;
  return { count, isAtLeast: page.nextCursor !== null };
}

export const getAudienceSizeQueryOptions = (tags: readonly string[]) =>
  queryOptions({
    queryKey: whatsappKeys.audience(tags),
    queryFn: ({ signal }) => getAudienceSize(tags, signal),
  });

export const useAudienceSize = (tags: readonly string[]) => useQuery(getAudienceSizeQueryOptions(tags));
