import { z } from 'zod';

/**
 * The WhatsApp Business channel (Cloud API): a creator's connection, its
 * templates, contacts' consent, broadcasts, and the delivery state of each
 * outbound message.
 */

export const WhatsAppAccountSchema = z.object({
  connected: z.boolean(),
  wabaId: z.string().nullable().describe('WhatsApp Business account id'),
  phoneNumberId: z.string().nullable(),
  displayPhone: z.string().nullable(),
  verifiedName: z.string().nullable(),
  hasAccessToken: z.boolean().describe('The token itself is never returned'),
  hasAppSecret: z.boolean().describe('The app secret itself is never returned'),
  webhookUrl: z.string().describe('Paste into the Meta app’s WhatsApp webhook settings'),
  verifyToken: z.string().describe('Paste as the webhook’s verify token'),
  messagesPerSecond: z.number().int(),
  optOutKeywords: z.array(z.string()),
  optInKeywords: z.array(z.string()),
  lastTestAt: z.string().nullable(),
  lastWebhookAt: z.string().nullable(),
  updatedAt: z.string().nullable(),
});
export type WhatsAppAccount = z.infer<typeof WhatsAppAccountSchema>;

const Keyword = z.string().trim().toLowerCase().min(1).max(30);

export const ConnectWhatsAppBodySchema = z.strictObject({
  wabaId: z
    .string()
    .trim()
    .regex(/^\d{5,30}$/, 'digits only (the WhatsApp Business account id)'),
  phoneNumberId: z
    .string()
    .trim()
    .regex(/^\d{5,30}$/, 'digits only (the phone number id)'),
  accessToken: z
    .string()
    .trim()
    .min(20)
    .max(1000)
    .optional()
    .describe('Kept encrypted; required the first time'),
  appSecret: z
    .string()
    .trim()
    .min(16)
    .max(200)
    .optional()
    .describe('Kept encrypted; required the first time'),
  messagesPerSecond: z.number().int().min(1).max(1000).optional(),
  optOutKeywords: z.array(Keyword).min(1).max(20).optional(),
  optInKeywords: z.array(Keyword).max(20).optional(),
});
export type ConnectWhatsAppBody = z.infer<typeof ConnectWhatsAppBodySchema>;

export const E164Schema = z.string().regex(/^\+[1-9]\d{6,14}$/, 'a phone number like +34600111222');

export const WhatsAppTestBodySchema = z.strictObject({
  to: E164Schema,
  template: z.string().trim().min(1).max(512).default('hello_world'),
  language: z.string().trim().min(2).max(15).default('en_US'),
});

export const WhatsAppTestResultSchema = z.object({
  ok: z.boolean(),
  messageId: z.string().nullable(),
  phone: z
    .object({ displayPhone: z.string(), verifiedName: z.string(), tier: z.string().nullable() })
    .nullable(),
  error: z.object({ code: z.number().nullable(), message: z.string() }).nullable(),
});

export const WhatsAppTemplateSchema = z.object({
  id: z.uuid(),
  externalId: z.string().nullable(),
  name: z.string(),
  language: z.string(),
  category: z.string(),
  status: z.string().describe('APPROVED, PENDING, REJECTED, PAUSED or DISABLED'),
  body: z.string().nullable(),
  parameterCount: z.number().int(),
  rejectedReason: z.string().nullable(),
  syncedAt: z.string().nullable(),
});
export type WhatsAppTemplate = z.infer<typeof WhatsAppTemplateSchema>;

export const CreateWhatsAppTemplateBodySchema = z.strictObject({
  name: z
    .string()
    .trim()
    .regex(/^[a-z0-9_]{1,512}$/, 'lowercase letters, digits and _'),
  language: z
    .string()
    .trim()
    .regex(/^[a-z]{2}(_[A-Z]{2})?$/, 'a language code such as es or en_US'),
  category: z.enum(['MARKETING', 'UTILITY']),
  body: z.string().trim().min(1).max(1024).describe('Use {{1}}, {{2}}… for parameters'),
  bodyExamples: z.array(z.string().min(1).max(200)).max(20).optional(),
});

export const CONSENT_STATUSES = ['opted_in', 'opted_out'] as const;
export const ConsentSchema = z.object({
  status: z.enum(CONSENT_STATUSES).nullable(),
  source: z.string().nullable(),
  at: z.string().nullable(),
});

export const WhatsAppContactSchema = z.object({
  endUserId: z.uuid(),
  phone: z.string(),
  displayName: z.string().nullable(),
  tags: z.array(z.string()),
  consent: ConsentSchema,
  lastInboundAt: z.string().nullable().describe('The 24-hour customer service window runs from here'),
  lastSeenAt: z.string().nullable(),
});
export type WhatsAppContact = z.infer<typeof WhatsAppContactSchema>;

export const ListWhatsAppContactsQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
  tag: z.string().max(50).optional(),
  consent: z.enum(['opted_in', 'opted_out', 'unknown']).optional(),
});

export const SetConsentBodySchema = z.strictObject({
  status: z.enum(CONSENT_STATUSES),
  source: z.string().trim().min(1).max(100).describe('Where the consent was given, e.g. "signup form"'),
});

export const CreateBroadcastBodySchema = z.strictObject({
  name: z.string().trim().min(1).max(200),
  templateName: z.string().trim().min(1).max(512),
  language: z.string().trim().min(2).max(15),
  parameters: z
    .array(z.string().max(500))
    .max(20)
    .default([])
    .describe('Body parameters; {{name}} is the contact’s name'),
  tags: z
    .array(z.string().trim().min(1).max(50))
    .max(20)
    .default([])
    .describe('Contacts with all these tags; none = everyone opted in'),
});

export const BroadcastSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  templateName: z.string(),
  language: z.string(),
  tags: z.array(z.string()),
  status: z.enum(['sending', 'done']),
  counts: z.object({
    total: z.number().int(),
    queued: z.number().int(),
    sent: z.number().int(),
    delivered: z.number().int(),
    read: z.number().int(),
    failed: z.number().int(),
    skipped: z.number().int(),
  }),
  createdAt: z.string(),
});
export type Broadcast = z.infer<typeof BroadcastSchema>;

export const BroadcastRecipientSchema = z.object({
  endUserId: z.uuid(),
  phone: z.string(),
  displayName: z.string().nullable(),
  status: z.enum(['queued', 'sent', 'delivered', 'read', 'failed', 'skipped']),
  error: z.string().nullable(),
  updatedAt: z.string(),
});

export const DELIVERY_STATUSES = ['queued', 'sent', 'delivered', 'read', 'failed', 'held'] as const;
/** Where an outbound message to an external channel stands (shown in the inbox). */
export const DeliverySchema = z.object({
  status: z.enum(DELIVERY_STATUSES),
  error: z
    .object({ code: z.number().nullable(), message: z.string() })
    .nullable()
    .describe('Why it failed or is held (e.g. outside the 24-hour window, opted out)'),
  at: z.string(),
});
export type Delivery = z.infer<typeof DeliverySchema>;

export const WhatsAppTemplateListSchema = z.object({ items: z.array(WhatsAppTemplateSchema) });
export const BroadcastListSchema = z.object({ items: z.array(BroadcastSchema) });
export const BroadcastRecipientListSchema = z.object({ items: z.array(BroadcastRecipientSchema) });
export type ListWhatsAppContactsQuery = Partial<z.output<typeof ListWhatsAppContactsQuerySchema>>;
export type CreateWhatsAppTemplateBody = z.input<typeof CreateWhatsAppTemplateBodySchema>;
export type CreateBroadcastBody = z.input<typeof CreateBroadcastBodySchema>;
