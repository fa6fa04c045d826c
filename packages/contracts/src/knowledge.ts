import { z } from 'zod';

export const KB_STATUSES = ['uploaded', 'extracting', 'chunking', 'indexing', 'ready', 'failed'] as const;
export const KbStatusSchema = z.enum(KB_STATUSES).describe('Ingestion stage of the latest version');
export const KB_KINDS = ['pdf', 'docx', 'markdown', 'text'] as const;
export const KbKindSchema = z.enum(KB_KINDS);
export const KB_VISIBILITIES = ['public', 'members', 'private'] as const;
export const KbVisibilitySchema = z
  .enum(KB_VISIBILITIES)
  .describe(
    'public: every end user · members: end users with `membersTag` · private: creator only, never used in answers',
  );

const TagSchema = z.string().trim().min(1).max(50);

export const KbFolderSchema = z.object({
  id: z.uuid(),
  parentId: z.uuid().nullable(),
  name: z.string(),
  documentCount: z.number().int(),
  createdAt: z.string(),
});
export type KbFolder = z.infer<typeof KbFolderSchema>;
export const KbFolderListSchema = z.object({ items: z.array(KbFolderSchema) });

export const CreateKbFolderBodySchema = z.strictObject({
  name: z.string().trim().min(1).max(120),
  parentId: z.uuid().nullable().default(null),
});
export const UpdateKbFolderBodySchema = z
  .strictObject({
    name: z.string().trim().min(1).max(120).optional(),
    parentId: z.uuid().nullable().optional().describe('Move under another folder (null = top level)'),
  })
  .refine((b) => b.name !== undefined || b.parentId !== undefined, { message: 'Nothing to update' });
export const DeleteKbFolderQuerySchema = z.strictObject({
  recursive: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true')
    .describe('Required to delete a folder that is not empty (deletes its documents and subfolders)'),
});

export const KbDocumentSchema = z.object({
  id: z.uuid(),
  folderId: z.uuid().nullable(),
  title: z.string(),
  description: z.string(),
  kind: KbKindSchema,
  visibility: KbVisibilitySchema,
  membersTag: z.string().nullable(),
  tags: z.array(z.string()),
  status: KbStatusSchema,
  progress: z.number().int().min(0).max(100),
  errorCode: z.string().nullable(),
  errorMessage: z.string().nullable(),
  currentVersion: z.number().int().nullable(),
  latestVersion: z.number().int(),
  language: z.string().nullable(),
  sizeBytes: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type KbDocument = z.infer<typeof KbDocumentSchema>;

export const ListKbDocumentsQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
  folderId: z.uuid().optional(),
  tag: TagSchema.optional(),
  kind: KbKindSchema.optional(),
  status: KbStatusSchema.optional(),
  visibility: KbVisibilitySchema.optional(),
});

export const UpdateKbDocumentBodySchema = z
  .strictObject({
    title: z.string().trim().min(1).max(300).optional(),
    description: z.string().max(2000).optional(),
    folderId: z.uuid().nullable().optional(),
    visibility: KbVisibilitySchema.optional(),
    membersTag: TagSchema.nullable().optional(),
    tags: z.array(TagSchema).max(50).optional(),
  })
  .refine((b) => Object.keys(b).length > 0, { message: 'Nothing to update' });

export const BulkTagsBodySchema = z.strictObject({
  documentIds: z.array(z.uuid()).min(1).max(500),
  add: z.array(TagSchema).max(50).default([]),
  remove: z.array(TagSchema).max(50).default([]),
});

/**
 * Why a file is refused at upload or fails ingestion: a closed list, so
 * clients can say each reason in their own language (never renamed; add new ones).
 */
export const FILE_REJECTION_CODES = [
  'UNSAFE_NAME',
  'TOO_LARGE',
  'QUOTA_EXCEEDED',
  'EMPTY_FILE',
  'UNSUPPORTED_TYPE',
  'ENCRYPTED_PDF',
  'CORRUPT_PDF',
  'ENCRYPTED_DOCUMENT',
  'CORRUPT_DOCX',
  'ZIP_BOMB',
  'NO_TEXT',
  'BINARY_TEXT',
] as const;
export const FileRejectionCodeSchema = z.enum(FILE_REJECTION_CODES);
export type FileRejectionCode = z.infer<typeof FileRejectionCodeSchema>;

export const UploadRejectionSchema = z.object({
  filename: z.string(),
  code: FileRejectionCodeSchema,
  message: z.string(),
});
export const UploadResultSchema = z.object({
  accepted: z.array(KbDocumentSchema),
  rejected: z.array(UploadRejectionSchema),
});
export type UploadResult = z.infer<typeof UploadResultSchema>;

export const KbVersionSchema = z.object({
  version: z.number().int(),
  originalFilename: z.string(),
  kind: KbKindSchema,
  sizeBytes: z.number().int(),
  status: KbStatusSchema,
  progress: z.number().int(),
  errorCode: z.string().nullable(),
  errorMessage: z.string().nullable(),
  pageCount: z.number().int().nullable(),
  chunkCount: z.number().int().nullable(),
  language: z.string().nullable(),
  changeNote: z.string().nullable(),
  createdBy: z.string(),
  createdAt: z.string(),
  isCurrent: z.boolean(),
});
export const KbVersionListSchema = z.object({ items: z.array(KbVersionSchema) });
export const KbVersionParamsSchema = z.strictObject({
  id: z.uuid(),
  version: z.coerce.number().int().min(1),
});

export const EditKbContentBodySchema = z.strictObject({
  content: z.string().min(1).max(5_000_000),
  changeNote: z.string().max(500).optional(),
});
export const KbTextSchema = z.object({ version: z.number().int(), text: z.string() });
export const KbDiffQuerySchema = z.strictObject({
  from: z.coerce.number().int().min(1),
  to: z.coerce.number().int().min(1),
});
export const KbDiffSchema = z.object({
  from: z.number().int(),
  to: z.number().int(),
  hunks: z.array(z.object({ kind: z.enum(['equal', 'added', 'removed']), text: z.string() })),
  added: z.number().int().describe('Lines added'),
  removed: z.number().int().describe('Lines removed'),
});

export const KbChunkSchema = z.object({
  id: z.uuid(),
  position: z.number().int(),
  content: z.string(),
  page: z.number().int().nullable(),
  pageEnd: z.number().int().nullable(),
  headingPath: z.array(z.string()),
});
export const KbChunkListSchema = z.object({
  version: z.number().int().nullable(),
  items: z.array(KbChunkSchema),
});

export const KbSearchQuerySchema = z.strictObject({
  q: z.string().trim().min(1).max(500),
  limit: z.coerce.number().int().min(1).max(50).default(10),
  offset: z.coerce.number().int().min(0).max(500).default(0),
  folderId: z.uuid().optional(),
  tag: TagSchema.optional(),
  kind: KbKindSchema.optional(),
  visibility: KbVisibilitySchema.optional(),
  from: z.iso.datetime({ offset: true }).optional().describe('Documents created at or after'),
  to: z.iso.datetime({ offset: true }).optional().describe('Documents created before'),
  sort: z.enum(['relevance', 'newest']).default('relevance'),
});
export type KbSearchQuery = z.input<typeof KbSearchQuerySchema>;

export const KbCitationSchema = z.object({
  documentId: z.uuid(),
  documentTitle: z.string(),
  version: z.number().int(),
  page: z.number().int().nullable(),
  headingPath: z.array(z.string()),
});
export const KbSearchHitSchema = z.object({
  chunkId: z.uuid(),
  score: z.number(),
  content: z.string(),
  snippet: z.string().describe('Excerpt around the matches'),
  highlights: z
    .array(z.tuple([z.number().int(), z.number().int()]))
    .describe('[start, end) ranges of matched words in `snippet`'),
  citation: KbCitationSchema,
  matchedBy: z
    .array(z.enum(['lexical', 'dense']))
    .describe('Which retriever found the chunk (hybrid search fuses both by reciprocal rank)'),
  similarity: z
    .number()
    .nullable()
    .describe('Cosine similarity to the query when the dense retriever found it'),
});
export type KbSearchHit = z.infer<typeof KbSearchHitSchema>;
export const KbSearchResultSchema = z.object({
  items: z.array(KbSearchHitSchema),
  mode: z
    .enum(['lexical', 'hybrid'])
    .describe('`hybrid` when an embedding model and pgvector are available (reciprocal rank fusion)'),
  tookMs: z.number(),
});

/**
 * Ingestion progress pushed to the creator's dashboards over `/knowledge/live`
 * as each stage commits (uploaded → extracting → chunking → indexing → ready
 * or failed with the reason).
 */
export const KnowledgeEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready') }),
  z.object({
    type: z.literal('document'),
    documentId: z.uuid(),
    version: z.number().int(),
    status: KbStatusSchema,
    progress: z.number().int().min(0).max(100),
    errorCode: z.string().nullable(),
    errorMessage: z.string().nullable(),
  }),
]);
export type KnowledgeEvent = z.infer<typeof KnowledgeEventSchema>;
