import { type ConversationEvent, ConversationEventSchema, type MessageWithMeta } from '@companero/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useLiveSocket } from '../../../lib/live-socket.ts';
import { addMessage, patchSummary, setMessageDelivery } from '../api/conversation-cache.ts';
import { inboxKeys } from '../api/inbox-keys.ts';
import type { StreamingReply } from '../utils/transcript.ts';

/** A typing indicator whose "stopped" frame got lost must not stay on forever. */
const TYPING_TIMEOUT_MS = 8_000;
const PING_INTERVAL_MS = 25_000;

/**
 * One open conversation, live over `/conversations/:id/live`: stored messages
 * join the cached transcript, the AI's reply shows as it is written (deltas
 * by reply id), the client's typing and reading show, and a status change
 * (take over, hand back, close from anywhere) updates the header; WhatsApp
 * delivery updates move the ticks of the creator's messages. After a
 * reconnect the transcript is fetched again, so nothing missed stays missing.
 */
export function useConversationLive(
  conversationId: string,
  { onMessage }: { onMessage?: (message: MessageWithMeta) => void } = {},
) {
  const queryClient = useQueryClient();
  const [streaming, setStreaming] = useState<StreamingReply[]>([]);
  const [isClientTyping, setIsClientTyping] = useState(false);
  const [clientReadMessageId, setClientReadMessageId] = useState<string | null>(null);
  const typingTimer = useRef<ReturnType<typeof setTimeout>>(undefined);
  useEffect(() => () => clearTimeout(typingTimer.current), []);

  function apply(event: ConversationEvent) {
    switch (event.type) {
      case 'message': {
        const { message } = event;
        addMessage(queryClient, conversationId, message);
        setStreaming((current) => current.filter((reply) => reply.replyId !== message.id));
        if (message.role === 'user') setIsClientTyping(false);
        patchSummary(queryClient, conversationId, (summary) => ({
          ...summary,
          preview: {
            role: message.role,
            content: message.content.slice(0, 160),
            createdAt: message.createdAt,
          },
          lastMessageAt: message.createdAt,
        }));
        onMessage?.(message);
        return;
      }
      case 'typing':
        setStreaming((current) =>
          current.some((reply) => reply.replyId === event.replyId)
            ? current
            : [...current, { replyId: event.replyId, text: '' }],
        );
        return;
      case 'delta':
        setStreaming((current) =>
          current.some((reply) => reply.replyId === event.replyId)
            ? current.map((reply) =>
                reply.replyId === event.replyId ? { ...reply, text: reply.text + event.text } : reply,
              )
            : [...current, { replyId: event.replyId, text: event.text }],
        );
        return;
      case 'status':
        queryClient.setQueryData(inboxKeys.conversation(conversationId), (conversation) =>
          conversation ? { ...conversation, status: event.status } : conversation,
        );
        patchSummary(queryClient, conversationId, (summary) => ({ ...summary, status: event.status }));
        return;
      case 'presence':
        if (event.who !== 'user') return;
        clearTimeout(typingTimer.current);
        setIsClientTyping(event.typing);
        if (event.typing) typingTimer.current = setTimeout(() => setIsClientTyping(false), TYPING_TIMEOUT_MS);
        return;
      case 'read':
        if (event.who === 'user') setClientReadMessageId(event.messageId);
        return;
      case 'delivery':
        setMessageDelivery(queryClient, conversationId, event.messageId, event.delivery);
        return;
      case 'error':
        // A reply that failed will not be finished: stop showing it as being written.
        setStreaming([]);
        return;
      case 'debug':
        return;
    }
  }

  const socket = useLiveSocket(
    `/conversations/${encodeURIComponent(conversationId)}/live`,
    {
      onFrame: (frame) => {
        const parsed = ConversationEventSchema.safeParse(frame);
        // `ready`, `pong` and event types newer than this dashboard are not conversation events.
        if (parsed.success) apply(parsed.data);
      },
      onOpen: (isReconnect) => {
        if (!isReconnect) return;
        setStreaming([]);
        void queryClient.invalidateQueries({ queryKey: inboxKeys.messages(conversationId) });
        void queryClient.invalidateQueries({ queryKey: inboxKeys.conversation(conversationId) });
      },
    },
    { pingIntervalMs: PING_INTERVAL_MS },
  );

  return {
    status: socket.status,
    streaming,
    isClientTyping,
    /** The client has read up to this message (live `read` events). */
    clientReadMessageId,
    /** Tells the client the creator is (or stopped) typing; false when not connected. */
    sendTyping: (typing: boolean) => socket.send({ type: 'typing', typing }),
  };
}
