import type { ConnectWhatsAppBody } from '@companero/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';
import type { MutationConfig } from '../../../lib/react-query.ts';
import { whatsappKeys } from './whatsapp-keys.ts';

export const connectWhatsApp = (body: ConnectWhatsAppBody) => api.whatsapp.connect(body);

/** Saves the credentials and settings; the answer is the whole connection, secrets left out. */
export const useConnectWhatsApp = ({
  mutationConfig,
}: {
  mutationConfig?: MutationConfig<typeof connectWhatsApp>;
} = {}) => {
  const queryClient = useQueryClient();
  return useMutation({
    ...mutationConfig,
    mutationFn: connectWhatsApp,
    onSuccess: (...args) => {
      queryClient.setQueryData(whatsappKeys.account(), args[0]);
      return mutationConfig?.onSuccess?.(...args);
    },
  });
};
