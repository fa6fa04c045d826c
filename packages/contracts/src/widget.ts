import { z } from 'zod';
import { ConversationStatusSchema } from './conversations.ts';

/**
 * The web chat widget: a creator's settings (theme, allowed origins, limits),
 * the visitor session a page exchanges its public widget key for, and the
 * frames of the realtime protocol (WebSocket `/widget/live`, or the SSE stream
 * `/widget/events` plus `POST /widget/frames` where WebSockets are blocked).
 */

const HexColorSchema = z
  .string()
  .regex(/^#[0-9a-fA-F]{6}$/, 'a colour like #4f46e5')
  .describe('A colour as #rrggbb');

export const WIDGET_LAUNCHER_ICONS = ['chat', 'sparkle', 'heart', 'help'] as const;
export const WIDGET_POSITIONS = ['right', 'left'] as const;
export const WIDGET_SIZES = ['compact', 'standard', 'large'] as const;
export const WIDGET_LANGUAGES = ['auto', 'en', 'es'] as const;

/** How the widget looks. Every field has a default, so `{}` is a valid theme. */
export const WidgetThemeSchema = z.strictObject({
  primaryColor: HexColorSchema.default('#4f46e5'),
  textOnPrimary: HexColorSchema.default('#ffffff'),
  background: HexColorSchema.default('#ffffff'),
  position: z.enum(WIDGET_POSITIONS).default('right'),
  size: z.enum(WIDGET_SIZES).default('standard'),
  launcherIcon: z.enum(WIDGET_LAUNCHER_ICONS).default('chat'),
  title: z
    .string()
    .trim()
    .max(60)
    .nullable()
    .default(null)
    .describe('Header title; the coach’s name when null'),
  subtitle: z.string().trim().max(120).nullable().default(null),
  greeting: z
    .string()
    .trim()
    .max(500)
    .nullable()
    .default(null)
    .describe('First message shown to a visitor with no history (not stored)'),
  avatarUrl: z
    .url({ protocol: /^https?$/ })
    .max(500)
    .nullable()
    .default(null),
  customCss: z
    .string()
    .max(20_000)
    .default('')
    .describe('CSS applied inside the widget’s shadow root only; it cannot reach the host page'),
  language: z.enum(WIDGET_LANGUAGES).default('auto').describe('`auto` follows the visitor’s browser'),
});
export type WidgetTheme = z.infer<typeof WidgetThemeSchema>;

/**
 * An allowed origin: `https://example.com`, `http://localhost:3000`, or a
 * wildcard for subdomains `https://*.example.com`. No path, no trailing slash.
 */
export const WidgetOriginSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(253)
  .regex(
    /^https?:\/\/(\*\.)?[a-z0-9-]+(\.[a-z0-9-]+)*(:\d{1,5})?$/,
    'an origin such as https://example.com or https://*.example.com (no path)',
  );

export const WidgetConfigSchema = z.object({
  publicKey: z.string().describe('Goes in the embed snippet; safe to publish'),
  enabled: z.boolean(),
  allowedOrigins: z
    .array(z.string())
    .describe('Sites that may load the widget; an empty list allows every site'),
  theme: WidgetThemeSchema,
  visitorMessagesPerMinute: z.number().int(),
  widgetMessagesPerMinute: z.number().int(),
  updatedAt: z.string(),
});
export type WidgetConfig = z.infer<typeof WidgetConfigSchema>;

export const UpdateWidgetConfigBodySchema = z.strictObject({
  enabled: z.boolean().optional(),
  allowedOrigins: z.array(WidgetOriginSchema).max(50).optional(),
  theme: WidgetThemeSchema.optional(),
  visitorMessagesPerMinute: z.number().int().min(1).max(600).optional(),
  widgetMessagesPerMinute: z.number().int().min(1).max(100_000).optional(),
});
export type UpdateWidgetConfigBody = z.input<typeof UpdateWidgetConfigBodySchema>;

/** What any page may read about a widget: its looks and who it speaks for. */
export const PublicWidgetConfigSchema = z.object({
  theme: WidgetThemeSchema,
  coachName: z.string(),
});
export type PublicWidgetConfig = z.infer<typeof PublicWidgetConfigSchema>;

export const WidgetKeyParamsSchema = z.strictObject({
  key: z.string().regex(/^wk_[A-Za-z0-9_-]{34}$/, 'a widget key (wk_...)'),
});

export const VisitorIdSchema = z.string().regex(/^[A-Za-z0-9_-]{16,64}$/, '16–64 letters, digits, _ or -');

export const WidgetSessionBodySchema = z.strictObject({
  key: WidgetKeyParamsSchema.shape.key,
  visitorId: VisitorIdSchema.optional().describe(
    'Kept by the page from an earlier session; new visitor when absent',
  ),
  locale: z.enum(['en', 'es']).optional(),
});
export type WidgetSessionBody = z.infer<typeof WidgetSessionBodySchema>;

export const WidgetSessionSchema = z.object({
  token: z
    .string()
    .describe('Short-lived visitor token: `Authorization: Bearer` or the `bearer.<token>` subprotocol'),
  expiresAt: z.string(),
  visitorId: VisitorIdSchema,
  conversationId: z.uuid(),
  status: ConversationStatusSchema,
  config: PublicWidgetConfigSchema,
});
export type WidgetSession = z.infer<typeof WidgetSessionSchema>;

export const WidgetAttachmentSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  mime: z.string(),
  size: z.number().int(),
  url: z.string().describe('Signed, expiring link'),
});
export type WidgetAttachment = z.infer<typeof WidgetAttachmentSchema>;

/** A message as a visitor sees it: no model, scores or internal metadata. */
export const WidgetMessageSchema = z.object({
  id: z.uuid(),
  role: z.enum(['user', 'assistant', 'creator', 'system']),
  content: z.string(),
  createdAt: z.string(),
  clientMessageId: z.string().nullable(),
  citations: z.array(z.object({ n: z.number().int(), title: z.string(), page: z.number().int().nullable() })),
  quickReplies: z.array(z.object({ id: z.string(), label: z.string() })),
  media: z
    .object({
      kind: z.enum(['image', 'video', 'audio', 'document']),
      url: z.string(),
      caption: z.string().optional(),
    })
    .nullable(),
  attachments: z.array(WidgetAttachmentSchema),
});
export type WidgetMessage = z.infer<typeof WidgetMessageSchema>;

export const WidgetMessagesQuerySchema = z.strictObject({
  after: z.uuid().optional().describe('Only messages newer than this one'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export const WidgetMessagesSchema = z.object({
  items: z.array(WidgetMessageSchema),
  hasMore: z.boolean(),
});

/** Frames a visitor's widget sends (WebSocket text frames, or `POST /widget/frames`). */
export const WidgetClientFrameSchema = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('message'),
    clientMessageId: z.string().min(8).max(100).describe('Sending the same id again stores once'),
    content: z.string().trim().max(4000),
    attachmentIds: z.array(z.uuid()).max(5).optional(),
  }),
  z.strictObject({
    type: z.literal('resume'),
    after: z.uuid().nullable().describe('The last message id the widget has; null for the whole history'),
  }),
  z.strictObject({ type: z.literal('typing'), typing: z.boolean() }),
  z.strictObject({ type: z.literal('read'), messageId: z.uuid() }),
  z.strictObject({ type: z.literal('ping') }),
]);
export type WidgetClientFrame = z.infer<typeof WidgetClientFrameSchema>;

/** Frames the server sends to a visitor's widget. */
export const WidgetServerFrameSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready'), conversationId: z.uuid(), status: ConversationStatusSchema }),
  z.object({ type: z.literal('message'), message: WidgetMessageSchema }),
  z.object({
    type: z.literal('ack'),
    clientMessageId: z.string(),
    messageId: z.uuid(),
  }),
  z.object({ type: z.literal('synced'), lastMessageId: z.uuid().nullable() }),
  z.object({ type: z.literal('typing'), who: z.enum(['assistant', 'creator']), typing: z.boolean() }),
  z.object({ type: z.literal('delta'), replyId: z.uuid(), text: z.string() }),
  z.object({ type: z.literal('status'), status: ConversationStatusSchema }),
  z.object({
    type: z.literal('read'),
    messageId: z.uuid().describe('The coach has read the visitor’s messages up to this one'),
  }),
  z.object({
    type: z.literal('error'),
    code: z.string(),
    detail: z.string(),
    clientMessageId: z.string().optional(),
  }),
  z.object({ type: z.literal('pong') }),
]);
export type WidgetServerFrame = z.infer<typeof WidgetServerFrameSchema>;

export const WidgetFramesResponseSchema = z.object({ frames: z.array(WidgetServerFrameSchema) });

export const WidgetIdentifyBodySchema = z.strictObject({
  name: z.string().trim().min(1).max(100).optional(),
  email: z.email().max(254).optional(),
  locale: z.enum(['en', 'es']).optional(),
});

/** Analytics beacons a widget sends (batched). */
export const WIDGET_EVENT_TYPES = [
  'widget_loaded',
  'widget_opened',
  'message_sent',
  'conversation_started',
] as const;
export const WidgetEventsBodySchema = z.strictObject({
  key: WidgetKeyParamsSchema.shape.key,
  events: z
    .array(
      z.strictObject({
        type: z.enum(WIDGET_EVENT_TYPES),
        at: z.iso.datetime(),
        visitorId: VisitorIdSchema.optional(),
      }),
    )
    .min(1)
    .max(50),
});
