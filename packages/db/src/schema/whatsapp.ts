import { sql } from 'drizzle-orm';
import { integer, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';

// Mirrors migrations/0007_whatsapp.sql (the source of truth; a test compares them).

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const whatsappAccounts = pgTable('whatsapp_accounts', {
  creatorId: uuid('creator_id').primaryKey(),
  wabaId: text('waba_id').notNull(),
  phoneNumberId: text('phone_number_id').notNull(),
  displayPhone: text('display_phone'),
  verifiedName: text('verified_name'),
  accessTokenEnc: text('access_token_enc').notNull(),
  appSecretEnc: text('app_secret_enc').notNull(),
  verifyToken: text('verify_token').notNull(),
  messagesPerSecond: integer('messages_per_second').notNull().default(20),
  optOutKeywords: text('opt_out_keywords')
    .array()
    .notNull()
    .default(sql`'{stop,unsubscribe,baja,cancelar}'::text[]`),
  optInKeywords: text('opt_in_keywords').array().notNull().default(sql`'{start,alta}'::text[]`),
  lastTestAt: ts('last_test_at'),
  lastWebhookAt: ts('last_webhook_at'),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

export const channelMessages = pgTable(
  'channel_messages',
  {
    creatorId: uuid('creator_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    channel: text('channel', { enum: ['whatsapp'] }).notNull(),
    direction: text('direction', { enum: ['in', 'out'] }).notNull(),
    externalId: text('external_id'),
    messageId: uuid('message_id'),
    conversationId: uuid('conversation_id'),
    endUserId: uuid('end_user_id'),
    broadcastId: uuid('broadcast_id'),
    status: text('status', {
      enum: ['received', 'queued', 'sent', 'delivered', 'read', 'failed', 'held'],
    }).notNull(),
    errorCode: integer('error_code'),
    errorMessage: text('error_message'),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.creatorId, t.id] })],
);

export const consentEvents = pgTable(
  'consent_events',
  {
    creatorId: uuid('creator_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    endUserId: uuid('end_user_id').notNull(),
    channel: text('channel', { enum: ['whatsapp'] }).notNull(),
    status: text('status', { enum: ['opted_in', 'opted_out'] }).notNull(),
    source: text('source').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.creatorId, t.id] })],
);

export const whatsappTemplates = pgTable(
  'whatsapp_templates',
  {
    creatorId: uuid('creator_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    externalId: text('external_id'),
    name: text('name').notNull(),
    language: text('language').notNull(),
    category: text('category').notNull(),
    status: text('status').notNull(),
    body: text('body'),
    parameterCount: integer('parameter_count').notNull().default(0),
    rejectedReason: text('rejected_reason'),
    syncedAt: ts('synced_at'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.creatorId, t.id] })],
);

export const whatsappBroadcasts = pgTable(
  'whatsapp_broadcasts',
  {
    creatorId: uuid('creator_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    name: text('name').notNull(),
    templateName: text('template_name').notNull(),
    language: text('language').notNull(),
    parameters: text('parameters').array().notNull().default(sql`'{}'::text[]`),
    tags: text('tags').array().notNull().default(sql`'{}'::text[]`),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.creatorId, t.id] })],
);

export const whatsappBroadcastRecipients = pgTable(
  'whatsapp_broadcast_recipients',
  {
    creatorId: uuid('creator_id').notNull(),
    broadcastId: uuid('broadcast_id').notNull(),
    endUserId: uuid('end_user_id').notNull(),
    status: text('status', { enum: ['queued', 'sent', 'delivered', 'read', 'failed', 'skipped'] })
      .notNull()
      .default('queued'),
    error: text('error'),
    externalId: text('external_id'),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.creatorId, t.broadcastId, t.endUserId] })],
);
