import { useMutation } from '@tanstack/react-query';
import { useSyncExternalStore } from 'react';
import { getSession, subscribeSession } from '../../../lib/api.ts';
import { queryClient } from '../../../lib/query-client.ts';
import { coachKeys } from '../api/query-keys.ts';
import { sendMessage } from '../api/send-message.ts';
import { startPlayground } from '../api/start-playground.ts';
import { createPlayground, type Playground, type PlaygroundChat } from '../utils/playground-chat.ts';

let playground: Playground | undefined;

/**
 * The one playground of this tab. It outlives pages, so a test conversation
 * (and a reply still streaming) is there again after a look at the
 * personality; logging out ends it.
 */
export function getPlayground(): Playground {
  if (!playground) {
    playground = createPlayground({
      start: startPlayground,
      send: async (conversationId, body, { onEvent, signal, isRetry }) => {
        let hasRaisedAlert = false;
        try {
          await sendMessage(conversationId, body, {
            onEvent: (event) => {
              if (event.type === 'status' && event.status === 'human') hasRaisedAlert = true;
              if (event.type === 'message' && event.message.meta.safety) hasRaisedAlert = true;
              onEvent(event);
            },
            signal,
            isWhole: isRetry,
          });
        } finally {
          // A crisis phrase raised an alert: the menu badge says so now, not at its next check.
          if (hasRaisedAlert) void queryClient.invalidateQueries({ queryKey: coachKeys.alerts() });
        }
      },
    });
    subscribeSession(() => {
      if (getSession().status === 'signed-out') playground?.reset();
    });
  }
  return playground;
}

const subscribe = (listener: () => void) => getPlayground().subscribe(listener);
const snapshot = () => getPlayground().getChat();

export function usePlaygroundChat(): PlaygroundChat {
  return useSyncExternalStore(subscribe, snapshot);
}

/** Starts a fresh test conversation (the previous one is left as it is on the server). */
export const useStartTestConversation = () =>
  useMutation({
    mutationFn: (body: { tags: string[]; locale?: 'en' | 'es' }) => getPlayground().start(body),
  });
