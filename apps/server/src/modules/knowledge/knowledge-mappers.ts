import type { KbDocument } from '@companero/contracts';
import type { KbDocumentRow } from './knowledge.repository.ts';

/** The API shape of a document (status, progress and error describe its latest version). */
export function toKbDocument(d: KbDocumentRow): KbDocument {
  return {
    id: d.id,
    folderId: d.folderId,
    title: d.title,
    description: d.description,
    kind: d.kind,
    visibility: d.visibility,
    membersTag: d.membersTag,
    tags: d.tags,
    status: d.status,
    progress: d.progress,
    errorCode: d.errorCode,
    errorMessage: d.errorMessage,
    currentVersion: d.currentVersion,
    latestVersion: d.latestVersion,
    language: d.language,
    sizeBytes: d.sizeBytes,
    createdAt: d.createdAt.toISOString(),
    updatedAt: d.updatedAt.toISOString(),
  };
}
