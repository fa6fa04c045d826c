import type { BulkTagsBody } from '@companero/api-client';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';
import type { MutationConfig } from '../../../lib/react-query.ts';
import { invalidateKnowledge } from './invalidate.ts';

export const bulkTags = (body: BulkTagsBody) => api.knowledge.bulkTags(body);

export const useBulkTags = ({
  mutationConfig,
}: {
  mutationConfig?: MutationConfig<typeof bulkTags>;
} = {}) => {
  const queryClient = useQueryClient();
  return useMutation({
    ...mutationConfig,
    mutationFn: bulkTags,
    onSuccess: async (...args) => {
      await invalidateKnowledge(queryClient);
      return mutationConfig?.onSuccess?.(...args);
    },
  });
};
