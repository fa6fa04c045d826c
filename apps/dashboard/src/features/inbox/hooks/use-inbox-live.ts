import { type InboxEvent, InboxEventSchema } from '@companero/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { useRef } from 'react';
import { useDebouncedCallback } from '../../../hooks/use-debounced-callback.ts';
import { useLiveSocket } from '../../../lib/live-socket.ts';
import { inboxKeys } from '../api/inbox-keys.ts';

/** Changes come in bursts (a message, its reply, the read receipt): one refetch per burst. */
const CHANGE_DEBOUNCE_MS = 300;

export type InboxAlertEvent = Extract<InboxEvent, { type: 'alert' }>;

/**
 * The inbox's one socket (`/inbox/live`): any change to a conversation
 * refreshes the list (and the open conversation's status), and an alert (a
 * client asking for a human, a crisis phrase) is handed to `onAlert`. After a
 * reconnect the list is fetched again, since changes may have been missed.
 */
export function useInboxLive({
  openConversationId,
  onAlert,
}: {
  openConversationId: string | null;
  onAlert: (event: InboxAlertEvent) => void;
}) {
  const queryClient = useQueryClient();
  const changed = useRef(new Set<string>());
  const open = useRef(openConversationId);
  open.current = openConversationId;

  const refresh = useDebouncedCallback(() => {
    const ids = changed.current;
    changed.current = new Set();
    void queryClient.invalidateQueries({ queryKey: inboxKeys.lists() });
    if (open.current && ids.has(open.current)) {
      void queryClient.invalidateQueries({ queryKey: inboxKeys.conversation(open.current) });
    }
  }, CHANGE_DEBOUNCE_MS);

  const socket = useLiveSocket('/inbox/live', {
    onFrame: (frame) => {
      const parsed = InboxEventSchema.safeParse(frame);
      if (!parsed.success) return;
      const event = parsed.data;
      if (event.type === 'changed') {
        changed.current.add(event.conversationId);
        refresh.call();
      } else if (event.type === 'alert') {
        onAlert(event);
      }
    },
    onOpen: (isReconnect) => {
      if (isReconnect) void queryClient.invalidateQueries({ queryKey: inboxKeys.lists() });
    },
  });
  return socket.status;
}
