import { z } from 'zod';

/**
 * The closed list of error codes the API answers with. Clients translate these
 * codes (the dashboard keeps one message per code in each locale), so a code is
 * never renamed once released; add new ones instead.
 */
export const ERROR_CODES = [
  'VALIDATION_FAILED',
  'MALFORMED_REQUEST',
  'UNSUPPORTED_MEDIA_TYPE',
  'PAYLOAD_TOO_LARGE',
  'FILE_REJECTED',
  'QUOTA_EXCEEDED',
  'UNAUTHENTICATED',
  'INVALID_CREDENTIALS',
  'TOKEN_EXPIRED',
  'TOKEN_INVALID',
  'REFRESH_TOKEN_REUSED',
  'EMAIL_NOT_VERIFIED',
  'FORBIDDEN',
  'INSUFFICIENT_SCOPE',
  'NOT_FOUND',
  'ROUTE_NOT_FOUND',
  'EMAIL_TAKEN',
  'CONFLICT',
  'PROGRAM_INVALID',
  'ORIGIN_NOT_ALLOWED',
  'WHATSAPP_NOT_CONNECTED',
  'PHONE_NUMBER_TAKEN',
  'WHATSAPP_UNAVAILABLE',
  'RATE_LIMITED',
  'LOGIN_THROTTLED',
  'INTERNAL',
  'SERVICE_UNAVAILABLE',
] as const;

export const ErrorCodeSchema = z.enum(ERROR_CODES);
export type ErrorCode = z.infer<typeof ErrorCodeSchema>;

/** One invalid field of a request: where it is and what is wrong with it. */
export const FieldErrorSchema = z.object({
  path: z.string().describe('Location of the field, e.g. `body.email` or `query.limit`'),
  message: z.string(),
  code: z.string().describe('Zod issue code, e.g. `invalid_type`, `unrecognized_keys`'),
});
export type FieldError = z.infer<typeof FieldErrorSchema>;

/**
 * RFC 9457 problem details, with the stable `code` and the `requestId`
 * that also appears in the server log.
 *
 * @example
 * { "type": "https://companero.dev/problems/not-found", "title": "Not Found",
 *   "status": 404, "detail": "Conversation not found", "code": "NOT_FOUND",
 *   "requestId": "req-1" }
 */
export const ProblemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
    instance: z.string().optional(),
    code: ErrorCodeSchema,
    requestId: z.string().optional(),
    errors: z.array(FieldErrorSchema).optional(),
    retryAfterSeconds: z.number().int().optional(),
  })
  .describe('RFC 9457 problem details (application/problem+json)');
export type Problem = z.infer<typeof ProblemSchema>;
