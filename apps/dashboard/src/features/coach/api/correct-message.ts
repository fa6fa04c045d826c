import { CorrectionSchema } from '@companero/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { MutationConfig } from '../../../lib/react-query.ts';
import { coachKeys } from './query-keys.ts';
import { requestJson } from './request.ts';

/** The creator's better answer; the coach prefers it for similar questions from now on. */
export const correctMessage = ({ messageId, answer }: { messageId: string; answer: string }) =>
  requestJson(`/messages/${encodeURIComponent(messageId)}/correction`, {
    method: 'POST',
    body: { answer },
    schema: CorrectionSchema,
  });

export const useCorrectMessage = ({
  mutationConfig,
}: {
  mutationConfig?: MutationConfig<typeof correctMessage>;
} = {}) => {
  const queryClient = useQueryClient();
  return useMutation({
    ...mutationConfig,
    mutationFn: correctMessage,
    onSuccess: async (...args) => {
      await queryClient.invalidateQueries({ queryKey: coachKeys.corrections() });
      return mutationConfig?.onSuccess?.(...args);
    },
  });
};
