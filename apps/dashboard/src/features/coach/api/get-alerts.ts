import { AlertSchema, AssistantStatusSchema, pageOf } from '@companero/contracts';
import { infiniteQueryOptions, queryOptions, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { coachKeys } from './query-keys.ts';
import { requestJson } from './request.ts';

const PAGE_SIZE = 20;
const AlertPageSchema = pageOf(AlertSchema);

export type AlertFilter = 'open' | 'all';

export const getAlerts = ({
  filter,
  cursor,
  limit = PAGE_SIZE,
  signal,
}: {
  filter: AlertFilter;
  cursor?: string | undefined;
  limit?: number;
  signal?: AbortSignal;
}) =>
  requestJson('/assistant/alerts', {
    query: { limit, cursor, open: filter === 'open' ? 'true' : undefined },
    schema: AlertPageSchema,
    signal,
  });

/** Crisis and handoff alerts, newest first; open ones only, or all. */
export const getAlertsQueryOptions = (filter: AlertFilter) =>
  infiniteQueryOptions({
    queryKey: coachKeys.alertList(filter),
    queryFn: ({ pageParam, signal }) => getAlerts({ filter, cursor: pageParam, signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });

export const useAlerts = (filter: AlertFilter) => useInfiniteQuery(getAlertsQueryOptions(filter));

/**
 * How many alerts wait for the creator, for the badge in the menu (the status
 * endpoint counts them). Checked every minute: an alert is someone who may
 * need a human now.
 */
export const getOpenAlertCountQueryOptions = () =>
  queryOptions({
    queryKey: coachKeys.openAlertCount(),
    queryFn: async ({ signal }) => {
      const status = await requestJson('/assistant/status', { schema: AssistantStatusSchema, signal });
      return { count: status.openAlerts, hasMore: false };
    },
    refetchInterval: 60_000,
  });

export const useOpenAlertCount = () => useQuery(getOpenAlertCountQueryOptions());
