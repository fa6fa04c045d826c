import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';
import type { MutationConfig } from '../../../lib/react-query.ts';
import { addMessage, patchSummary } from './conversation-cache.ts';
import { inboxKeys } from './inbox-keys.ts';

/**
 * Writes to the client as the creator; a conversation the AI had is taken
 * over. `clientMessageId` makes a retry store the message once.
 */
export const sendCreatorMessage = ({
  conversationId,
  content,
  clientMessageId,
}: {
  conversationId: string;
  content: string;
  clientMessageId: string;
}) => api.conversations.sendAsCreator(conversationId, { content, clientMessageId });

export const useSendCreatorMessage = ({
  mutationConfig,
}: {
  mutationConfig?: MutationConfig<typeof sendCreatorMessage>;
} = {}) => {
  const queryClient = useQueryClient();
  return useMutation({
    ...mutationConfig,
    mutationFn: sendCreatorMessage,
    onSuccess: async (...args) => {
      const [message, { conversationId }] = args;
      addMessage(queryClient, conversationId, message);
      patchSummary(queryClient, conversationId, (summary) => ({
        ...summary,
        status: summary.status === 'bot' ? 'human' : summary.status,
        preview: { role: message.role, content: message.content.slice(0, 160), createdAt: message.createdAt },
        lastMessageAt: message.createdAt,
      }));
      await queryClient.invalidateQueries({ queryKey: inboxKeys.conversation(conversationId) });
      return mutationConfig?.onSuccess?.(...args);
    },
  });
};
