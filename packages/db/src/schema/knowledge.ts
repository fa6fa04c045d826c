import { sql } from 'drizzle-orm';
import {
  bigint,
  customType,
  integer,
  pgTable,
  primaryKey,
  real,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';

// Mirrors migrations/0002_knowledge_base.sql and 0004_search_impacts.sql (the source of truth; a test compares them).
const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
const regconfig = customType<{ data: 'english' | 'spanish' | 'simple' }>({ dataType: () => 'regconfig' });

export const KB_STATUSES = ['uploaded', 'extracting', 'chunking', 'indexing', 'ready', 'failed'] as const;
export const KB_KINDS = ['pdf', 'docx', 'markdown', 'text'] as const;
export const KB_VISIBILITIES = ['public', 'members', 'private'] as const;

export const kbFolders = pgTable(
  'kb_folders',
  {
    creatorId: uuid('creator_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    parentId: uuid('parent_id'),
    name: text('name').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.creatorId, t.id] })],
);

export const kbDocuments = pgTable(
  'kb_documents',
  {
    creatorId: uuid('creator_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    folderId: uuid('folder_id'),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    kind: text('kind', { enum: KB_KINDS }).notNull(),
    visibility: text('visibility', { enum: KB_VISIBILITIES }).notNull().default('public'),
    membersTag: text('members_tag'),
    tags: text('tags').array().notNull().default(sql`'{}'::text[]`),
    currentVersion: integer('current_version'),
    latestVersion: integer('latest_version').notNull().default(1),
    status: text('status', { enum: KB_STATUSES }).notNull().default('uploaded'),
    progress: integer('progress').notNull().default(0),
    errorCode: text('error_code'),
    errorMessage: text('error_message'),
    language: text('language'),
    sizeBytes: bigint('size_bytes', { mode: 'number' }).notNull().default(0),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.creatorId, t.id] })],
);

export const kbDocumentVersions = pgTable(
  'kb_document_versions',
  {
    creatorId: uuid('creator_id').notNull(),
    documentId: uuid('document_id').notNull(),
    version: integer('version').notNull(),
    storageKey: text('storage_key').notNull(),
    originalFilename: text('original_filename').notNull(),
    kind: text('kind', { enum: KB_KINDS }).notNull(),
    sizeBytes: bigint('size_bytes', { mode: 'number' }).notNull(),
    sha256: text('sha256').notNull(),
    status: text('status', { enum: KB_STATUSES }).notNull().default('uploaded'),
    progress: integer('progress').notNull().default(0),
    errorCode: text('error_code'),
    errorMessage: text('error_message'),
    extractedText: text('extracted_text'),
    pageCount: integer('page_count'),
    language: text('language'),
    chunkCount: integer('chunk_count'),
    changeNote: text('change_note'),
    createdBy: text('created_by').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
    ingestedAt: ts('ingested_at'),
  },
  (t) => [primaryKey({ columns: [t.creatorId, t.documentId, t.version] })],
);

export const kbChunks = pgTable(
  'kb_chunks',
  {
    creatorId: uuid('creator_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    documentId: uuid('document_id').notNull(),
    version: integer('version').notNull(),
    position: integer('position').notNull(),
    content: text('content').notNull(),
    page: integer('page'),
    pageEnd: integer('page_end'),
    headingPath: text('heading_path').array().notNull().default(sql`'{}'::text[]`),
    tsConfig: regconfig('ts_config').notNull(),
    termCount: integer('term_count').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.creatorId, t.id] })],
);

// Written only by the repository's indexing statement (impacts and kb_terms in step);
// kb_postings_impact (creator_id, term, ts_config, impact desc) serves search.
export const kbPostings = pgTable(
  'kb_postings',
  {
    creatorId: uuid('creator_id').notNull(),
    term: text('term').notNull(),
    chunkId: uuid('chunk_id').notNull(),
    tsConfig: regconfig('ts_config').notNull(),
    tf: integer('tf').notNull(),
    /** BM25 term weight, app.kb_impact(tf, chunk length, average chunk length when indexed). */
    impact: real('impact').notNull(),
  },
  (t) => [primaryKey({ columns: [t.creatorId, t.chunkId, t.term] })],
);

/** Per-creator document frequency of each indexed term. */
export const kbTerms = pgTable(
  'kb_terms',
  {
    creatorId: uuid('creator_id').notNull(),
    term: text('term').notNull(),
    df: integer('df').notNull(),
  },
  (t) => [primaryKey({ columns: [t.creatorId, t.term] })],
);

export const kbStats = pgTable('kb_stats', {
  creatorId: uuid('creator_id').primaryKey(),
  chunkCount: bigint('chunk_count', { mode: 'number' }).notNull().default(0),
  termTotal: bigint('term_total', { mode: 'number' }).notNull().default(0),
});
