import type { CreateKbFolderBody } from '@companero/api-client';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';
import type { MutationConfig } from '../../../lib/react-query.ts';
import { knowledgeKeys } from './query-keys.ts';

export const createFolder = (body: CreateKbFolderBody) => api.knowledge.createFolder(body);

export const useCreateFolder = ({
  mutationConfig,
}: {
  mutationConfig?: MutationConfig<typeof createFolder>;
} = {}) => {
  const queryClient = useQueryClient();
  return useMutation({
    ...mutationConfig,
    mutationFn: createFolder,
    onSuccess: async (...args) => {
      await queryClient.invalidateQueries({ queryKey: knowledgeKeys.folders() });
      return mutationConfig?.onSuccess?.(...args);
    },
  });
};
