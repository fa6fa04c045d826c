import type { MessageMeta, MessageWithMeta } from '@companero/contracts';
import type { FeedbackRow } from './assistant.repository.ts';

interface MessageLike {
  id: string;
  conversationId: string;
  role: 'user' | 'assistant' | 'creator' | 'system';
  content: string;
  metadata: Record<string, unknown>;
  createdAt: Date;
}

const META_KEYS = [
  'citations',
  'model',
  'latencyMs',
  'firstTokenMs',
  'tokens',
  'retrieval',
  'groundedness',
  'noAnswer',
  'safety',
  'notice',
  'sentiment',
  'clientMessageId',
  'program',
  'attachments',
  'delivery',
  'reaction',
] as const satisfies readonly (keyof MessageMeta)[];

/** A stored message as the API shows it: the public part of its metadata, and its feedback. */
export function toMessageWithMeta(row: MessageLike, feedback?: FeedbackRow | null): MessageWithMeta {
  const meta: Record<string, unknown> = {};
  for (const key of META_KEYS) if (row.metadata[key] !== undefined) meta[key] = row.metadata[key];
  return {
    id: row.id,
    conversationId: row.conversationId,
    role: row.role,
    content: row.content,
    createdAt: row.createdAt.toISOString(),
    meta: meta as MessageMeta,
    feedback: feedback ? { rating: feedback.rating > 0 ? 'up' : 'down', comment: feedback.comment } : null,
  };
}

/** The pub/sub channel of one conversation's live events. */
export const conversationChannel = (creatorId: string, conversationId: string) =>
  `conversation:${creatorId}:${conversationId}`;
