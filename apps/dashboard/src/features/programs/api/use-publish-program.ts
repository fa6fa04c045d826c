import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';
import type { MutationConfig } from '../../../lib/react-query.ts';
import { programEditorKeys } from './editor-keys.ts';
import { programKeys } from './program-keys.ts';

/**
 * Freezes the saved draft as a new version (save the draft first). 422
 * PROGRAM_INVALID, with the problems in `problem.errors`, when it has errors.
 */
export const publishProgram = ({ programId, note }: { programId: string; note?: string }) =>
  api.programs.publish(programId, note ? { note } : {});

export const usePublishProgram = ({
  mutationConfig,
}: {
  mutationConfig?: MutationConfig<typeof publishProgram>;
} = {}) => {
  const queryClient = useQueryClient();
  return useMutation({
    ...mutationConfig,
    mutationFn: publishProgram,
    onSuccess: async (...args) => {
      const [version] = args;
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: programEditorKeys.detail(version.programId) }),
        queryClient.invalidateQueries({ queryKey: programKeys.lists() }),
      ]);
      return mutationConfig?.onSuccess?.(...args);
    },
  });
};
