import type { LoginBody } from '@companero/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, startSession } from '../../../lib/api.ts';
import { forgetAccountData } from '../../../lib/query-client.ts';
import type { MutationConfig } from '../../../lib/react-query.ts';

export const logIn = (body: LoginBody) => api.auth.login(body);

/** Logs in and starts the session (token in memory, the creator's language applied). */
export const useLogIn = ({ mutationConfig }: { mutationConfig?: MutationConfig<typeof logIn> } = {}) => {
  const queryClient = useQueryClient();
  return useMutation({
    ...mutationConfig,
    mutationFn: logIn,
    onSuccess: (session, ...rest) => {
      forgetAccountData(queryClient);
      startSession(session);
      return mutationConfig?.onSuccess?.(session, ...rest);
    },
  });
};
