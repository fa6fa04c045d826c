import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';
import { whatsappKeys } from './whatsapp-keys.ts';

export const getTemplates = (signal?: AbortSignal) => api.whatsapp.templates(signal ? { signal } : undefined);

/** The templates as last synced from Meta, with the ones submitted from here. */
export const getTemplatesQueryOptions = () =>
  queryOptions({
    queryKey: whatsappKeys.templates(),
    queryFn: async ({ signal }) => (await getTemplates(signal)).items,
  });

export const useTemplates = ({ isEnabled = true }: { isEnabled?: boolean } = {}) =>
  useQuery({ ...getTemplatesQueryOptions(), enabled: isEnabled });
