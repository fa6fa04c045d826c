import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useSyncExternalStore } from 'react';
import { findSummary } from '../api/conversation-cache.ts';
import { inboxKeys } from '../api/inbox-keys.ts';

/**
 * The freshest summary the inbox holds for a conversation (a list row or a
 * mark-read answer), following every refetch and live patch. Undefined until
 * one of them has it.
 */
export function useSummary(conversationId: string) {
  const queryClient = useQueryClient();
  const subscribe = useCallback(
    (onChange: () => void) =>
      queryClient.getQueryCache().subscribe((event) => {
        const [scope, kind] = event.query.queryKey;
        if (scope === inboxKeys.all[0] && (kind === 'list' || kind === 'summary')) onChange();
      }),
    [queryClient],
  );
  return useSyncExternalStore(subscribe, () => findSummary(queryClient, conversationId));
}
