import type { Conversation } from '@companero/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';
import type { MutationConfig } from '../../../lib/react-query.ts';
import { patchSummary } from './conversation-cache.ts';
import { inboxKeys } from './inbox-keys.ts';

/** `human`: take over (the AI stays quiet); `bot`: hand back to the AI; `closed`: close. */
export const setConversationStatus = ({ id, status }: { id: string; status: Conversation['status'] }) =>
  api.conversations.setStatus(id, status);

export const useSetConversationStatus = ({
  mutationConfig,
}: {
  mutationConfig?: MutationConfig<typeof setConversationStatus>;
} = {}) => {
  const queryClient = useQueryClient();
  return useMutation({
    ...mutationConfig,
    mutationFn: setConversationStatus,
    onSuccess: async (...args) => {
      const [conversation] = args;
      queryClient.setQueryData(inboxKeys.conversation(conversation.id), conversation);
      patchSummary(queryClient, conversation.id, (summary) => ({ ...summary, status: conversation.status }));
      // A list filtered by status may gain or lose it.
      await queryClient.invalidateQueries({ queryKey: inboxKeys.lists() });
      return mutationConfig?.onSuccess?.(...args);
    },
  });
};
