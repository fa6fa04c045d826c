import type { Broadcast, CreateBroadcastBody } from '@companero/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';
import type { MutationConfig } from '../../../lib/react-query.ts';
import { whatsappKeys } from './whatsapp-keys.ts';

/** Starts sending a template to every opted-in contact with the chosen tags. */
export const createBroadcast = (body: CreateBroadcastBody) => api.whatsapp.createBroadcast(body);

export const useCreateBroadcast = ({
  mutationConfig,
}: {
  mutationConfig?: MutationConfig<typeof createBroadcast>;
} = {}) => {
  const queryClient = useQueryClient();
  return useMutation({
    ...mutationConfig,
    mutationFn: createBroadcast,
    onSuccess: (...args) => {
      const created = args[0];
      queryClient.setQueryData<Broadcast[]>(whatsappKeys.broadcasts(), (items) =>
        items ? [created, ...items.filter((item) => item.id !== created.id)] : [created],
      );
      return mutationConfig?.onSuccess?.(...args);
    },
  });
};
