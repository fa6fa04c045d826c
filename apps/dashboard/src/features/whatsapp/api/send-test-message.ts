import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';
import type { MutationConfig } from '../../../lib/react-query.ts';
import { whatsappKeys } from './whatsapp-keys.ts';

export type TestMessageBody = { to: string; template: string; language: string };

/**
 * Checks the credentials with Meta and sends a template to one phone. Meta
 * refusing is an answer (`ok: false` with the Graph error), not a failure.
 */
export const sendTestMessage = (body: TestMessageBody) => api.whatsapp.test(body);

export const useSendTestMessage = ({
  mutationConfig,
}: {
  mutationConfig?: MutationConfig<typeof sendTestMessage>;
} = {}) => {
  const queryClient = useQueryClient();
  return useMutation({
    ...mutationConfig,
    mutationFn: sendTestMessage,
    onSuccess: (...args) => {
      // The connection's "last test" and, on success, its phone details changed.
      void queryClient.invalidateQueries({ queryKey: whatsappKeys.account() });
      return mutationConfig?.onSuccess?.(...args);
    },
  });
};
