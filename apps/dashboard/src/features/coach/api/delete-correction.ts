import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { MutationConfig } from '../../../lib/react-query.ts';
import { coachKeys } from './query-keys.ts';
import { requestJson } from './request.ts';

export const deleteCorrection = (id: string) =>
  requestJson(`/assistant/corrections/${encodeURIComponent(id)}`, { method: 'DELETE' });

export const useDeleteCorrection = ({
  mutationConfig,
}: {
  mutationConfig?: MutationConfig<typeof deleteCorrection>;
} = {}) => {
  const queryClient = useQueryClient();
  return useMutation({
    ...mutationConfig,
    mutationFn: deleteCorrection,
    onSuccess: async (...args) => {
      await queryClient.invalidateQueries({ queryKey: coachKeys.corrections() });
      return mutationConfig?.onSuccess?.(...args);
    },
  });
};
