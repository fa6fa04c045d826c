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
});

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
