import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';
import type { MutationConfig } from '../../../lib/react-query.ts';
import { invalidateKnowledge } from './invalidate.ts';

/** Without `recursive` the server refuses (409 CONFLICT) a folder that is not empty. */
export const deleteFolder = ({ id, recursive }: { id: string; recursive: boolean }) =>
  api.knowledge.deleteFolder(id, { recursive });

export const useDeleteFolder = ({
  mutationConfig,
}: {
  mutationConfig?: MutationConfig<typeof deleteFolder>;
} = {}) => {
  const queryClient = useQueryClient();
  return useMutation({
    ...mutationConfig,
    mutationFn: deleteFolder,
    onSuccess: async (...args) => {
      await invalidateKnowledge(queryClient);
      return mutationConfig?.onSuccess?.(...args);
    },
  });
};
