import type { UpdateKbFolderBody } from '@companero/api-client';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';
import type { MutationConfig } from '../../../lib/react-query.ts';
import { knowledgeKeys } from './query-keys.ts';

/** Rename (`name`) or move (`parentId`, null for the top level). */
export const updateFolder = ({ id, body }: { id: string; body: UpdateKbFolderBody }) =>
  api.knowledge.updateFolder(id, body);

export const useUpdateFolder = ({
  mutationConfig,
}: {
  mutationConfig?: MutationConfig<typeof updateFolder>;
} = {}) => {
  const queryClient = useQueryClient();
  return useMutation({
    ...mutationConfig,
    mutationFn: updateFolder,
    onSuccess: async (...args) => {
      await queryClient.invalidateQueries({ queryKey: knowledgeKeys.folders() });
      return mutationConfig?.onSuccess?.(...args);
    },
  });
};
