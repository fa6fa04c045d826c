import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';
import type { MutationConfig } from '../../../lib/react-query.ts';
import { programKeys } from './program-keys.ts';

/** Archiving hides a program from new enrollments (enrolled people finish); restoring brings it back. */
export const setProgramArchived = ({ id, isArchived }: { id: string; isArchived: boolean }) =>
  api.programs.update(id, { status: isArchived ? 'archived' : 'draft' });

export const useArchiveProgram = ({
  mutationConfig,
}: {
  mutationConfig?: MutationConfig<typeof setProgramArchived>;
} = {}) => {
  const queryClient = useQueryClient();
  return useMutation({
    ...mutationConfig,
    mutationFn: setProgramArchived,
    onSuccess: async (...args) => {
      // Every cached view of the program (the editor's too) shows its status.
      await queryClient.invalidateQueries({ queryKey: programKeys.all });
      return mutationConfig?.onSuccess?.(...args);
    },
  });
};
