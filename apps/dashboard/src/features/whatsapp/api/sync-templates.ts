import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';
import type { MutationConfig } from '../../../lib/react-query.ts';
import { whatsappKeys } from './whatsapp-keys.ts';

/** Fetches every template from Meta again (new ones, approvals, rejections). */
export const syncTemplates = async () => (await api.whatsapp.syncTemplates()).items;

export const useSyncTemplates = ({
  mutationConfig,
}: {
  mutationConfig?: MutationConfig<typeof syncTemplates>;
} = {}) => {
  const queryClient = useQueryClient();
  return useMutation({
    ...mutationConfig,
    mutationFn: syncTemplates,
    onSuccess: (...args) => {
      queryClient.setQueryData(whatsappKeys.templates(), args[0]);
      return mutationConfig?.onSuccess?.(...args);
    },
  });
};
