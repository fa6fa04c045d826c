import type { UpdateProgramBody } from '@companero/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';
import type { MutationConfig } from '../../../lib/react-query.ts';
import { programEditorKeys } from './editor-keys.ts';
import { programKeys } from './program-keys.ts';

/**
 * Saves the draft (with the `draftRevision` it started from: 409 CONFLICT when
 * someone saved in between) and/or the name. The answer is the saved program.
 */
export const saveProgramDraft = ({ programId, body }: { programId: string; body: UpdateProgramBody }) =>
  api.programs.update(programId, body);

export const useSaveProgramDraft = ({
  mutationConfig,
}: {
  mutationConfig?: MutationConfig<typeof saveProgramDraft>;
} = {}) => {
  const queryClient = useQueryClient();
  return useMutation({
    ...mutationConfig,
    mutationFn: saveProgramDraft,
    onSuccess: (...args) => {
      const [program] = args;
      queryClient.setQueryData(programEditorKeys.detail(program.id), program);
      void queryClient.invalidateQueries({ queryKey: programKeys.lists() });
      return mutationConfig?.onSuccess?.(...args);
    },
  });
};
