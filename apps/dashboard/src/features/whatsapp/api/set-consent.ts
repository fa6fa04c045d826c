import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';
import type { MutationConfig } from '../../../lib/react-query.ts';
import { whatsappKeys } from './whatsapp-keys.ts';

export type SetConsentInput = {
  endUserId: string;
  status: 'opted_in' | 'opted_out';
  source: string;
};

/** Records that a contact agreed to (or refused) broadcasts, and where. */
export const setConsent = ({ endUserId, ...body }: SetConsentInput) =>
  api.whatsapp.setConsent(endUserId, body);

export const useSetConsent = ({
  mutationConfig,
}: {
  mutationConfig?: MutationConfig<typeof setConsent>;
} = {}) => {
  const queryClient = useQueryClient();
  return useMutation({
    ...mutationConfig,
    mutationFn: setConsent,
    onSuccess: (...args) => {
      // Lists filtered by consent and broadcast audiences all change: fetch them again.
      void queryClient.invalidateQueries({ queryKey: whatsappKeys.contacts() });
      return mutationConfig?.onSuccess?.(...args);
    },
  });
};
