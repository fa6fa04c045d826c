import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';
import { patchSummary } from './conversation-cache.ts';
import { inboxKeys } from './inbox-keys.ts';

/** Marks a conversation's crisis or handoff alert handled: it no longer needs attention. */
export const resolveAlert = ({ alertId }: { alertId: string; conversationId: string }) =>
  api.assistant.resolveAlert(alertId);

export const useResolveAlert = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: resolveAlert,
    onSuccess: async (_alert, { conversationId }) => {
      patchSummary(queryClient, conversationId, (summary) => ({ ...summary, alert: null }));
      await queryClient.invalidateQueries({ queryKey: inboxKeys.lists() });
    },
  });
};
