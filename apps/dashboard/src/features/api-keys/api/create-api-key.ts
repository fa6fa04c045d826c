import type { CreateApiKeyBody } from '@companero/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';
import type { MutationConfig } from '../../../lib/react-query.ts';
import { getApiKeysQueryOptions } from './get-api-keys.ts';

export const createApiKey = (body: CreateApiKeyBody) => api.apiKeys.create(body);

export const useCreateApiKey = ({
  mutationConfig,
}: {
  mutationConfig?: MutationConfig<typeof createApiKey>;
} = {}) => {
  const queryClient = useQueryClient();
  return useMutation({
    ...mutationConfig,
    mutationFn: createApiKey,
    onSuccess: (...args) => {
      void queryClient.invalidateQueries({ queryKey: getApiKeysQueryOptions().queryKey });
      return mutationConfig?.onSuccess?.(...args);
    },
  });
};
