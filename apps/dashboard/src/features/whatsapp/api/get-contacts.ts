import type { ListWhatsAppContactsQuery } from '@companero/contracts';
import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';
import { whatsappKeys } from './whatsapp-keys.ts';

const PAGE_SIZE = 50;

export type ContactFilters = Pick<ListWhatsAppContactsQuery, 'tag' | 'consent'>;

export const getContacts = ({
  filters,
  cursor,
  signal,
}: {
  filters: ContactFilters;
  cursor?: string | undefined;
  signal?: AbortSignal;
}) =>
  api.whatsapp.contacts(
    { limit: PAGE_SIZE, ...filters, ...(cursor ? { cursor } : {}) },
    signal ? { signal } : undefined,
  );

/** Keyset pages of the people who wrote to (or were added to) the WhatsApp number. */
export const getContactsQueryOptions = (filters: ContactFilters) =>
  infiniteQueryOptions({
    queryKey: whatsappKeys.contactList(filters),
    queryFn: ({ pageParam, signal }) => getContacts({ filters, cursor: pageParam, signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });

export const useContacts = (filters: ContactFilters) => useInfiniteQuery(getContactsQueryOptions(filters));
