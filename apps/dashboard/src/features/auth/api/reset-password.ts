import type { PasswordResetConfirmBody } from '@companero/api-client';
import { useMutation } from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';
import type { MutationConfig } from '../../../lib/react-query.ts';

export const resetPassword = (body: PasswordResetConfirmBody) => api.auth.confirmPasswordReset(body);

export const useResetPassword = ({
  mutationConfig,
}: {
  mutationConfig?: MutationConfig<typeof resetPassword>;
} = {}) => useMutation({ ...mutationConfig, mutationFn: resetPassword });
