import { createHash, randomUUID } from 'node:crypto';
import type { FileRejectionCode, KbDocument, UploadResult } from '@companero/contracts';
import type { Database, TenantTx } from '@companero/db';
import { diffLines } from 'diff';
import type { Logger } from 'pino';
import { decodeCursor, toPage } from '../../http/cursor.ts';
import type { TenantContext } from '../../http/plugins/auth.ts';
import { AppError, notFound } from '../../platform/errors/app-error.ts';
import type { JobQueue } from '../../platform/queue/index.ts';
import { type FileStorage, storageKeyFor } from '../../platform/storage/index.ts';
import { ingestVersionJob } from './knowledge.jobs.ts';
import type {
  DocumentFilters,
  KbDocumentRow,
  KbVersionRow,
  KnowledgeRepository,
} from './knowledge.repository.ts';
import { toKbDocument } from './knowledge-mappers.ts';
import { safeFilename, titleFromFilename } from './safe-filename.ts';

type Kind = KbDocumentRow['kind'];
export type DetectFileType = (
  bytes: Uint8Array,
  filename: string,
) => { kind: Kind } | { error: FileRejectionCode; message: string };

export interface UploadedFile {
  filename: string;
  bytes: Uint8Array;
}

export interface KnowledgeLimits {
  maxFileBytes: number;
  quotaBytes: number;
}

const toVersion = (r: KbVersionRow, current: number | null) => ({
  version: r.version,
  originalFilename: r.originalFilename,
  kind: r.kind,
  sizeBytes: r.sizeBytes,
  status: r.status,
  progress: r.progress,
  errorCode: r.errorCode,
  errorMessage: r.errorMessage,
  pageCount: r.pageCount,
  chunkCount: r.chunkCount,
  language: r.language,
  changeNote: r.changeNote,
  createdBy: r.createdBy,
  createdAt: r.createdAt.toISOString(),
  isCurrent: r.version === current,
});

/**
 * The creator side of the knowledge base: upload, organise, version, preview.
 * Files are validated by content before anything is stored; a stored file is
 * removed again if its rows cannot be written, so nothing is ever half there.
 */
export function createKnowledgeService(deps: {
  db: Database;
  repo: KnowledgeRepository;
  storage: FileStorage;
  queue: Pick<JobQueue, 'enqueue'>;
  detect: DetectFileType;
  limits: KnowledgeLimits;
  logger: Logger;
}) {
  const { db, repo, storage, queue, detect, limits, logger } = deps;

  const enqueueIngestion = (creatorId: string, documentId: string, version: number) =>
    queue
      .enqueue(
        ingestVersionJob,
        { creatorId, documentId, version },
        { singletonKey: `${documentId}:${version}` },
      )
      // The version stays 'uploaded'; the worker's sweep re-enqueues it.
      .catch((err) => logger.error({ err, documentId, version }, 'could not enqueue ingestion'));

  async function requireDocument(tx: TenantTx, id: string, forUpdate = false) {
    const doc = forUpdate ? await repo.findDocumentForUpdate(tx, id) : await repo.findDocument(tx, id);
    if (!doc) throw notFound('Document');
    return doc;
  }

  async function requireFolder(tx: TenantTx, id: string | null | undefined) {
    if (id && !(await repo.findFolder(tx, id))) throw notFound('Folder');
  }

  /** Checks one file; returns what to store or why it is refused. */
  function vet(
    file: UploadedFile,
  ): { error: FileRejectionCode; message: string } | { name: string; kind: Kind; sha256: string } {
    const name = safeFilename(file.filename);
    if (!name)
      return {
        error: 'UNSAFE_NAME' as const,
        message: `The file name "${file.filename}" is not allowed (it points outside its folder).`,
      };
    if (file.bytes.byteLength > limits.maxFileBytes) {
      return {
        error: 'TOO_LARGE' as const,
        message: `${name} is ${Math.ceil(file.bytes.byteLength / 1e6)} MB; the limit is ${Math.floor(limits.maxFileBytes / 1e6)} MB per file.`,
      };
    }
    const detected = detect(file.bytes, name);
    if ('error' in detected) return { error: detected.error, message: `${name}: ${detected.message}` };
    return { name, kind: detected.kind, sha256: createHash('sha256').update(file.bytes).digest('hex') };
  }

  /** Stores the bytes, then writes rows with `write`; removes the file again if the rows fail. */
  async function storeThen<T>(key: string, bytes: Uint8Array, write: () => Promise<T>): Promise<T> {
    await storage.put(key, Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    try {
      return await write();
    } catch (err) {
      await storage.delete(key).catch(() => {});
      throw err;
    }
  }

  async function assertQuota(tx: TenantTx, extra: number) {
    if ((await repo.storedBytes(tx)) + extra > limits.quotaBytes) {
      throw new AppError(
        'QUOTA_EXCEEDED',
        `Your knowledge base holds at most ${Math.floor(limits.quotaBytes / 1e6)} MB (all versions included).`,
      );
    }
  }

  async function addVersion(
    ctx: TenantContext,
    documentId: string,
    file: { name: string; kind: Kind; sha256: string; bytes: Uint8Array },
    changeNote: string | null,
  ) {
    const key = storageKeyFor(ctx.creatorId, 'kb', documentId, randomUUID(), file.name);
    const { doc, version } = await storeThen(key, file.bytes, () =>
      db.withTenant(ctx.creatorId, async (tx) => {
        const doc = await requireDocument(tx, documentId, true);
        await assertQuota(tx, file.bytes.byteLength);
        const version = doc.latestVersion + 1;
        await repo.insertVersion(tx, {
          documentId,
          version,
          storageKey: key,
          originalFilename: file.name,
          kind: file.kind,
          sizeBytes: file.bytes.byteLength,
          sha256: file.sha256,
          changeNote,
          createdBy: `${ctx.actor.type}:${ctx.actor.id}`,
        });
        const updated = await repo.updateDocument(tx, documentId, {
          latestVersion: version,
          kind: file.kind,
          sizeBytes: file.bytes.byteLength,
          status: 'uploaded',
          progress: 5,
          errorCode: null,
          errorMessage: null,
        });
        return { doc: updated!, version };
      }),
    );
    await enqueueIngestion(ctx.creatorId, documentId, version);
    return toKbDocument(doc);
  }

  async function versionText(ctx: TenantContext, id: string, version: number) {
    const v = await db.withTenant(ctx.creatorId, async (tx) => {
      await requireDocument(tx, id);
      return repo.findVersion(tx, id, version);
    });
    if (!v) throw notFound('Version');
    if (v.extractedText === null)
      throw new AppError('CONFLICT', `Version ${version} has no extracted text (status: ${v.status}).`);
    return { version, text: v.extractedText };
  }

  return {
    /** Many files at once: each is accepted or rejected with its own reason; one bad file never blocks the rest. */
    async upload(
      ctx: TenantContext,
      files: UploadedFile[],
      opts: {
        folderId?: string | null;
        visibility?: KbDocument['visibility'];
        membersTag?: string | null;
        tags?: string[];
      },
    ): Promise<UploadResult> {
      const result: UploadResult = { accepted: [], rejected: [] };
      await db.withTenant(ctx.creatorId, (tx) => requireFolder(tx, opts.folderId));
      for (const file of files) {
        const vetted = vet(file);
        if ('error' in vetted) {
          result.rejected.push({
            filename: file.filename,
            code: vetted.error,
            message: vetted.message ?? '',
          });
          continue;
        }
        const documentId = randomUUID();
        const key = storageKeyFor(ctx.creatorId, 'kb', documentId, randomUUID(), vetted.name);
        try {
          const doc = await storeThen(key, file.bytes, () =>
            db.withTenant(ctx.creatorId, async (tx) => {
              await assertQuota(tx, file.bytes.byteLength);
              const doc = await repo.insertDocument(tx, {
                id: documentId,
                folderId: opts.folderId ?? null,
                title: titleFromFilename(vetted.name),
                kind: vetted.kind,
                visibility: opts.visibility ?? 'public',
                membersTag: opts.membersTag ?? null,
                tags: opts.tags ?? [],
                latestVersion: 1,
                status: 'uploaded',
                progress: 5,
                sizeBytes: file.bytes.byteLength,
              });
              await repo.insertVersion(tx, {
                documentId,
                version: 1,
                storageKey: key,
                originalFilename: vetted.name,
                kind: vetted.kind,
                sizeBytes: file.bytes.byteLength,
                sha256: vetted.sha256,
                createdBy: `${ctx.actor.type}:${ctx.actor.id}`,
              });
              return doc;
            }),
          );
          await enqueueIngestion(ctx.creatorId, documentId, 1);
          result.accepted.push(toKbDocument(doc));
        } catch (err) {
          if (err instanceof AppError && err.code === 'QUOTA_EXCEEDED') {
            result.rejected.push({ filename: file.filename, code: err.code, message: err.message });
            continue;
          }
          throw err;
        }
      }
      return result;
    },

    /** Re-upload: a new version of an existing document. */
    async uploadVersion(ctx: TenantContext, documentId: string, file: UploadedFile, changeNote?: string) {
      const vetted = vet(file);
      if ('error' in vetted) {
        throw new AppError('FILE_REJECTED', vetted.message ?? 'File rejected', {
          errors: [
            {
              path: `body.files.${file.filename}`,
              message: vetted.message ?? '',
              code: vetted.error ?? 'FILE_REJECTED',
            },
          ],
        });
      }
      return addVersion(ctx, documentId, { ...vetted, bytes: file.bytes }, changeNote ?? null);
    },

    /** Editing a TXT/Markdown document in the browser saves a new version. */
    async editContent(ctx: TenantContext, documentId: string, content: string, changeNote?: string) {
      const doc = await db.withTenant(ctx.creatorId, (tx) => requireDocument(tx, documentId));
      if (doc.kind !== 'text' && doc.kind !== 'markdown') {
        throw new AppError(
          'CONFLICT',
          'Only text and Markdown documents can be edited in the browser; upload a new file instead.',
        );
      }
      const bytes = new TextEncoder().encode(content);
      const name = `${titleFromFilename(doc.title).replace(/[/\\]/g, '-').slice(0, 100) || 'document'}.${doc.kind === 'markdown' ? 'md' : 'txt'}`;
      return addVersion(
        ctx,
        documentId,
        { name, kind: doc.kind, bytes, sha256: createHash('sha256').update(bytes).digest('hex') },
        changeNote ?? 'Edited in the dashboard',
      );
    },

    /** Restoring copies an old version's file into a new version: history is never rewritten. */
    async restoreVersion(ctx: TenantContext, documentId: string, version: number) {
      const old = await db.withTenant(ctx.creatorId, async (tx) => {
        await requireDocument(tx, documentId);
        const v = await repo.findVersion(tx, documentId, version);
        if (!v) throw notFound('Version');
        return v;
      });
      const chunks: Buffer[] = [];
      for await (const part of await storage.get(old.storageKey)) chunks.push(Buffer.from(part as Buffer));
      const bytes = Buffer.concat(chunks);
      return addVersion(
        ctx,
        documentId,
        { name: old.originalFilename, kind: old.kind, sha256: old.sha256, bytes },
        `Restored from version ${version}`,
      );
    },

    async list(ctx: TenantContext, q: DocumentFilters & { limit: number; cursor?: string }) {
      const after = decodeCursor(q.cursor);
      const rows = await db.readAsTenant(ctx.creatorId, (tx) => repo.listDocuments(tx, { ...q, after }));
      return toPage(rows, q.limit, toKbDocument);
    },

    async get(ctx: TenantContext, id: string) {
      return toKbDocument(await db.readAsTenant(ctx.creatorId, (tx) => requireDocument(tx, id)));
    },

    async update(
      ctx: TenantContext,
      id: string,
      patch: {
        title?: string;
        description?: string;
        folderId?: string | null;
        visibility?: KbDocument['visibility'];
        membersTag?: string | null;
        tags?: string[];
      },
    ) {
      return db.withTenant(ctx.creatorId, async (tx) => {
        const doc = await requireDocument(tx, id, true);
        await requireFolder(tx, patch.folderId);
        const visibility = patch.visibility ?? doc.visibility;
        const membersTag = patch.membersTag !== undefined ? patch.membersTag : doc.membersTag;
        if (visibility === 'members' && !membersTag) {
          throw new AppError(
            'VALIDATION_FAILED',
            'body.membersTag: members-only documents need the tag that grants access',
            {
              errors: [
                {
                  path: 'body.membersTag',
                  message: 'Required when visibility is "members"',
                  code: 'required',
                },
              ],
            },
          );
        }
        const tags = patch.tags ? [...new Set(patch.tags)].sort() : undefined;
        return toKbDocument((await repo.updateDocument(tx, id, { ...patch, ...(tags ? { tags } : {}) }))!);
      });
    },

    async remove(ctx: TenantContext, id: string) {
      await db.withTenant(ctx.creatorId, async (tx) => {
        await requireDocument(tx, id);
        await repo.deleteDocument(tx, id);
      });
      await storage
        .deletePrefix(storageKeyFor(ctx.creatorId, 'kb', id))
        .catch((err) => logger.warn({ err, id }, 'could not delete document files'));
    },

    async bulkTags(ctx: TenantContext, input: { documentIds: string[]; add: string[]; remove: string[] }) {
      const updated = await db.withTenant(ctx.creatorId, (tx) =>
        repo.bulkTags(tx, input.documentIds, input.add, input.remove),
      );
      return { updated };
    },

    async versions(ctx: TenantContext, id: string) {
      return db.withTenant(ctx.creatorId, async (tx) => {
        const doc = await requireDocument(tx, id);
        const rows = await repo.listVersions(tx, id);
        return { items: rows.map((r) => toVersion(r, doc.currentVersion)) };
      });
    },

    versionText,

    async diff(ctx: TenantContext, id: string, from: number, to: number) {
      const [a, b] = await Promise.all([versionText(ctx, id, from), versionText(ctx, id, to)]);
      const parts = diffLines(a.text, b.text);
      const lines = (s: string) => s.split('\n').filter((l, i, all) => l !== '' || i < all.length - 1).length;
      return {
        from,
        to,
        hunks: parts.map((p) => ({
          kind: p.added ? ('added' as const) : p.removed ? ('removed' as const) : ('equal' as const),
          text: p.value,
        })),
        added: parts.filter((p) => p.added).reduce((n, p) => n + lines(p.value), 0),
        removed: parts.filter((p) => p.removed).reduce((n, p) => n + lines(p.value), 0),
      };
    },

    async chunks(ctx: TenantContext, id: string) {
      return db.withTenant(ctx.creatorId, async (tx) => {
        const doc = await requireDocument(tx, id);
        if (doc.currentVersion === null) return { version: null, items: [] };
        const rows = await repo.listChunks(tx, id, doc.currentVersion);
        return {
          version: doc.currentVersion,
          items: rows.map((r) => ({
            id: r.id,
            position: r.position,
            content: r.content,
            page: r.page,
            pageEnd: r.pageEnd,
            headingPath: r.headingPath,
          })),
        };
      });
    },

    /** The stored file of a version, for download (only ever the caller's own). */
    async file(ctx: TenantContext, id: string, version: number) {
      const v = await db.withTenant(ctx.creatorId, async (tx) => {
        await requireDocument(tx, id);
        return repo.findVersion(tx, id, version);
      });
      if (!v) throw notFound('Version');
      return {
        stream: await storage.get(v.storageKey),
        filename: v.originalFilename,
        kind: v.kind,
        size: v.sizeBytes,
      };
    },

    // --- folders
    async folders(ctx: TenantContext) {
      const rows = await db.readAsTenant(ctx.creatorId, (tx) => repo.listFolders(tx));
      return {
        items: rows.map((f) => ({
          id: f.id,
          parentId: f.parentId,
          name: f.name,
          documentCount: f.documentCount,
          createdAt: f.createdAt.toISOString(),
        })),
      };
    },

    async createFolder(ctx: TenantContext, input: { name: string; parentId: string | null }) {
      try {
        const f = await db.withTenant(ctx.creatorId, async (tx) => {
          await requireFolder(tx, input.parentId);
          return repo.insertFolder(tx, input);
        });
        return {
          id: f.id,
          parentId: f.parentId,
          name: f.name,
          documentCount: 0,
          createdAt: f.createdAt.toISOString(),
        };
      } catch (err) {
        throw uniqueFolderName(err);
      }
    },

    async updateFolder(ctx: TenantContext, id: string, patch: { name?: string; parentId?: string | null }) {
      try {
        const f = await db.withTenant(ctx.creatorId, async (tx) => {
          if (!(await repo.findFolder(tx, id))) throw notFound('Folder');
          if (patch.parentId) {
            await requireFolder(tx, patch.parentId);
            if ((await repo.folderSubtree(tx, id)).includes(patch.parentId)) {
              throw new AppError(
                'CONFLICT',
                'A folder cannot be moved into itself or one of its subfolders.',
              );
            }
          }
          return (await repo.updateFolder(tx, id, patch))!;
        });
        return {
          id: f.id,
          parentId: f.parentId,
          name: f.name,
          documentCount: 0,
          createdAt: f.createdAt.toISOString(),
        };
      } catch (err) {
        throw uniqueFolderName(err);
      }
    },

    /** Deleting a non-empty folder needs `recursive`: it removes every document and subfolder in it. */
    async deleteFolder(ctx: TenantContext, id: string, recursive: boolean) {
      const documentIds = await db.withTenant(ctx.creatorId, async (tx) => {
        if (!(await repo.findFolder(tx, id))) throw notFound('Folder');
        const subtree = await repo.folderSubtree(tx, id);
        const docs = (await repo.listFolders(tx)).filter((f) => subtree.includes(f.id));
        const count = await repo.countDocumentsIn(tx, subtree);
        if (!recursive && (count > 0 || docs.length > 1)) {
          throw new AppError(
            'CONFLICT',
            `This folder is not empty (${count} documents, ${docs.length - 1} subfolders). Confirm to delete everything in it.`,
          );
        }
        const ids: string[] = [];
        for (const fid of subtree) {
          const rows = await repo.listDocuments(tx, { folderId: fid, limit: 100_000 });
          for (const doc of rows) {
            await repo.deleteDocument(tx, doc.id);
            ids.push(doc.id);
          }
        }
        await repo.deleteFolder(tx, id);
        return ids;
      });
      for (const docId of documentIds)
        await storage.deletePrefix(storageKeyFor(ctx.creatorId, 'kb', docId)).catch(() => {});
      return { deletedDocuments: documentIds.length };
    },
  };
}
export type KnowledgeService = ReturnType<typeof createKnowledgeService>;

function uniqueFolderName(err: unknown) {
  const code = (err as { cause?: { code?: string } }).cause?.code;
  return code === '23505' ? new AppError('CONFLICT', 'A folder with this name already exists here.') : err;
}
