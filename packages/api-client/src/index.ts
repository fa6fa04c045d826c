export { ApiError, fieldNameOf, isApiError } from './api-error.ts';
export {
  type ApiClient,
  type ApiClientOptions,
  type CallOptions,
  type ChangePasswordBody,
  createApiClient,
  type ListConversationsQuery,
  type PageQuery,
  type PasswordResetConfirmBody,
} from './create-api-client.ts';
