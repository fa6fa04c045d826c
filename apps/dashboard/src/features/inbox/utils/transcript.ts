import type { MessageWithMeta } from '@companero/contracts';

/** A reply the AI is writing right now (from `typing` and `delta` events), until its message arrives. */
export interface StreamingReply {
  replyId: string;
  text: string;
}

/** A message the creator sent that the server has not confirmed yet (or refused). */
export interface PendingMessage {
  clientMessageId: string;
  content: string;
  error: unknown;
}

export type TranscriptItem =
  | { kind: 'message'; message: MessageWithMeta; isSeen: boolean }
  | { kind: 'streaming'; replyId: string; text: string }
  | { kind: 'pending'; clientMessageId: string; content: string; error: unknown };

const byTime = (a: MessageWithMeta, b: MessageWithMeta) =>
  a.createdAt === b.createdAt ? a.id.localeCompare(b.id) : a.createdAt < b.createdAt ? -1 : 1;

/**
 * What the transcript shows, in order: the stored messages (each once, by
 * time), then replies still being written, then the creator's messages on
 * their way. A streamed reply or a pending message disappears as soon as the
 * stored message it becomes is there, so nothing shows twice. "Seen" goes on
 * the creator's latest message once the client has read that far.
 */
export function buildTranscript({
  messages,
  streaming,
  pending,
  visitorReadAt,
}: {
  messages: readonly MessageWithMeta[];
  streaming: readonly StreamingReply[];
  pending: readonly PendingMessage[];
  visitorReadAt: string | null;
}): TranscriptItem[] {
  const unique = [...new Map(messages.map((m) => [m.id, m])).values()].sort(byTime);
  const ids = new Set(unique.map((m) => m.id));
  const sentIds = new Set(unique.map((m) => m.meta.clientMessageId).filter(Boolean));
  const lastOwn = unique.findLast((m) => m.role === 'creator');
  const isSeen = (m: MessageWithMeta) =>
    m === lastOwn && visitorReadAt !== null && visitorReadAt >= m.createdAt;

  return [
    ...unique.map((message) => ({ kind: 'message' as const, message, isSeen: isSeen(message) })),
    ...streaming
      .filter((reply) => !ids.has(reply.replyId))
      .map((reply) => ({ kind: 'streaming' as const, ...reply })),
    ...pending
      .filter((p) => !sentIds.has(p.clientMessageId))
      .map((p) => ({ kind: 'pending' as const, ...p })),
  ];
}

/** The later of two ISO times, either possibly missing. */
export function laterOf(a: string | null | undefined, b: string | null | undefined): string | null {
  if (!a) return b ?? null;
  if (!b) return a;
  return a >= b ? a : b;
}

/** The newest message from the client: what "mark read" marks up to. */
export const lastClientMessage = (messages: readonly MessageWithMeta[]) =>
  [...messages].sort(byTime).findLast((m) => m.role === 'user');
