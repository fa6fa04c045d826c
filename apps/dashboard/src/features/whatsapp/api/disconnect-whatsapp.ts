import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';
import type { MutationConfig } from '../../../lib/react-query.ts';
import { whatsappKeys } from './whatsapp-keys.ts';

/** Forgets the credentials: messages to the number no longer reach the coach. */
export const disconnectWhatsApp = () => api.whatsapp.disconnect();

export const useDisconnectWhatsApp = ({
  mutationConfig,
}: {
  mutationConfig?: MutationConfig<typeof disconnectWhatsApp>;
} = {}) => {
  const queryClient = useQueryClient();
  return useMutation({
    ...mutationConfig,
    mutationFn: disconnectWhatsApp,
    onSuccess: (...args) => {
      queryClient.setQueryData(whatsappKeys.account(), args[0]);
      return mutationConfig?.onSuccess?.(...args);
    },
  });
};
