import { z } from 'zod';
import { ChannelSchema } from './conversations.ts';

/**
 * The analytics event catalog: every event the platform records, each with
 * the exact data it carries. Server code records them with `track()`; apps
 * send them in batches to `POST /analytics/events`, where each event is
 * validated on its own (a bad one is reported, the good ones are kept).
 */

const id = z.uuid();
const money = z.object({
  amountCents: z.number().int().min(0).max(100_000_000),
  currency: z.string().regex(/^[A-Z]{3}$/, 'an ISO 4217 code such as EUR'),
});

export const ANALYTICS_EVENT_DATA = {
  conversation_started: z.strictObject({ conversationId: id, channel: ChannelSchema }),
  message_received: z.strictObject({ conversationId: id, channel: ChannelSchema }),
  message_sent: z.strictObject({
    conversationId: id,
    channel: ChannelSchema,
    role: z.enum(['assistant', 'creator', 'program']),
  }),
  ai_answer: z.strictObject({
    conversationId: id,
    latencyMs: z.number().min(0).max(600_000),
    firstTokenMs: z.number().min(0).max(600_000).nullable(),
    inputTokens: z.number().int().min(0),
    outputTokens: z.number().int().min(0),
    groundedness: z.number().min(0).max(1).nullable(),
    noAnswer: z.boolean(),
    model: z.string().max(200),
  }),
  feedback: z.strictObject({ messageId: id, rating: z.enum(['up', 'down']) }),
  program_enrolled: z.strictObject({ programId: id, enrollmentId: id }),
  program_step_completed: z.strictObject({ programId: id, enrollmentId: id, nodeId: z.string().max(100) }),
  program_finished: z.strictObject({ programId: id, enrollmentId: id }),
  program_dropped: z.strictObject({
    programId: id,
    enrollmentId: id,
    nodeId: z.string().max(100).nullable(),
  }),
  habit_logged: z.strictObject({ habit: z.string().min(1).max(100), programId: id.optional() }),
  document_cited: z.strictObject({ documentId: id, chunkId: id.nullable(), conversationId: id }),
  widget_loaded: z.strictObject({ visitorId: z.string().max(64).nullable() }),
  widget_opened: z.strictObject({ visitorId: z.string().max(64).nullable() }),
  handoff: z.strictObject({
    conversationId: id,
    reason: z.enum(['user_request', 'crisis', 'program', 'creator']),
  }),
  subscription_started: z.strictObject({
    subscriptionId: z.string().max(200),
    plan: z.string().max(100),
    ...money.shape,
  }),
  subscription_renewed: z.strictObject({
    subscriptionId: z.string().max(200),
    plan: z.string().max(100),
    ...money.shape,
  }),
  subscription_cancelled: z.strictObject({ subscriptionId: z.string().max(200), plan: z.string().max(100) }),
} as const;

export type AnalyticsEventType = keyof typeof ANALYTICS_EVENT_DATA;
export const ANALYTICS_EVENT_TYPES = Object.keys(ANALYTICS_EVENT_DATA) as AnalyticsEventType[];
export type AnalyticsEventData<T extends AnalyticsEventType> = z.infer<(typeof ANALYTICS_EVENT_DATA)[T]>;

/** One event as an app sends it. `at` defaults to when the server received it. */
export const AnalyticsEventSchema = z.discriminatedUnion(
  'type',
  ANALYTICS_EVENT_TYPES.map((type) =>
    z.strictObject({
      type: z.literal(type),
      at: z.iso.datetime({ offset: true }).optional(),
      endUserId: id.optional(),
      data: ANALYTICS_EVENT_DATA[type],
    }),
  ) as unknown as [z.ZodObject, ...z.ZodObject[]],
);

export const IngestEventsBodySchema = z.strictObject({
  events: z.array(z.unknown()).min(1).max(500).describe('Each one validated on its own against the catalog'),
});

export const IngestEventsResultSchema = z.object({
  accepted: z.number().int(),
  rejected: z.array(
    z.object({
      index: z.number().int().describe('Position in the batch'),
      path: z.string(),
      message: z.string(),
    }),
  ),
});
export type IngestEventsResult = z.infer<typeof IngestEventsResultSchema>;

/** Live counters: today and this hour (UTC buckets), per event type. */
export const LiveCountersSchema = z.object({
  hour: z.record(z.string(), z.number().int()),
  day: z.record(z.string(), z.number().int()),
  source: z.enum(['cache', 'database']).describe('`database` when the cache could not answer'),
});
