import { z } from 'zod';

export const CHANNELS = ['web', 'whatsapp', 'mobile', 'playground'] as const;
export const ChannelSchema = z.enum(CHANNELS);
export type Channel = z.infer<typeof ChannelSchema>;

export const CONVERSATION_STATUSES = ['bot', 'human', 'closed'] as const;
export const ConversationStatusSchema = z.enum(CONVERSATION_STATUSES);

export const ConversationSchema = z.object({
  id: z.uuid(),
  endUserId: z.uuid(),
  channel: ChannelSchema,
  status: ConversationStatusSchema,
  subject: z.string().nullable(),
  lastMessageAt: z.string().nullable(),
  createdAt: z.string(),
});
export type Conversation = z.infer<typeof ConversationSchema>;

export const MessageRoleSchema = z.enum(['user', 'assistant', 'creator', 'system']);
export const MessageSchema = z.object({
  id: z.uuid(),
  conversationId: z.uuid(),
  role: MessageRoleSchema,
  content: z.string(),
  createdAt: z.string(),
});
export type Message = z.infer<typeof MessageSchema>;

export const CreateConversationBodySchema = z.strictObject({
  endUserId: z.uuid(),
  channel: ChannelSchema,
  subject: z.string().trim().min(1).max(200).optional(),
});
export type CreateConversationBody = z.input<typeof CreateConversationBodySchema>;

export const ListConversationsQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(200).optional(),
  status: ConversationStatusSchema.optional(),
  channel: ChannelSchema.optional(),
  sentiment: z
    .enum(['negative', 'neutral', 'positive'])
    .optional()
    .describe('Sentiment of the client’s latest message'),
  unread: z
    .enum(['true', 'false'])
    .optional()
    .transform((v) => (v === undefined ? undefined : v === 'true'))
    .describe('Only conversations with (true) or without (false) client messages you have not read'),
  attention: z
    .enum(['true', 'false'])
    .optional()
    .transform((v) => (v === undefined ? undefined : v === 'true'))
    .describe('Only conversations with an unresolved crisis or handoff alert'),
});

/** A conversation as the inbox lists it: who, the last message, unread count, mood, open alert. */
export const ConversationSummarySchema = ConversationSchema.extend({
  endUser: z.object({ id: z.uuid(), displayName: z.string().nullable(), email: z.string().nullable() }),
  preview: z
    .object({ role: MessageRoleSchema, content: z.string(), createdAt: z.string() })
    .nullable()
    .describe('The latest message, cut to 160 characters'),
  messageCount: z.number().int(),
  unreadCount: z.number().int().describe('Client messages since you last read (capped at 99)'),
  sentiment: z.enum(['negative', 'neutral', 'positive']).nullable(),
  alert: z
    .object({
      id: z.uuid(),
      kind: z.enum(['self_harm', 'medical_emergency', 'violence', 'handoff_request']),
      createdAt: z.string(),
    })
    .nullable()
    .describe('The newest unresolved alert'),
  visitorReadAt: z.string().nullable().describe('When the client last read the conversation'),
});
export type ConversationSummary = z.infer<typeof ConversationSummarySchema>;

export const MarkReadBodySchema = z.strictObject({
  messageId: z.uuid().optional().describe('Read up to this message; the latest when absent'),
});

/** What the inbox's live socket (`/inbox/live`) pushes to the creator's dashboard. */
export const InboxEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready') }),
  z.object({
    type: z.literal('changed'),
    conversationId: z.uuid(),
    reason: z.enum(['message', 'status', 'read']),
  }),
  z.object({
    type: z.literal('alert'),
    conversationId: z.uuid(),
    kind: z.enum(['self_harm', 'medical_emergency', 'violence', 'handoff_request']),
    excerpt: z.string(),
  }),
]);
export type InboxEvent = z.infer<typeof InboxEventSchema>;

/** Take over (`human`: the AI stays quiet), hand back to the AI (`bot`) or close a conversation. */
export const UpdateConversationBodySchema = z.strictObject({
  status: ConversationStatusSchema,
});
export type UpdateConversationBody = z.infer<typeof UpdateConversationBodySchema>;

/** The creator writing in a conversation as themselves (a conversation the AI has is taken over). */
export const CreatorMessageBodySchema = z.strictObject({
  content: z.string().trim().min(1).max(4000),
  clientMessageId: z
    .string()
    .min(1)
    .max(100)
    .optional()
    .describe('Idempotency key: posting the same id twice stores once'),
});
export type CreatorMessageBody = z.infer<typeof CreatorMessageBodySchema>;
