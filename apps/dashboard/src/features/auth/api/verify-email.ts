import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';

export const verifyEmail = (token: string) => api.auth.verifyEmail({ token });

/**
 * A query rather than a mutation on purpose: the link works once, and a query
 * keyed by the token runs once however often the page renders or mounts (React
 * StrictMode mounts twice in development), so the token is never sent twice and
 * the second answer never overwrites the first with "already used".
 */
export const getVerifyEmailQueryOptions = (token: string) =>
  queryOptions({
    queryKey: ['verify-email', token],
    queryFn: () => verifyEmail(token),
    retry: false,
    staleTime: Number.POSITIVE_INFINITY,
    gcTime: Number.POSITIVE_INFINITY,
  });

export const useVerifyEmail = (token: string) => useQuery(getVerifyEmailQueryOptions(token));
