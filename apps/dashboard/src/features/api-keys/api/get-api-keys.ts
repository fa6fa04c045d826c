import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';

export const getApiKeys = (signal?: AbortSignal) => api.apiKeys.list(signal ? { signal } : undefined);

export const getApiKeysQueryOptions = () =>
  queryOptions({ queryKey: ['api-keys'], queryFn: ({ signal }) => getApiKeys(signal) });

export const useApiKeys = () => useQuery(getApiKeysQueryOptions());
