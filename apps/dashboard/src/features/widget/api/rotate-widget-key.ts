import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';
import type { MutationConfig } from '../../../lib/react-query.ts';
import { widgetKeys } from './widget-keys.ts';

/** A new public key; pages still embedding the old one stop working at once. */
export const rotateWidgetKey = () => api.widget.rotateKey();

export const useRotateWidgetKey = ({
  mutationConfig,
}: {
  mutationConfig?: MutationConfig<typeof rotateWidgetKey>;
} = {}) => {
  const queryClient = useQueryClient();
  return useMutation({
    ...mutationConfig,
    mutationFn: rotateWidgetKey,
    onSuccess: (...args) => {
      queryClient.setQueryData(widgetKeys.config(), args[0]);
      return mutationConfig?.onSuccess?.(...args);
    },
  });
};
