import {
  ERROR_CODES,
  type ErrorCode,
  type FieldError,
  type Problem,
  ProblemSchema,
} from '@companero/contracts';

/** Where a field error lives in the request; stripped so forms can look errors up by field name. */
const LOCATIONS = new Set(['body', 'query', 'params', 'headers']);

/** `body.email` → `email`, `body.scopes.0` → `scopes.0`. */
export function fieldNameOf(path: string): string {
  const [first, ...rest] = path.split('.');
  return first !== undefined && LOCATIONS.has(first) && rest.length > 0 ? rest.join('.') : path;
}

/** The code to assume when a response is not problem+json (a proxy's HTML error page, an empty body). */
function codeForStatus(status: number): ErrorCode {
  if (status === 0 || status === 502 || status === 503 || status === 504) return 'SERVICE_UNAVAILABLE';
  const byStatus: Partial<Record<number, ErrorCode>> = {
    400: 'MALFORMED_REQUEST',
    401: 'UNAUTHENTICATED',
    403: 'FORBIDDEN',
    404: 'ROUTE_NOT_FOUND',
    409: 'CONFLICT',
    413: 'PAYLOAD_TOO_LARGE',
    415: 'UNSUPPORTED_MEDIA_TYPE',
    429: 'RATE_LIMITED',
  };
  return byStatus[status] ?? 'INTERNAL';
}

/**
 * A failed API call, built from the RFC 9457 problem+json body. Clients branch
 * on `code` (stable, from ERROR_CODES), never on `detail` (English, may change).
 * `status` is 0 when the server could not be reached at all.
 *
 * @example
 * try { await api.auth.login(body) } catch (err) {
 *   if (err instanceof ApiError && err.code === 'EMAIL_NOT_VERIFIED') showResendLink();
 * }
 */
export class ApiError extends Error {
  readonly status: number;
  readonly code: ErrorCode;
  readonly problem: Problem;
  /** First error per field, keyed by field name without its location (`body.email` → `email`). */
  readonly fieldErrors: Readonly<Record<string, FieldError>>;

  constructor(problem: Problem, options?: { cause?: unknown }) {
    super(problem.detail ?? problem.title, options);
    this.name = 'ApiError';
    this.problem = problem;
    this.status = problem.status;
    this.code = problem.code;
    const fieldErrors: Record<string, FieldError> = {};
    for (const error of problem.errors ?? []) {
      const name = fieldNameOf(error.path);
      fieldErrors[name] ??= error;
    }
    this.fieldErrors = fieldErrors;
  }

  /** Seconds to wait before trying again (429 answers), when the server said so. */
  get retryAfterSeconds(): number | undefined {
    return this.problem.retryAfterSeconds;
  }

  /** An error for a response that carries no usable problem body. */
  static synthetic(
    status: number,
    detail: string,
    options?: { code?: ErrorCode; cause?: unknown },
  ): ApiError {
    const code = options?.code ?? codeForStatus(status);
    return new ApiError(
      { type: 'about:blank', title: detail, status, detail, code },
      options?.cause === undefined ? undefined : { cause: options.cause },
    );
  }

  /** Reads a failed response: its problem+json body when valid, otherwise a problem made from the status. */
  static async fromResponse(res: Response): Promise<ApiError> {
    let body: unknown;
    try {
      body = await res.json();
    } catch {
      return ApiError.synthetic(res.status, `HTTP ${res.status}`);
    }
    const parsed = ProblemSchema.safeParse(body);
    if (parsed.success) return new ApiError(parsed.data);
    // A newer server may answer with a code this client does not know yet: keep
    // everything else and fall back to the status' generic code.
    const loose = body as Partial<Problem> | null;
    const known = typeof loose?.code === 'string' && (ERROR_CODES as readonly string[]).includes(loose.code);
    return ApiError.synthetic(
      res.status,
      typeof loose?.detail === 'string' ? loose.detail : `HTTP ${res.status}`,
      {
        ...(known ? { code: loose?.code as ErrorCode } : {}),
      },
    );
  }
}

/** True when `error` is an ApiError with one of the given codes. */
export function isApiError(error: unknown, ...codes: ErrorCode[]): error is ApiError {
  return error instanceof ApiError && (codes.length === 0 || codes.includes(error.code));
}
