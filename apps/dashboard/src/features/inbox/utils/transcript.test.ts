import type { MessageWithMeta } from '@companero/contracts';
import { describe, expect, it } from 'vitest';
import { buildTranscript, lastClientMessage, laterOf } from './transcript.ts';

let counter = 0;
const message = (
  role: MessageWithMeta['role'],
  createdAt: string,
  extra: Partial<MessageWithMeta> = {},
): MessageWithMeta => ({
  id: `00000000-0000-4000-8000-${String(++counter).padStart(12, '0')}`,
  conversationId: '00000000-0000-4000-8000-000000000000',
  role,
  content: `${role} at ${createdAt}`,
  createdAt,
  meta: {},
  feedback: null,
  ...extra,
});

const kinds = (items: ReturnType<typeof buildTranscript>) =>
  items.map((item) => (item.kind === 'message' ? item.message.content : `${item.kind}`));

describe('buildTranscript', () => {
  it('shows each stored message once, oldest first', () => {
    const a = message('user', '2025-01-01T10:00:00Z');
    const b = message('assistant', '2025-01-01T10:00:05Z');
    const items = buildTranscript({ messages: [b, a, b], streaming: [], pending: [], visitorReadAt: null });
    expect(kinds(items)).toEqual([a.content, b.content]);
  });

  it('drops a streamed reply once its stored message arrived, and a pending message once sent', () => {
    const reply = message('assistant', '2025-01-01T10:00:05Z');
    const mine = message('creator', '2025-01-01T10:01:00Z', { meta: { clientMessageId: 'c-1' } });
    const items = buildTranscript({
      messages: [reply, mine],
      streaming: [
        { replyId: reply.id, text: 'Hel' },
        { replyId: 'another', text: 'Wri' },
      ],
      pending: [
        { clientMessageId: 'c-1', content: 'sent', error: null },
        { clientMessageId: 'c-2', content: 'on its way', error: null },
      ],
      visitorReadAt: null,
    });
    expect(kinds(items)).toEqual([reply.content, mine.content, 'streaming', 'pending']);
    expect(items[3]).toMatchObject({ kind: 'pending', clientMessageId: 'c-2' });
  });

  it('marks only the creator’s latest message seen, once the client read that far', () => {
    const first = message('creator', '2025-01-01T10:00:00Z');
    const second = message('creator', '2025-01-01T10:05:00Z');
    const seen = (visitorReadAt: string | null) =>
      buildTranscript({ messages: [first, second], streaming: [], pending: [], visitorReadAt })
        .filter((item) => item.kind === 'message' && item.isSeen)
        .map((item) => item.kind === 'message' && item.message.id);
    expect(seen(null)).toEqual([]);
    expect(seen('2025-01-01T10:04:00Z')).toEqual([]);
    expect(seen('2025-01-01T10:05:00Z')).toEqual([second.id]);
  });
});

describe('laterOf and lastClientMessage', () => {
  it('pick the later time and the client’s newest message', () => {
    expect(laterOf(null, '2025-01-02')).toBe('2025-01-02');
    expect(laterOf('2025-01-03', '2025-01-02')).toBe('2025-01-03');
    expect(laterOf(undefined, null)).toBeNull();
    const a = message('user', '2025-01-01T10:00:00Z');
    const b = message('user', '2025-01-01T11:00:00Z');
    const c = message('assistant', '2025-01-01T12:00:00Z');
    expect(lastClientMessage([b, c, a])?.id).toBe(b.id);
  });
});
