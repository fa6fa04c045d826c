import { type AiSettings, AiSettingsSchema } from '@companero/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { MutationConfig } from '../../../lib/react-query.ts';
import { coachKeys } from './query-keys.ts';
import { requestJson } from './request.ts';

export type UpdateAiSettingsBody = Partial<Omit<AiSettings, 'updatedAt'>>;

/** The server refuses a model of a provider it has no credentials for (400, on that field). */
export const updateAiSettings = (body: UpdateAiSettingsBody) =>
  requestJson('/assistant/settings', { method: 'PATCH', body, schema: AiSettingsSchema });

export const useUpdateAiSettings = ({
  mutationConfig,
}: {
  mutationConfig?: MutationConfig<typeof updateAiSettings>;
} = {}) => {
  const queryClient = useQueryClient();
  return useMutation({
    ...mutationConfig,
    mutationFn: updateAiSettings,
    onSuccess: async (...args) => {
      queryClient.setQueryData(coachKeys.settings(), args[0]);
      // The models in use and the budget shown with the usage changed too.
      await queryClient.invalidateQueries({ queryKey: coachKeys.status() });
      return mutationConfig?.onSuccess?.(...args);
    },
  });
};
