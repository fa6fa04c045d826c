import { z } from 'zod';
import { TimeZoneSchema } from './common.ts';
import { MessageSchema } from './conversations.ts';
import { DeliverySchema } from './whatsapp.ts';

/**
 * The AI coach: its personality, model settings, replies with citations,
 * per-user memory, feedback, corrections and alerts.
 */

const shortText = (max: number) => z.string().trim().max(max);
const wordList = (maxItems: number, maxLen = 60) =>
  z.array(z.string().trim().min(1).max(maxLen)).max(maxItems);

export const ExampleReplySchema = z.strictObject({
  question: z.string().trim().min(1).max(500),
  answer: z.string().trim().min(1).max(2000),
});

/** How the coach sounds, applied to every channel. */
export const PersonalitySchema = z.object({
  coachName: shortText(80).describe('Name the AI signs as, e.g. "Coach Marta"'),
  language: z
    .enum(['auto', 'en', 'es'])
    .describe('Reply language; `auto` answers in the language the end user writes in'),
  greeting: shortText(300).describe('Opening line of a conversation'),
  signOff: shortText(200).describe('Closing line added to answers'),
  tone: wordList(8, 30).describe('Tone words, e.g. warm, direct, playful'),
  style: shortText(1000).describe('How the coach writes, in the creator’s words'),
  expertise: wordList(20).describe('Areas the coach is expert in'),
  dos: wordList(20, 200),
  donts: wordList(20, 200),
  exampleReplies: z.array(ExampleReplySchema).max(10),
  updatedAt: z.string().nullable(),
});
export type Personality = z.infer<typeof PersonalitySchema>;
export const UpdatePersonalityBodySchema = PersonalitySchema.omit({ updatedAt: true }).partial().strict();
export type UpdatePersonalityBody = z.infer<typeof UpdatePersonalityBodySchema>;

const HhMmSchema = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'use HH:MM (24-hour)');
const ModelIdSchema = z
  .string()
  .trim()
  .regex(/^[a-z][\w-]*:\S+$/, 'use provider:model, e.g. openai:gpt-4o-mini')
  .max(200);

/** Model routing and limits for one creator; null falls back to the platform default. */
export const AiSettingsSchema = z.object({
  chatModel: ModelIdSchema.nullable(),
  summariseModel: ModelIdSchema.nullable(),
  classifyModel: ModelIdSchema.nullable(),
  fallbackModel: ModelIdSchema.nullable(),
  monthlyTokenBudget: z
    .number()
    .int()
    .min(0)
    .nullable()
    .describe('Tokens per calendar month (UTC); null = no limit'),
  handoffOnCrisis: z
    .boolean()
    .describe('Hand the conversation to the creator when a crisis phrase is detected'),
  quietHoursStart: HhMmSchema.nullable().describe(
    'No proactive message from this local time (end user’s time zone)',
  ),
  quietHoursEnd: HhMmSchema.nullable().describe('…until this local time'),
  maxProactivePerWeek: z
    .number()
    .int()
    .min(0)
    .max(50)
    .describe('Proactive messages per end user in any 7 days'),
  defaultTimezone: TimeZoneSchema.describe('Used for end users whose time zone is unknown'),
  updatedAt: z.string().nullable(),
});
export type AiSettings = z.infer<typeof AiSettingsSchema>;
export const UpdateAiSettingsBodySchema = AiSettingsSchema.omit({ updatedAt: true }).partial().strict();
export type UpdateAiSettingsBody = z.infer<typeof UpdateAiSettingsBodySchema>;

export const AssistantStatusSchema = z.object({
  mode: z.enum(['offline', 'model']).describe('`offline`: replies are composed from passages, no model'),
  providers: z.array(z.string()),
  models: z.object({
    chat: z.string().nullable(),
    summarise: z.string().nullable(),
    classify: z.string().nullable(),
    fallback: z.string().nullable(),
    embed: z.string().nullable(),
  }),
  usage: z.object({
    month: z.string().describe('YYYY-MM (UTC)'),
    inputTokens: z.number().int(),
    outputTokens: z.number().int(),
    budget: z.number().int().nullable(),
  }),
  openAlerts: z.number().int().describe('Crisis and handoff alerts not yet resolved'),
  retrieval: z
    .enum(['lexical', 'hybrid'])
    .describe('`hybrid`: BM25 fused with pgvector similarity (needs AI_EMBEDDING_MODEL and pgvector)'),
});
export type AssistantStatus = z.infer<typeof AssistantStatusSchema>;

export const CitationSchema = z.object({
  n: z.number().int().describe('Marker number used in the reply text, e.g. [1]'),
  kind: z.enum(['document', 'correction']),
  documentId: z.uuid().nullable(),
  documentTitle: z.string(),
  version: z.number().int().nullable(),
  page: z.number().int().nullable(),
  headingPath: z.array(z.string()),
  chunkId: z.uuid().nullable(),
  correctionId: z.uuid().nullable(),
  score: z.number(),
});
export type Citation = z.infer<typeof CitationSchema>;

export const SentimentSchema = z.object({
  score: z.number().min(-1).max(1),
  label: z.enum(['negative', 'neutral', 'positive']),
});

/** What the engine records on each message it writes or reads. */
export const MessageMetaSchema = z
  .object({
    citations: z.array(CitationSchema),
    model: z.string().describe('`offline` or provider:model'),
    latencyMs: z.number(),
    firstTokenMs: z.number().nullable(),
    tokens: z.object({ input: z.number().int(), output: z.number().int() }),
    retrieval: z.array(z.object({ chunkId: z.uuid().nullable(), score: z.number() })),
    groundedness: z.number().min(0).max(1).nullable(),
    noAnswer: z.boolean(),
    safety: z.enum(['self_harm', 'medical_emergency', 'violence']).nullable(),
    notice: z
      .enum(['token_budget_exhausted', 'model_unavailable', 'used_fallback_model'])
      .nullable()
      .describe('Why the reply was degraded, when it was'),
    sentiment: SentimentSchema,
    clientMessageId: z.string(),
    /** Sent by a program step: which one, and the quick replies / media to show. */
    program: z.object({
      programId: z.uuid(),
      enrollmentId: z.uuid(),
      nodeId: z.string(),
      quickReplies: z.array(z.object({ id: z.string(), label: z.string() })).optional(),
      media: z
        .object({
          kind: z.enum(['image', 'video', 'audio', 'document']),
          url: z.string(),
          caption: z.string().optional(),
        })
        .optional(),
    }),
    /** Where a message sent to an external channel (WhatsApp) stands. */
    delivery: DeliverySchema,
    /** An emoji the client reacted to this message with (WhatsApp). */
    reaction: z.string(),
    /** Files the client attached (web widget); the inbox downloads them by id. */
    attachments: z.array(
      z.object({ id: z.uuid(), name: z.string(), mime: z.string(), size: z.number().int() }),
    ),
  })
  .partial();
export type MessageMeta = z.infer<typeof MessageMetaSchema>;

export const MessageWithMetaSchema = MessageSchema.extend({
  meta: MessageMetaSchema,
  feedback: z.object({ rating: z.enum(['up', 'down']), comment: z.string().nullable() }).nullable(),
});
export type MessageWithMeta = z.infer<typeof MessageWithMetaSchema>;

export const PostMessageBodySchema = z.strictObject({
  content: z.string().trim().min(1).max(4000),
  clientMessageId: z
    .string()
    .min(1)
    .max(100)
    .optional()
    .describe('Idempotency key: posting the same id twice stores and answers once'),
});
export type PostMessageBody = z.infer<typeof PostMessageBodySchema>;

export const PostMessageQuerySchema = z.strictObject({
  debug: z
    .enum(['true', 'false', '1', '0'])
    .optional()
    .transform((v) => v === 'true' || v === '1')
    .describe('Include retrieved passages, the assembled prompt and timings (playground)'),
});

export const PassageDebugSchema = z.object({
  n: z.number().int(),
  score: z.number(),
  documentTitle: z.string(),
  kind: z.enum(['document', 'correction']),
  content: z.string(),
  used: z.boolean(),
});

export const ReplyDebugSchema = z.object({
  query: z.string(),
  passages: z.array(PassageDebugSchema),
  prompt: z.object({
    system: z.string(),
    messages: z.array(z.object({ role: z.string(), content: z.string() })),
  }),
  timings: z.record(z.string(), z.number()),
  memory: z.array(z.string()),
});
export type ReplyDebug = z.infer<typeof ReplyDebugSchema>;

export const PostMessageResponseSchema = z.object({
  message: MessageWithMetaSchema.describe('The end user’s message as stored'),
  reply: MessageWithMetaSchema.nullable().describe(
    'The reply (the AI’s, or the last message of a program step); null while a human has the conversation',
  ),
  /** Every message a program step sent in answer (in order; `reply` is the last of them). */
  programMessages: z.array(MessageWithMetaSchema).optional(),
  debug: ReplyDebugSchema.nullable(),
});
export type PostMessageResponse = z.infer<typeof PostMessageResponseSchema>;

/**
 * Events of a conversation, as streamed over SSE (`Accept: text/event-stream`
 * on POST /conversations/:id/messages) and the WebSocket. `delta` carries the
 * next piece of the reply's text; `message` the stored message with metadata.
 */
export const ConversationEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('message'), message: MessageWithMetaSchema }),
  z.object({ type: z.literal('typing'), conversationId: z.uuid(), replyId: z.uuid() }),
  z.object({ type: z.literal('delta'), conversationId: z.uuid(), replyId: z.uuid(), text: z.string() }),
  z.object({
    type: z.literal('status'),
    conversationId: z.uuid(),
    status: z.enum(['bot', 'human', 'closed']),
  }),
  z.object({ type: z.literal('debug'), debug: ReplyDebugSchema }),
  z.object({ type: z.literal('error'), code: z.string(), detail: z.string() }),
  z.object({
    type: z.literal('delivery'),
    conversationId: z.uuid(),
    messageId: z.uuid(),
    delivery: DeliverySchema,
  }),
  z.object({
    type: z.literal('presence'),
    conversationId: z.uuid(),
    who: z.enum(['user', 'creator']),
    typing: z.boolean(),
  }),
  z.object({
    type: z.literal('read'),
    conversationId: z.uuid(),
    who: z.enum(['user', 'creator']),
    messageId: z.uuid(),
  }),
]);
export type ConversationEvent = z.infer<typeof ConversationEventSchema>;

export const FeedbackBodySchema = z.strictObject({
  rating: z.enum(['up', 'down']),
  comment: z.string().trim().max(2000).optional(),
});

export const CorrectionBodySchema = z.strictObject({
  answer: z.string().trim().min(1).max(4000).describe('What the coach should have answered'),
});
export const CorrectionSchema = z.object({
  id: z.uuid(),
  question: z.string(),
  answer: z.string(),
  messageId: z.uuid().nullable(),
  uses: z.number().int(),
  createdAt: z.string(),
});
export type Correction = z.infer<typeof CorrectionSchema>;

export const MemoryKindSchema = z.enum(['fact', 'preference', 'goal']);
export const MemorySchema = z.object({
  id: z.uuid(),
  endUserId: z.uuid(),
  kind: MemoryKindSchema,
  key: z.string(),
  content: z.string(),
  source: z.enum(['conversation', 'creator']),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Memory = z.infer<typeof MemorySchema>;
export const CreateMemoryBodySchema = z.strictObject({
  kind: MemoryKindSchema,
  key: z
    .string()
    .trim()
    .regex(/^[a-z0-9_]{1,40}$/, 'lowercase letters, digits and _')
    .optional(),
  content: z.string().trim().min(1).max(500),
});
export const UpdateMemoryBodySchema = z.strictObject({ content: z.string().trim().min(1).max(500) });
export const MemoryParamsSchema = z.strictObject({ id: z.uuid(), memoryId: z.uuid() });

export const ALERT_KINDS = ['self_harm', 'medical_emergency', 'violence', 'handoff_request'] as const;
export const AlertSchema = z.object({
  id: z.uuid(),
  kind: z.enum(ALERT_KINDS),
  conversationId: z.uuid(),
  endUserId: z.uuid(),
  messageId: z.uuid().nullable(),
  excerpt: z.string(),
  createdAt: z.string(),
  resolvedAt: z.string().nullable(),
});
export type Alert = z.infer<typeof AlertSchema>;
export const ListAlertsQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(200).optional(),
  open: z
    .enum(['true', 'false'])
    .optional()
    .transform((v) => (v === undefined ? undefined : v === 'true')),
});

export const PlaygroundBodySchema = z.strictObject({
  tags: z
    .array(z.string().trim().min(1).max(60))
    .max(20)
    .default([])
    .describe('Tags of the test user, e.g. a members tag to see members-only documents'),
  locale: z.enum(['en', 'es']).optional(),
});

export const ProactiveTriggerSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('inactivity').describe('The end user has not written for `days` days'),
    days: z.number().int().min(1).max(365),
  }),
  z.strictObject({
    kind: z.literal('schedule').describe('On these weekdays (0 = Sunday) at this local time'),
    weekdays: z.array(z.number().int().min(0).max(6)).min(1).max(7),
    time: HhMmSchema,
  }),
  z.strictObject({
    kind: z
      .literal('sentiment_drop')
      .describe('The end user’s latest message was this negative, within the last hours'),
    threshold: z.number().min(-1).max(0),
    withinHours: z.number().int().min(1).max(168),
  }),
]);
export type ProactiveTriggerInput = z.infer<typeof ProactiveTriggerSchema>;

export const ProactiveRuleSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  enabled: z.boolean(),
  trigger: ProactiveTriggerSchema,
  message: z.string().describe('Text sent; {{name}} becomes the end user’s name'),
  audienceTag: z.string().nullable().describe('Only end users with this tag; null = everyone who opted in'),
  cooldownDays: z.number().int(),
  sentCount: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type ProactiveRule = z.infer<typeof ProactiveRuleSchema>;
export const CreateProactiveRuleBodySchema = z.strictObject({
  name: z.string().trim().min(1).max(120),
  enabled: z.boolean().default(true),
  trigger: ProactiveTriggerSchema,
  message: z.string().trim().min(1).max(1000),
  audienceTag: z.string().trim().min(1).max(50).nullable().default(null),
  cooldownDays: z.number().int().min(0).max(365).default(7),
});
export const UpdateProactiveRuleBodySchema = CreateProactiveRuleBodySchema.partial();

export const ProactiveSendSchema = z.object({
  id: z.uuid(),
  ruleId: z.uuid(),
  endUserId: z.uuid(),
  conversationId: z.uuid(),
  messageId: z.uuid(),
  createdAt: z.string(),
});

export const PlaygroundStartResponseSchema = z.object({ conversationId: z.uuid(), endUserId: z.uuid() });
export const MemoryListSchema = z.object({ items: z.array(MemorySchema) });
export const DeletedCountSchema = z.object({ deleted: z.number().int() });
