import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';
import type { MutationConfig } from '../../../lib/react-query.ts';
import { getApiKeysQueryOptions } from './get-api-keys.ts';

export const revokeApiKey = (id: string) => api.apiKeys.revoke(id);

export const useRevokeApiKey = ({
  mutationConfig,
}: {
  mutationConfig?: MutationConfig<typeof revokeApiKey>;
} = {}) => {
  const queryClient = useQueryClient();
  return useMutation({
    ...mutationConfig,
    mutationFn: revokeApiKey,
    onSuccess: async (...args) => {
      // Wait for the fresh list so the dialog closes on the key already shown as revoked.
      await queryClient.invalidateQueries({ queryKey: getApiKeysQueryOptions().queryKey });
      return mutationConfig?.onSuccess?.(...args);
    },
  });
};
