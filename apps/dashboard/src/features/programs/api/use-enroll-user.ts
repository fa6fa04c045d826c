import type { ApiClient } from '@companero/api-client';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';
import type { MutationConfig } from '../../../lib/react-query.ts';
import { programKeys } from './program-keys.ts';

type EnrollBody = Parameters<ApiClient['programs']['enroll']>[1];

/** Starts an end user on the latest published version; the first steps run at once. */
export const enrollUser = ({ programId, body }: { programId: string; body: EnrollBody }) =>
  api.programs.enroll(programId, body);

export const useEnrollUser = ({
  mutationConfig,
}: {
  mutationConfig?: MutationConfig<typeof enrollUser>;
} = {}) => {
  const queryClient = useQueryClient();
  return useMutation({
    ...mutationConfig,
    mutationFn: enrollUser,
    onSuccess: async (...args) => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: programKeys.participants(args[1].programId) }),
        queryClient.invalidateQueries({ queryKey: programKeys.lists() }),
      ]);
      return mutationConfig?.onSuccess?.(...args);
    },
  });
};
