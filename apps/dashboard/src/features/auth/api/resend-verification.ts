import { useMutation } from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';
import type { MutationConfig } from '../../../lib/react-query.ts';

export const resendVerification = (body: { email: string }) => api.auth.resendVerification(body);

export const useResendVerification = ({
  mutationConfig,
}: {
  mutationConfig?: MutationConfig<typeof resendVerification>;
} = {}) => useMutation({ ...mutationConfig, mutationFn: resendVerification });
