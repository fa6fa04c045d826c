import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';
import { patchSummary } from './conversation-cache.ts';
import { inboxKeys } from './inbox-keys.ts';

/** Marks the client's messages read, up to `messageId` (all when absent); the client sees "read". */
export const markRead = ({ conversationId, messageId }: { conversationId: string; messageId?: string }) =>
  api.conversations.markRead(conversationId, messageId ? { messageId } : {});

/** The answer is the conversation's fresh summary: it replaces the cached one everywhere. */
export const useMarkRead = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: markRead,
    onSuccess: (summary) => {
      queryClient.setQueryData(inboxKeys.summary(summary.id), summary);
      patchSummary(queryClient, summary.id, () => summary);
    },
  });
};
