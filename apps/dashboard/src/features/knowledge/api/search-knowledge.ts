import type { KbSearchQuery } from '@companero/api-client';
import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';
import { knowledgeKeys } from './query-keys.ts';

export const SEARCH_PAGE_SIZE = 10;
/** The server pages search up to this offset. */
const MAX_OFFSET = 500;

export type SearchParams = Omit<KbSearchQuery, 'limit' | 'offset'>;

export const searchKnowledge = (params: SearchParams, offset: number, signal?: AbortSignal) =>
  api.knowledge.search({ ...params, limit: SEARCH_PAGE_SIZE, offset }, signal ? { signal } : undefined);

/** Search answers in pages of ten; a full page means there may be more. */
export const searchKnowledgeQueryOptions = (params: SearchParams) =>
  infiniteQueryOptions({
    queryKey: knowledgeKeys.search(params),
    queryFn: ({ pageParam, signal }) => searchKnowledge(params, pageParam, signal),
    initialPageParam: 0,
    getNextPageParam: (last, _pages, lastOffset) => {
      const next = lastOffset + SEARCH_PAGE_SIZE;
      return last.items.length === SEARCH_PAGE_SIZE && next <= MAX_OFFSET ? next : undefined;
    },
  });

export const useSearchKnowledge = (params: SearchParams) =>
  useInfiniteQuery({ ...searchKnowledgeQueryOptions(params), enabled: params.q.trim().length > 0 });
