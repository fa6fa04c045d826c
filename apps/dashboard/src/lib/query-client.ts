import { ApiError } from '@companero/api-client';
import { QueryClient } from '@tanstack/react-query';

// Retrying a 4xx cannot succeed (and the client already refreshed once on
// 401); retry only network failures and 5xx, twice.
const shouldRetry = (failureCount: number, error: unknown) =>
  failureCount < 2 && !(error instanceof ApiError && error.status >= 400 && error.status < 500);

export const queryClient = new QueryClient({
  defaultOptions: {
    queries: { retry: shouldRetry, staleTime: 30_000, refetchOnWindowFocus: false },
    mutations: { retry: false },
  },
});

/**
 * Drops every cached answer that belongs to an account (all but the public
 * config), so one creator never glimpses another's data after a log-out and
 * log-in in the same tab.
 */
export function forgetAccountData(client: QueryClient = queryClient) {
  client.removeQueries({ predicate: (query) => query.queryKey[0] !== 'public-config' });
}
