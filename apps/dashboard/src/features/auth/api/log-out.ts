import { useMutation, useQueryClient } from '@tanstack/react-query';
import { endSession } from '../../../lib/api.ts';
import { forgetAccountData } from '../../../lib/query-client.ts';
import type { MutationConfig } from '../../../lib/react-query.ts';

export const logOut = () => endSession();

/** Ends the session and forgets every cached answer, so the next account never sees this one's data. */
export const useLogOut = ({ mutationConfig }: { mutationConfig?: MutationConfig<typeof logOut> } = {}) => {
  const queryClient = useQueryClient();
  return useMutation({
    ...mutationConfig,
    mutationFn: logOut,
    onSettled: (...args) => {
      forgetAccountData(queryClient);
      return mutationConfig?.onSettled?.(...args);
    },
  });
};
