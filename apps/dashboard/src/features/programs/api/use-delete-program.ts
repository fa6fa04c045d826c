import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';
import type { MutationConfig } from '../../../lib/react-query.ts';
import { programKeys } from './program-keys.ts';

export const deleteProgram = (id: string) => api.programs.delete(id);

/** Deletes a program for good (the server refuses while people are enrolled: archive it instead). */
export const useDeleteProgram = ({
  mutationConfig,
}: {
  mutationConfig?: MutationConfig<typeof deleteProgram>;
} = {}) => {
  const queryClient = useQueryClient();
  return useMutation({
    ...mutationConfig,
    mutationFn: deleteProgram,
    onSuccess: async (...args) => {
      await queryClient.invalidateQueries({ queryKey: programKeys.lists() });
      return mutationConfig?.onSuccess?.(...args);
    },
  });
};
