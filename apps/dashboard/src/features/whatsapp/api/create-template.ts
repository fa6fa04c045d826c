import type { CreateWhatsAppTemplateBody, WhatsAppTemplate } from '@companero/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';
import type { MutationConfig } from '../../../lib/react-query.ts';
import { whatsappKeys } from './whatsapp-keys.ts';

/** Submits a template to Meta for approval; it is listed as PENDING until Meta decides. */
export const createTemplate = (body: CreateWhatsAppTemplateBody) => api.whatsapp.createTemplate(body);

export const useCreateTemplate = ({
  mutationConfig,
}: {
  mutationConfig?: MutationConfig<typeof createTemplate>;
} = {}) => {
  const queryClient = useQueryClient();
  return useMutation({
    ...mutationConfig,
    mutationFn: createTemplate,
    onSuccess: (...args) => {
      const created = args[0];
      queryClient.setQueryData<WhatsAppTemplate[]>(whatsappKeys.templates(), (items) =>
        items ? [created, ...items.filter((item) => item.id !== created.id)] : items,
      );
      void queryClient.invalidateQueries({ queryKey: whatsappKeys.templates() });
      return mutationConfig?.onSuccess?.(...args);
    },
  });
};
