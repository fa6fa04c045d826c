import { integer, jsonb, pgTable, primaryKey, smallint, text, timestamp, uuid } from 'drizzle-orm/pg-core';

// Mirrors migrations/0005_programs.sql (the source of truth; a test compares them).
// JSON columns are typed loosely here; the programs module parses them with the contracts' schemas.
type Json = Record<string, unknown>;
type Variables = Record<string, string | number | boolean | null>;

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const coachingPrograms = pgTable(
  'coaching_programs',
  {
    creatorId: uuid('creator_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    name: text('name').notNull(),
    description: text('description'),
    language: text('language', { enum: ['en', 'es'] })
      .notNull()
      .default('en'),
    status: text('status', { enum: ['draft', 'published', 'archived'] })
      .notNull()
      .default('draft'),
    definition: jsonb('program_definition').$type<Json>().notNull(),
    draftRevision: integer('draft_revision').notNull().default(1),
    draftUpdatedAt: ts('draft_updated_at').notNull().defaultNow(),
    publishedVersion: integer('published_version'),
    publishedRevision: integer('published_revision'),
    templateKey: text('template_key'),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.creatorId, t.id] })],
);

export const programVersions = pgTable(
  'program_versions',
  {
    creatorId: uuid('creator_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    programId: uuid('program_id').notNull(),
    version: integer('version').notNull(),
    definition: jsonb('definition').$type<Json>().notNull(),
    note: text('note'),
    publishedAt: ts('published_at').notNull().defaultNow(),
    publishedBy: text('published_by'),
  },
  (t) => [primaryKey({ columns: [t.creatorId, t.id] })],
);

export const programEnrollments = pgTable(
  'program_enrollments',
  {
    creatorId: uuid('creator_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    programId: uuid('program_id').notNull(),
    versionId: uuid('version_id').notNull(),
    version: integer('version').notNull(),
    endUserId: uuid('end_user_id').notNull(),
    conversationId: uuid('conversation_id'),
    status: text('status', { enum: ['active', 'waiting', 'completed', 'exited'] })
      .notNull()
      .default('active'),
    currentNodeId: text('current_node_id'),
    currentNodeType: text('current_node_type'),
    variables: jsonb('variables').$type<Variables>().notNull().default({}),
    retries: integer('retries').notNull().default(0),
    aiTurns: integer('ai_turns').notNull().default(0),
    resumeAt: ts('resume_at'),
    progress: smallint('progress').notNull().default(0),
    stepSeq: integer('step_seq').notNull().default(0),
    startedAt: ts('started_at').notNull().defaultNow(),
    lastActivityAt: ts('last_activity_at').notNull().defaultNow(),
    completedAt: ts('completed_at'),
  },
  (t) => [primaryKey({ columns: [t.creatorId, t.id] })],
);

export const programEnrollmentSteps = pgTable(
  'program_enrollment_steps',
  {
    creatorId: uuid('creator_id').notNull(),
    enrollmentId: uuid('enrollment_id').notNull(),
    seq: integer('seq').notNull(),
    programId: uuid('program_id').notNull(),
    nodeId: text('node_id').notNull(),
    nodeType: text('node_type').notNull(),
    kind: text('kind').notNull(),
    detail: jsonb('detail').$type<Record<string, unknown>>(),
    at: ts('at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.creatorId, t.enrollmentId, t.seq] })],
);

export const programInputs = pgTable(
  'program_inputs',
  {
    creatorId: uuid('creator_id').notNull(),
    enrollmentId: uuid('enrollment_id').notNull(),
    messageId: text('message_id').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.creatorId, t.enrollmentId, t.messageId] })],
);

export const programEvents = pgTable(
  'program_events',
  {
    creatorId: uuid('creator_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    programId: uuid('program_id').notNull(),
    enrollmentId: uuid('enrollment_id'),
    endUserId: uuid('end_user_id'),
    name: text('name').notNull(),
    nodeId: text('node_id'),
    data: jsonb('data').$type<Record<string, unknown>>().notNull().default({}),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.creatorId, t.id] })],
);
