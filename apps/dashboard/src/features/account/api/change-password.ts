import type { ChangePasswordBody } from '@companero/api-client';
import { useMutation } from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';
import type { MutationConfig } from '../../../lib/react-query.ts';

export const changePassword = (body: ChangePasswordBody) => api.me.changePassword(body);

export const useChangePassword = ({
  mutationConfig,
}: {
  mutationConfig?: MutationConfig<typeof changePassword>;
} = {}) => useMutation({ ...mutationConfig, mutationFn: changePassword });
