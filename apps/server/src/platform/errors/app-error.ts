import type { ErrorCode, FieldError } from '@companero/contracts';

/** HTTP status of every error code: the one place codes meet statuses. */
export const STATUS_OF: Record<ErrorCode, number> = {
  VALIDATION_FAILED: 400,
  MALFORMED_REQUEST: 400,
  TOKEN_INVALID: 400,
  UNSUPPORTED_MEDIA_TYPE: 415,
  PAYLOAD_TOO_LARGE: 413,
  FILE_REJECTED: 422,
  QUOTA_EXCEEDED: 413,
  UNAUTHENTICATED: 401,
  INVALID_CREDENTIALS: 401,
  TOKEN_EXPIRED: 401,
  REFRESH_TOKEN_REUSED: 401,
  EMAIL_NOT_VERIFIED: 403,
  FORBIDDEN: 403,
  INSUFFICIENT_SCOPE: 403,
  NOT_FOUND: 404,
  ROUTE_NOT_FOUND: 404,
  EMAIL_TAKEN: 409,
  CONFLICT: 409,
  PROGRAM_INVALID: 422,
  ORIGIN_NOT_ALLOWED: 403,
  WHATSAPP_NOT_CONNECTED: 409,
  PHONE_NUMBER_TAKEN: 409,
  WHATSAPP_UNAVAILABLE: 502,
  RATE_LIMITED: 429,
  LOGIN_THROTTLED: 429,
  INTERNAL: 500,
  SERVICE_UNAVAILABLE: 503,
};

export interface AppErrorDetails {
  errors?: FieldError[];
  retryAfterSeconds?: number;
}

/**
 * The one error type services throw. The error handler renders it as RFC 9457
 * problem+json; `message` is safe to show to the client (never put internals in it).
 */
export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: AppErrorDetails = {},
  ) {
    super(message);
    this.name = 'AppError';
    this.status = STATUS_OF[code];
  }
}

/** Answer for any object the tenant cannot see: 404, never 403, so existence does not leak. */
export const notFound = (what: string) => new AppError('NOT_FOUND', `${what} not found`);
