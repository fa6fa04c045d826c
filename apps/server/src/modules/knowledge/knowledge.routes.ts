import {
  BulkTagsBodySchema,
  CreateKbFolderBodySchema,
  DeleteKbFolderQuerySchema,
  EditKbContentBodySchema,
  IdParamsSchema,
  KbChunkListSchema,
  KbDiffQuerySchema,
  KbDiffSchema,
  KbDocumentSchema,
  KbFolderListSchema,
  KbFolderSchema,
  KbSearchQuerySchema,
  KbSearchResultSchema,
  KbTextSchema,
  KbVersionListSchema,
  KbVersionParamsSchema,
  KbVisibilitySchema,
  ListKbDocumentsQuerySchema,
  pageOf,
  UpdateKbDocumentBodySchema,
  UpdateKbFolderBodySchema,
  UploadResultSchema,
} from '@companero/contracts';
import fastifyMultipart from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../platform/errors/app-error.ts';
import type { KnowledgeService, UploadedFile } from './knowledge.service.ts';
import type { KnowledgeSearchService } from './knowledge-search.service.ts';

const UploadFieldsSchema = z.strictObject({
  folderId: z.uuid().optional(),
  visibility: KbVisibilitySchema.optional(),
  membersTag: z.string().trim().min(1).max(50).optional(),
  tags: z.array(z.string().trim().min(1).max(50)).max(50).optional(),
  changeNote: z.string().max(500).optional(),
});

/**
 * Reads a multipart upload: files (buffered up to the per-file limit; a
 * truncated file is reported as too large, never stored) and form fields.
 */
async function readUpload(req: FastifyRequest, maxFileBytes: number) {
  const files: (UploadedFile & { truncated: boolean })[] = [];
  const fields: Record<string, string | string[]> = {};
  if (!req.isMultipart()) throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'Upload files as multipart/form-data');
  for await (const part of req.parts({ limits: { fileSize: maxFileBytes } })) {
    if (part.type === 'file') {
      const bytes = await part.toBuffer().catch((err: { code?: string }) => {
        if (err.code === 'FST_REQ_FILE_TOO_LARGE') return null;
        throw err;
      });
      files.push({ filename: part.filename, bytes: bytes ?? new Uint8Array(0), truncated: bytes === null });
    } else {
      const value = String(part.value);
      if (part.fieldname === 'tags')
        fields.tags = [
          ...((fields.tags as string[]) ?? []),
          ...value
            .split(',')
            .map((t) => t.trim())
            .filter(Boolean),
        ];
      else fields[part.fieldname] = value;
    }
  }
  const parsed = UploadFieldsSchema.safeParse(fields);
  if (!parsed.success) {
    const errors = parsed.error.issues.map((i) => ({
      path: `body.${i.path.join('.') || (i as { keys?: string[] }).keys?.join(',')}`,
      message: i.message,
      code: i.code,
    }));
    throw new AppError(
      'VALIDATION_FAILED',
      errors[0] ? `${errors[0].path}: ${errors[0].message}` : 'Invalid form fields',
      { errors },
    );
  }
  return { files, fields: parsed.data };
}

export const knowledgeRoutes =
  ({
    knowledge,
    search,
    maxFileBytes,
    maxFilesPerUpload,
  }: {
    knowledge: KnowledgeService;
    search: KnowledgeSearchService;
    maxFileBytes: number;
    maxFilesPerUpload: number;
  }): FastifyPluginAsyncZod =>
  async (app) => {
    // preservePath: see the name as sent, so traversal attempts are refused by name, not silently trimmed.
    await app.register(fastifyMultipart, {
      preservePath: true,
      limits: { fileSize: maxFileBytes, files: maxFilesPerUpload, fields: 20 },
    });
    const tags = ['knowledge'];
    const read = { auth: 'knowledge:read' as const };
    const write = { auth: 'knowledge:write' as const };

    app.post(
      '/knowledge/documents',
      {
        config: write,
        schema: {
          tags,
          consumes: ['multipart/form-data'],
          summary:
            'Upload one or many files (PDF, DOCX, TXT, Markdown) as multipart/form-data; fields: folderId, visibility, membersTag, tags',
          response: { 201: UploadResultSchema },
        },
      },
      async (req, reply) => {
        const { files, fields } = await readUpload(req, maxFileBytes);
        if (files.length === 0)
          throw new AppError('VALIDATION_FAILED', 'body.files: attach at least one file', {
            errors: [{ path: 'body.files', message: 'Attach at least one file', code: 'required' }],
          });
        const result = await knowledge.upload(
          req.tenant,
          files.filter((f) => !f.truncated),
          fields,
        );
        // Over the per-file limit: the stream was cut off and nothing was stored.
        for (const f of files.filter((x) => x.truncated)) {
          result.rejected.push({
            filename: f.filename,
            code: 'TOO_LARGE',
            message: `${f.filename} is over the limit of ${Math.floor(maxFileBytes / 1e6)} MB per file.`,
          });
        }
        if (result.accepted.length === 0) {
          const first = result.rejected[0];
          throw new AppError('FILE_REJECTED', first ? first.message : 'No file was accepted', {
            errors: result.rejected.map((r) => ({
              path: `body.files.${r.filename}`,
              message: r.message,
              code: r.code,
            })),
          });
        }
        return reply.status(201).send(result);
      },
    );
    app.get(
      '/knowledge/documents',
      {
        config: read,
        schema: {
          tags,
          summary: 'List documents with filters (folder, tag, type, status, visibility)',
          querystring: ListKbDocumentsQuerySchema,
          response: { 200: pageOf(KbDocumentSchema) },
        },
      },
      (req) => knowledge.list(req.tenant, req.query),
    );
    app.get(
      '/knowledge/documents/:id',
      {
        config: read,
        schema: {
          tags,
          summary: 'A document with its ingestion status and progress',
          params: IdParamsSchema,
          response: { 200: KbDocumentSchema },
        },
      },
      (req) => knowledge.get(req.tenant, req.params.id),
    );
    app.patch(
      '/knowledge/documents/:id',
      {
        config: write,
        schema: {
          tags,
          summary: 'Rename, describe, move, re-tag or change visibility',
          params: IdParamsSchema,
          body: UpdateKbDocumentBodySchema,
          response: { 200: KbDocumentSchema },
        },
      },
      (req) => knowledge.update(req.tenant, req.params.id, req.body),
    );
    app.delete(
      '/knowledge/documents/:id',
      {
        config: write,
        schema: { tags, summary: 'Delete a document, all its versions and files', params: IdParamsSchema },
      },
      async (req, reply) => {
        await knowledge.remove(req.tenant, req.params.id);
        return reply.status(204).send();
      },
    );
    app.post(
      '/knowledge/documents/bulk-tags',
      {
        config: write,
        schema: {
          tags,
          summary: 'Add and remove tags on many documents',
          body: BulkTagsBodySchema,
          response: { 200: z.object({ updated: z.number().int() }) },
        },
      },
      (req) => knowledge.bulkTags(req.tenant, req.body),
    );
    app.post(
      '/knowledge/documents/:id/versions',
      {
        config: write,
        schema: {
          tags,
          consumes: ['multipart/form-data'],
          summary: 'Upload a new version of a document (multipart: one file, optional changeNote)',
          params: IdParamsSchema,
          response: { 201: KbDocumentSchema },
        },
      },
      async (req, reply) => {
        const { files, fields } = await readUpload(req, maxFileBytes);
        const [file] = files;
        if (file?.truncated)
          throw new AppError(
            'FILE_REJECTED',
            `${file.filename} is over the limit of ${Math.floor(maxFileBytes / 1e6)} MB per file.`,
          );
        if (!file || files.length > 1)
          throw new AppError('VALIDATION_FAILED', 'body.file: attach exactly one file', {
            errors: [{ path: 'body.file', message: 'Attach exactly one file', code: 'required' }],
          });
        return reply
          .status(201)
          .send(await knowledge.uploadVersion(req.tenant, req.params.id, file, fields.changeNote));
      },
    );
    app.put(
      '/knowledge/documents/:id/content',
      {
        config: write,
        schema: {
          tags,
          summary: 'Save edited text of a TXT/Markdown document as a new version',
          params: IdParamsSchema,
          body: EditKbContentBodySchema,
          response: { 201: KbDocumentSchema },
        },
      },
      async (req, reply) =>
        reply
          .status(201)
          .send(
            await knowledge.editContent(req.tenant, req.params.id, req.body.content, req.body.changeNote),
          ),
    );
    app.get(
      '/knowledge/documents/:id/versions',
      {
        config: read,
        schema: {
          tags,
          summary: 'Version history (newest first)',
          params: IdParamsSchema,
          response: { 200: KbVersionListSchema },
        },
      },
      (req) => knowledge.versions(req.tenant, req.params.id),
    );
    app.get(
      '/knowledge/documents/:id/versions/:version/text',
      {
        config: read,
        schema: {
          tags,
          summary: "A version's extracted text",
          params: KbVersionParamsSchema,
          response: { 200: KbTextSchema },
        },
      },
      (req) => knowledge.versionText(req.tenant, req.params.id, req.params.version),
    );
    app.get(
      '/knowledge/documents/:id/versions/:version/file',
      {
        config: read,
        schema: { tags, summary: "Download a version's original file", params: KbVersionParamsSchema },
      },
      async (req, reply) => {
        const f = await knowledge.file(req.tenant, req.params.id, req.params.version);
        const types = {
          pdf: 'application/pdf',
          docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
          markdown: 'text/markdown; charset=utf-8',
          text: 'text/plain; charset=utf-8',
        };
        return reply
          .type(types[f.kind])
          .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(f.filename)}`)
          .header('x-content-type-options', 'nosniff')
          .send(f.stream);
      },
    );
    app.post(
      '/knowledge/documents/:id/versions/:version/restore',
      {
        config: write,
        schema: {
          tags,
          summary: 'Restore an old version (creates a new version with its content)',
          params: KbVersionParamsSchema,
          response: { 201: KbDocumentSchema },
        },
      },
      async (req, reply) =>
        reply.status(201).send(await knowledge.restoreVersion(req.tenant, req.params.id, req.params.version)),
    );
    app.get(
      '/knowledge/documents/:id/diff',
      {
        config: read,
        schema: {
          tags,
          summary: 'Line diff between two versions',
          params: IdParamsSchema,
          querystring: KbDiffQuerySchema,
          response: { 200: KbDiffSchema },
        },
      },
      (req) => knowledge.diff(req.tenant, req.params.id, req.query.from, req.query.to),
    );
    app.get(
      '/knowledge/documents/:id/chunks',
      {
        config: read,
        schema: {
          tags,
          summary: 'Chunks of the current version, as the AI sees them',
          params: IdParamsSchema,
          response: { 200: KbChunkListSchema },
        },
      },
      (req) => knowledge.chunks(req.tenant, req.params.id),
    );

    app.get(
      '/knowledge/folders',
      {
        config: read,
        schema: {
          tags,
          summary: 'All folders (build the tree from parentId)',
          response: { 200: KbFolderListSchema },
        },
      },
      (req) => knowledge.folders(req.tenant),
    );
    app.post(
      '/knowledge/folders',
      {
        config: write,
        schema: {
          tags,
          summary: 'Create a folder',
          body: CreateKbFolderBodySchema,
          response: { 201: KbFolderSchema },
        },
      },
      async (req, reply) => reply.status(201).send(await knowledge.createFolder(req.tenant, req.body)),
    );
    app.patch(
      '/knowledge/folders/:id',
      {
        config: write,
        schema: {
          tags,
          summary: 'Rename or move a folder',
          params: IdParamsSchema,
          body: UpdateKbFolderBodySchema,
          response: { 200: KbFolderSchema },
        },
      },
      (req) => knowledge.updateFolder(req.tenant, req.params.id, req.body),
    );
    app.delete(
      '/knowledge/folders/:id',
      {
        config: write,
        schema: {
          tags,
          summary: 'Delete a folder; ?recursive=true to delete a non-empty one with everything in it',
          params: IdParamsSchema,
          querystring: DeleteKbFolderQuerySchema,
          response: { 200: z.object({ deletedDocuments: z.number().int() }) },
        },
      },
      (req) => knowledge.deleteFolder(req.tenant, req.params.id, req.query.recursive),
    );

    app.get(
      '/knowledge/search',
      {
        config: read,
        schema: {
          tags,
          summary: 'Full-text search (BM25, English and Spanish) with filters and highlighted snippets',
          querystring: KbSearchQuerySchema,
          response: { 200: KbSearchResultSchema },
        },
      },
      (req) => search.search(req.tenant, req.query),
    );
  };
