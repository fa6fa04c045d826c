import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  date,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
const textArray = (name: string) => text(name).array().notNull().default(sql`'{}'::text[]`);

export const creatorPersonalities = pgTable('creator_personalities', {
  creatorId: uuid('creator_id').primaryKey(),
  coachName: text('coach_name').notNull().default(''),
  language: text('language', { enum: ['auto', 'en', 'es'] })
    .notNull()
    .default('auto'),
  greeting: text('greeting').notNull().default(''),
  signOff: text('sign_off').notNull().default(''),
  tone: textArray('tone'),
  style: text('style').notNull().default(''),
  expertise: textArray('expertise'),
  dos: textArray('dos'),
  donts: textArray('donts'),
  exampleReplies: jsonb('example_replies')
    .$type<{ question: string; answer: string }[]>()
    .notNull()
    .default(sql`'[]'::jsonb`),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

export const creatorAiSettings = pgTable('creator_ai_settings', {
  creatorId: uuid('creator_id').primaryKey(),
  chatModel: text('chat_model'),
  summariseModel: text('summarise_model'),
  classifyModel: text('classify_model'),
  fallbackModel: text('fallback_model'),
  monthlyTokenBudget: bigint('monthly_token_budget', { mode: 'number' }),
  handoffOnCrisis: boolean('handoff_on_crisis').notNull().default(true),
  quietHoursStart: text('quiet_hours_start'),
  quietHoursEnd: text('quiet_hours_end'),
  maxProactivePerWeek: integer('max_proactive_per_week').notNull().default(3),
  defaultTimezone: text('default_timezone').notNull().default('UTC'),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

export const endUserMemories = pgTable(
  'end_user_memories',
  {
    creatorId: uuid('creator_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    endUserId: uuid('end_user_id').notNull(),
    kind: text('kind', { enum: ['fact', 'preference', 'goal'] }).notNull(),
    key: text('key').notNull(),
    content: text('content').notNull(),
    source: text('source', { enum: ['conversation', 'creator'] }).notNull(),
    sourceMessageId: uuid('source_message_id'),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.creatorId, t.id] })],
);

export const messageFeedback = pgTable(
  'message_feedback',
  {
    creatorId: uuid('creator_id').notNull(),
    messageId: uuid('message_id').notNull(),
    rating: smallint('rating').notNull(),
    comment: text('comment'),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.creatorId, t.messageId] })],
);

export const answerCorrections = pgTable(
  'answer_corrections',
  {
    creatorId: uuid('creator_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    messageId: uuid('message_id'),
    question: text('question').notNull(),
    answer: text('answer').notNull(),
    uses: integer('uses').notNull().default(0),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.creatorId, t.id] })],
);

export const aiUsageDaily = pgTable(
  'ai_usage_daily',
  {
    creatorId: uuid('creator_id').notNull(),
    day: date('day', { mode: 'string' }).notNull(),
    use: text('use').notNull(),
    model: text('model').notNull(),
    requests: integer('requests').notNull().default(0),
    inputTokens: bigint('input_tokens', { mode: 'number' }).notNull().default(0),
    outputTokens: bigint('output_tokens', { mode: 'number' }).notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.creatorId, t.day, t.use, t.model] })],
);

export const creatorAlerts = pgTable(
  'creator_alerts',
  {
    creatorId: uuid('creator_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    kind: text('kind', { enum: ['self_harm', 'medical_emergency', 'violence', 'handoff_request'] }).notNull(),
    conversationId: uuid('conversation_id').notNull(),
    endUserId: uuid('end_user_id').notNull(),
    messageId: uuid('message_id'),
    excerpt: text('excerpt').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
    resolvedAt: ts('resolved_at'),
  },
  (t) => [primaryKey({ columns: [t.creatorId, t.id] })],
);

export type ProactiveTrigger =
  | { kind: 'inactivity'; days: number }
  | { kind: 'schedule'; weekdays: number[]; time: string }
  | { kind: 'sentiment_drop'; threshold: number; withinHours: number };

export const proactiveRules = pgTable(
  'proactive_rules',
  {
    creatorId: uuid('creator_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    name: text('name').notNull(),
    enabled: boolean('enabled').notNull().default(true),
    trigger: jsonb('trigger').$type<ProactiveTrigger>().notNull(),
    message: text('message').notNull(),
    audienceTag: text('audience_tag'),
    cooldownDays: integer('cooldown_days').notNull().default(7),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.creatorId, t.id] })],
);

export const proactiveSends = pgTable(
  'proactive_sends',
  {
    creatorId: uuid('creator_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    ruleId: uuid('rule_id').notNull(),
    endUserId: uuid('end_user_id').notNull(),
    occurrence: text('occurrence').notNull(),
    conversationId: uuid('conversation_id').notNull(),
    messageId: uuid('message_id').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.creatorId, t.id] })],
);
