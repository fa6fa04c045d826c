import { sql } from 'drizzle-orm';
import { boolean, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const endUsers = pgTable(
  'end_users',
  {
    creatorId: uuid('creator_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    displayName: text('display_name'),
    email: text('email'),
    widgetVisitorId: text('widget_visitor_id'),
    phoneE164: text('phone_e164'),
    appAccountId: text('app_account_id'),
    locale: text('locale', { enum: ['en', 'es'] }),
    timezone: text('timezone'),
    tags: text('tags').array().notNull().default(sql`'{}'::text[]`),
    proactiveOptIn: boolean('proactive_opt_in').notNull().default(false),
    whatsappConsent: text('whatsapp_consent', { enum: ['opted_in', 'opted_out'] }),
    whatsappConsentSource: text('whatsapp_consent_source'),
    whatsappConsentAt: ts('whatsapp_consent_at'),
    /** The WhatsApp 24-hour customer service window runs from here. */
    whatsappLastInboundAt: ts('whatsapp_last_inbound_at'),
    metadata: jsonb('metadata').$type<Record<string, unknown>>().notNull().default(sql`'{}'::jsonb`),
    createdAt: ts('created_at').notNull().defaultNow(),
    lastSeenAt: ts('last_seen_at'),
  },
  (t) => [primaryKey({ columns: [t.creatorId, t.id] })],
);

export const conversations = pgTable(
  'conversations',
  {
    creatorId: uuid('creator_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    endUserId: uuid('end_user_id').notNull(),
    channel: text('channel', { enum: ['web', 'whatsapp', 'mobile', 'playground'] }).notNull(),
    status: text('status', { enum: ['bot', 'human', 'closed'] })
      .notNull()
      .default('bot'),
    subject: text('subject'),
    summary: text('summary'),
    /** How many messages (oldest first) the rolling summary covers. */
    summaryMessageCount: integer('summary_message_count').notNull().default(0),
    /** Messages in the conversation (kept by the engine as it writes them). */
    messageCount: integer('message_count').notNull().default(0),
    metadata: jsonb('metadata').$type<Record<string, unknown>>().notNull().default(sql`'{}'::jsonb`),
    lastMessageAt: ts('last_message_at'),
    /** The creator has read the client's messages up to here (inbox unread counts). */
    creatorReadAt: ts('creator_read_at'),
    /** The client has read the coach's messages up to here (widget read receipts). */
    userReadAt: ts('user_read_at'),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.creatorId, t.id] })],
);

export const messages = pgTable(
  'messages',
  {
    creatorId: uuid('creator_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    conversationId: uuid('conversation_id').notNull(),
    role: text('role', { enum: ['user', 'assistant', 'creator', 'system'] }).notNull(),
    content: text('content').notNull(),
    clientMessageId: text('client_message_id'),
    metadata: jsonb('metadata').$type<Record<string, unknown>>().notNull().default(sql`'{}'::jsonb`),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.creatorId, t.id] })],
);
