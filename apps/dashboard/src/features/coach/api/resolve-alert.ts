import { AlertSchema } from '@companero/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { MutationConfig } from '../../../lib/react-query.ts';
import { coachKeys } from './query-keys.ts';
import { requestJson } from './request.ts';

export const resolveAlert = (id: string) =>
  requestJson(`/assistant/alerts/${encodeURIComponent(id)}/resolve`, { method: 'POST', schema: AlertSchema });

/** Marks an alert handled: it leaves the open list and the menu badge. */
export const useResolveAlert = ({
  mutationConfig,
}: {
  mutationConfig?: MutationConfig<typeof resolveAlert>;
} = {}) => {
  const queryClient = useQueryClient();
  return useMutation({
    ...mutationConfig,
    mutationFn: resolveAlert,
    onSuccess: async (...args) => {
      await queryClient.invalidateQueries({ queryKey: coachKeys.alerts() });
      return mutationConfig?.onSuccess?.(...args);
    },
  });
};
