import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';

const PAGE_SIZE = 20;

export const getAuditLog = ({ cursor, signal }: { cursor?: string | undefined; signal?: AbortSignal }) =>
  api.auditLog.list({ limit: PAGE_SIZE, ...(cursor ? { cursor } : {}) }, signal ? { signal } : undefined);

/** Keyset pages, newest first: each page's `nextCursor` asks for the next (older) one. */
export const getAuditLogQueryOptions = () =>
  infiniteQueryOptions({
    queryKey: ['audit-log'],
    queryFn: ({ pageParam, signal }) => getAuditLog({ cursor: pageParam, signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });

export const useAuditLog = () => useInfiniteQuery(getAuditLogQueryOptions());
