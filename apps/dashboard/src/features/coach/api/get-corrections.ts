import { CorrectionSchema, pageOf } from '@companero/contracts';
import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';
import { coachKeys } from './query-keys.ts';
import { requestJson } from './request.ts';

const PAGE_SIZE = 20;
const CorrectionPageSchema = pageOf(CorrectionSchema);

export const getCorrections = ({ cursor, signal }: { cursor?: string | undefined; signal?: AbortSignal }) =>
  requestJson('/assistant/corrections', {
    query: { limit: PAGE_SIZE, cursor },
    schema: CorrectionPageSchema,
    signal,
  });

/** Keyset pages, newest first, each correction with how often it was used since. */
export const getCorrectionsQueryOptions = () =>
  infiniteQueryOptions({
    queryKey: coachKeys.corrections(),
    queryFn: ({ pageParam, signal }) => getCorrections({ cursor: pageParam, signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });

export const useCorrections = () => useInfiniteQuery(getCorrectionsQueryOptions());
