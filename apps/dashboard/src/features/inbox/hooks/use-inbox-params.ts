import { CHANNELS, CONVERSATION_STATUSES } from '@companero/contracts';
import { useSearchParams } from 'react-router';
import type { InboxFilters } from '../api/inbox-keys.ts';

const SENTIMENTS = ['negative', 'neutral', 'positive'] as const;

const oneOf = <T extends string>(values: readonly T[], value: string | null): T | undefined =>
  values.includes(value as T) ? (value as T) : undefined;

export type InboxParamName = 'channel' | 'status' | 'sentiment' | 'unread' | 'attention';

/**
 * The inbox filters live in the address (?channel=web&status=human&unread=1),
 * so a filtered view can be bookmarked and survives opening a conversation.
 */
export function useInboxParams() {
  const [params, setParams] = useSearchParams();
  const channel = oneOf(CHANNELS, params.get('channel'));
  const status = oneOf(CONVERSATION_STATUSES, params.get('status'));
  const sentiment = oneOf(SENTIMENTS, params.get('sentiment'));
  const isUnreadOnly = params.get('unread') === '1';
  const isAttentionOnly = params.get('attention') === '1';

  const filters: InboxFilters = {
    ...(channel ? { channel } : {}),
    ...(status ? { status } : {}),
    ...(sentiment ? { sentiment } : {}),
    ...(isUnreadOnly ? { unread: true } : {}),
    ...(isAttentionOnly ? { attention: true } : {}),
  };

  /**
   * Sets (or, with an empty value, removes) filters; each change is a history
   * entry, like a link. Applied synchronously (`flushSync`), so a checkbox or
   * select never flips back for a moment while the router catches up.
   */
  function update(patch: Partial<Record<InboxParamName, string | null | undefined>>) {
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        for (const [name, value] of Object.entries(patch)) {
          if (value) next.set(name, value);
          else next.delete(name);
        }
        return next;
      },
      { flushSync: true },
    );
  }

  return {
    channel,
    status,
    sentiment,
    isUnreadOnly,
    isAttentionOnly,
    filters,
    hasFilters: Object.keys(filters).length > 0,
    /** `?…` to keep the filters on links between conversations ('' when none). */
    search: params.size > 0 ? `?${params}` : '',
    update,
    clear: () => update({ channel: null, status: null, sentiment: null, unread: null, attention: null }),
  };
}
