import { PersonalitySchema, type UpdatePersonalityBody } from '@companero/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { MutationConfig } from '../../../lib/react-query.ts';
import { coachKeys } from './query-keys.ts';
import { requestJson } from './request.ts';

export const updatePersonality = (body: UpdatePersonalityBody) =>
  requestJson('/assistant/personality', { method: 'PATCH', body, schema: PersonalitySchema });

/** Applies to every channel at once; the answer is the whole saved personality. */
export const useUpdatePersonality = ({
  mutationConfig,
}: {
  mutationConfig?: MutationConfig<typeof updatePersonality>;
} = {}) => {
  const queryClient = useQueryClient();
  return useMutation({
    ...mutationConfig,
    mutationFn: updatePersonality,
    onSuccess: (...args) => {
      queryClient.setQueryData(coachKeys.personality(), args[0]);
      return mutationConfig?.onSuccess?.(...args);
    },
  });
};
