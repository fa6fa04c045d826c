import type { UpdateWidgetConfigBody } from '@companero/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';
import type { MutationConfig } from '../../../lib/react-query.ts';
import { widgetKeys } from './widget-keys.ts';

export const updateWidgetConfig = (body: UpdateWidgetConfigBody) => api.widget.update(body);

/** Saves the settings; the answer is the whole saved configuration. */
export const useUpdateWidgetConfig = ({
  mutationConfig,
}: {
  mutationConfig?: MutationConfig<typeof updateWidgetConfig>;
} = {}) => {
  const queryClient = useQueryClient();
  return useMutation({
    ...mutationConfig,
    mutationFn: updateWidgetConfig,
    onSuccess: (...args) => {
      queryClient.setQueryData(widgetKeys.config(), args[0]);
      return mutationConfig?.onSuccess?.(...args);
    },
  });
};
