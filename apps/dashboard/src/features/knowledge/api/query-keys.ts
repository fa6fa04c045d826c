import type { ListKbDocumentsQuery } from '@companero/api-client';

/** Document list filters as the page keeps them (the cursor is the infinite query's page param). */
export type DocumentFilters = Omit<ListKbDocumentsQuery, 'cursor' | 'limit'>;

/** Every knowledge query key, in one place so a change can refresh exactly what it touched. */
export const knowledgeKeys = {
  all: ['knowledge'] as const,
  documents: () => [...knowledgeKeys.all, 'documents'] as const,
  documentList: (filters: DocumentFilters) => [...knowledgeKeys.documents(), 'list', filters] as const,
  document: (id: string) => [...knowledgeKeys.documents(), 'detail', id] as const,
  versions: (id: string) => [...knowledgeKeys.document(id), 'versions'] as const,
  versionText: (id: string, version: number) => [...knowledgeKeys.document(id), 'text', version] as const,
  versionSource: (id: string, version: number) => [...knowledgeKeys.document(id), 'source', version] as const,
  chunks: (id: string, version: number | null) => [...knowledgeKeys.document(id), 'chunks', version] as const,
  diff: (id: string, from: number, to: number) => [...knowledgeKeys.document(id), 'diff', from, to] as const,
  folders: () => [...knowledgeKeys.all, 'folders'] as const,
  search: (params: object) => [...knowledgeKeys.all, 'search', params] as const,
  ingestion: () => [...knowledgeKeys.all, 'ingestion'] as const,
};
