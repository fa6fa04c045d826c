import { useMutation } from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';
import type { MutationConfig } from '../../../lib/react-query.ts';

export const requestPasswordReset = (body: { email: string }) => api.auth.requestPasswordReset(body);

export const useRequestPasswordReset = ({
  mutationConfig,
}: {
  mutationConfig?: MutationConfig<typeof requestPasswordReset>;
} = {}) => useMutation({ ...mutationConfig, mutationFn: requestPasswordReset });
