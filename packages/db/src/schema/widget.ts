import { sql } from 'drizzle-orm';
import { boolean, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';

// Mirrors migrations/0006_widget_inbox.sql (the source of truth; a test compares them).

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const widgetConfigs = pgTable('widget_configs', {
  creatorId: uuid('creator_id').primaryKey(),
  publicKey: text('public_key').notNull(),
  enabled: boolean('enabled').notNull().default(true),
  allowedOrigins: text('allowed_origins').array().notNull().default(sql`'{}'::text[]`),
  /** packages/contracts WidgetThemeSchema (parsed by the widget module). */
  theme: jsonb('theme').$type<Record<string, unknown>>().notNull().default(sql`'{}'::jsonb`),
  visitorMessagesPerMinute: integer('visitor_messages_per_minute').notNull().default(20),
  widgetMessagesPerMinute: integer('widget_messages_per_minute').notNull().default(600),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

/** Files in conversations: attached in the web widget, or media received on WhatsApp (renamed in 0007). */
export const conversationAttachments = pgTable(
  'conversation_attachments',
  {
    creatorId: uuid('creator_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    conversationId: uuid('conversation_id').notNull(),
    storageKey: text('storage_key').notNull(),
    name: text('name').notNull(),
    mime: text('mime').notNull(),
    sizeBytes: integer('size_bytes').notNull(),
    messageId: uuid('message_id'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.creatorId, t.id] })],
);

export const analyticsEvents = pgTable(
  'analytics_events',
  {
    creatorId: uuid('creator_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    type: text('type').notNull(),
    occurredAt: ts('occurred_at').notNull(),
    receivedAt: ts('received_at').notNull().defaultNow(),
    endUserId: uuid('end_user_id'),
    data: jsonb('data').$type<Record<string, unknown>>().notNull().default(sql`'{}'::jsonb`),
  },
  (t) => [primaryKey({ columns: [t.creatorId, t.id] })],
);
