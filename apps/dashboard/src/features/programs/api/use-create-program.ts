import type { CreateProgramBody } from '@companero/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';
import type { MutationConfig } from '../../../lib/react-query.ts';
import { programKeys } from './program-keys.ts';

/** A blank program (start → end), or a copy of a template (`templateKey`). */
export const createProgram = (body: CreateProgramBody) => api.programs.create(body);

export const useCreateProgram = ({
  mutationConfig,
}: {
  mutationConfig?: MutationConfig<typeof createProgram>;
} = {}) => {
  const queryClient = useQueryClient();
  return useMutation({
    ...mutationConfig,
    mutationFn: createProgram,
    onSuccess: async (...args) => {
      await queryClient.invalidateQueries({ queryKey: programKeys.lists() });
      return mutationConfig?.onSuccess?.(...args);
    },
  });
};
