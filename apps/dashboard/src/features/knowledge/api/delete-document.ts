import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';
import type { MutationConfig } from '../../../lib/react-query.ts';
import { invalidateKnowledge } from './invalidate.ts';
import { knowledgeKeys } from './query-keys.ts';

export const deleteDocument = (id: string) => api.knowledge.deleteDocument(id);

export const useDeleteDocument = ({
  mutationConfig,
}: {
  mutationConfig?: MutationConfig<typeof deleteDocument>;
} = {}) => {
  const queryClient = useQueryClient();
  return useMutation({
    ...mutationConfig,
    mutationFn: deleteDocument,
    onSuccess: (...args) => {
      // Gone: do not refetch the page we are leaving (it would answer 404).
      queryClient.removeQueries({ queryKey: knowledgeKeys.document(args[1]) });
      void invalidateKnowledge(queryClient);
      return mutationConfig?.onSuccess?.(...args);
    },
  });
};
