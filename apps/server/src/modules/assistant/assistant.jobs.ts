import { z } from 'zod';
import { defineJob } from '../../platform/queue/index.ts';

/**
 * Folds the older part of a long conversation into its rolling summary, so
 * the prompt stays within budget. Idempotent: it summarises up to a message
 * count and records it; a re-run finds nothing new to fold.
 */
export const summariseConversationJob = defineJob({
  name: 'assistant.summarise-conversation',
  payload: z.object({ creatorId: z.uuid(), conversationId: z.uuid() }),
  retryLimit: 3,
  retryDelaySeconds: 15,
  retryBackoff: true,
  expireInSeconds: 300,
});

/** Evaluates every creator's proactive rules; scheduled every few minutes (the bucket is the singleton key). */
export const runProactiveRulesJob = defineJob({
  name: 'assistant.run-proactive-rules',
  payload: z.object({ bucket: z.string() }),
  retryLimit: 1,
  retryDelaySeconds: 30,
  retryBackoff: false,
  expireInSeconds: 600,
});

/** Model-assisted review of an end user's message (sentiment, missed risk); only when a model is configured. */
export const reviewMessageJob = defineJob({
  name: 'assistant.review-message',
  payload: z.object({ creatorId: z.uuid(), messageId: z.uuid() }),
  retryLimit: 2,
  retryDelaySeconds: 20,
  retryBackoff: true,
  expireInSeconds: 300,
});
