export { ApiError, fieldNameOf, isApiError } from './api-error.ts';
export {
  type ApiClient,
  type ApiClientOptions,
  type BulkTagsBody,
  type CallOptions,
  type ChangePasswordBody,
  type CreateKbFolderBody,
  createApiClient,
  type DownloadedFile,
  type EditKbContentBody,
  filenameFromDisposition,
  type KbSearchQuery,
  type ListConversationsQuery,
  type ListKbDocumentsQuery,
  type PageQuery,
  type PasswordResetConfirmBody,
  type UpdateKbDocumentBody,
  type UpdateKbFolderBody,
  type UploadFields,
  type UploadFile,
  type UploadOptions,
} from './create-api-client.ts';
export type { UploadProgress } from './xhr-transport.ts';
