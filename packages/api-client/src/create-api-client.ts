import {
  AcceptedSchema,
  ApiKeyListSchema,
  AuditEntrySchema,
  type ChangePasswordBodySchema,
  ConversationSchema,
  type CreateApiKeyBody,
  CreatedApiKeySchema,
  CreatorSchema,
  DevMailboxSchema,
  EndUserSchema,
  type ErrorCode,
  type ListConversationsQuerySchema,
  type LoginBody,
  type PageQuerySchema,
  type PasswordResetConfirmBodySchema,
  PublicConfigSchema,
  pageOf,
  SessionSchema,
  type SignupBody,
  SignupResponseSchema,
  type UpdateMeBody,
} from '@companero/contracts';
import { ApiError } from './api-error.ts';

/** Anything with Zod's `parse`: the contracts' schemas. */
interface Parser<T> {
  parse(data: unknown): T;
}
/** A contracts schema seen through the Standard Schema interface Zod implements (no zod import needed). */
type StandardLike = { '~standard': { types?: { input: unknown; output: unknown } | undefined } };
type InputOf<S extends StandardLike> = NonNullable<S['~standard']['types']>['input'];
/** Query types are the parsed shape: the server coerces `limit` from the query string. */
type OutputOf<S extends StandardLike> = NonNullable<S['~standard']['types']>['output'];

export type ChangePasswordBody = InputOf<typeof ChangePasswordBodySchema>;
export type PasswordResetConfirmBody = InputOf<typeof PasswordResetConfirmBodySchema>;
export type PageQuery = Partial<OutputOf<typeof PageQuerySchema>>;
export type ListConversationsQuery = Partial<OutputOf<typeof ListConversationsQuerySchema>>;

export interface ApiClientOptions {
  /** Where the API lives, e.g. `/api/v1` (same origin) or `https://coach.example/api/v1`. */
  baseUrl: string;
  /** The current access token, kept in memory by the caller; undefined when signed out. */
  getAccessToken: () => string | null | undefined;
  /**
   * Called once when an authenticated request answers 401 TOKEN_EXPIRED or
   * UNAUTHENTICATED (the access token expired or is unknown). Refresh the session and resolve `true` to retry the request
   * once with the new token; resolve `false` to let the error through.
   */
  onUnauthorized?: (error: ApiError) => boolean | Promise<boolean>;
  /** Defaults to the global fetch; tests pass a fake. */
  fetch?: typeof globalThis.fetch;
}

/** Per-call options: React Query passes its abort signal here. */
export interface CallOptions {
  signal?: AbortSignal;
}

interface RequestSpec<T> {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  path: string;
  /** Sends the bearer token and allows the refresh-and-retry on 401. */
  authenticated: boolean;
  body?: unknown;
  query?: Record<string, string | number | undefined>;
  /** Omitted for answers without a body (204). */
  schema?: Parser<T>;
  options?: CallOptions | undefined;
}

const VerifiedSchema: Parser<{ verified: true }> = {
  parse(data) {
    if (typeof data === 'object' && data !== null && (data as { verified?: unknown }).verified === true) {
      return { verified: true };
    }
    throw new TypeError('Expected { verified: true }');
  },
};

/**
 * 401 codes that mean "this access token is no good": worth one refresh and
 * retry. Other 401s are answers about the request itself (a wrong current
 * password on /me/password is INVALID_CREDENTIALS): retrying those would
 * rotate the session for nothing and count the attempt twice.
 */
const SESSION_CODES: ReadonlySet<ErrorCode> = new Set<ErrorCode>(['TOKEN_EXPIRED', 'UNAUTHENTICATED']);

const AuditPageSchema = pageOf(AuditEntrySchema);
const EndUserPageSchema = pageOf(EndUserSchema);
const ConversationPageSchema = pageOf(ConversationSchema);

/**
 * A typed client for the Compañero API. Every answer is checked against the
 * contracts' schemas; every failure is an `ApiError`. Cookies are sent
 * (`credentials: 'include'`) so the httpOnly refresh cookie reaches /auth.
 *
 * @example
 * let token: string | undefined;
 * const api = createApiClient({ baseUrl: '/api/v1', getAccessToken: () => token });
 * token = (await api.auth.login({ email, password })).accessToken;
 * const { items } = await api.apiKeys.list();
 */
export function createApiClient(options: ApiClientOptions) {
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  const doFetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));

  async function send<T>(spec: RequestSpec<T>, isRetry: boolean): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (spec.body !== undefined) headers['content-type'] = 'application/json';
    const token = spec.authenticated ? options.getAccessToken() : undefined;
    if (token) headers.authorization = `Bearer ${token}`;

    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(spec.query ?? {})) {
      if (value !== undefined) params.set(key, String(value));
    }
    const search = params.size > 0 ? `?${params}` : '';

    let res: Response;
    try {
      res = await doFetch(`${baseUrl}${spec.path}${search}`, {
        method: spec.method,
        headers,
        credentials: 'include',
        ...(spec.body === undefined ? {} : { body: JSON.stringify(spec.body) }),
        ...(spec.options?.signal ? { signal: spec.options.signal } : {}),
      });
    } catch (cause) {
      // Aborts are the caller's own doing: let them through untouched.
      if (spec.options?.signal?.aborted) throw cause;
      throw ApiError.synthetic(0, 'The server could not be reached', { cause });
    }

    if (!res.ok) {
      const error = await ApiError.fromResponse(res);
      if (spec.authenticated && !isRetry && options.onUnauthorized && SESSION_CODES.has(error.code)) {
        if (await options.onUnauthorized(error)) return send(spec, true);
      }
      throw error;
    }
    if (!spec.schema) return undefined as T;
    try {
      return spec.schema.parse(await res.json());
    } catch (cause) {
      throw ApiError.synthetic(res.status, `Unexpected answer from ${spec.method} ${spec.path}`, {
        code: 'INTERNAL',
        cause,
      });
    }
  }

  const call = <T>(spec: RequestSpec<T>) => send(spec, false);
  const pub = { authenticated: false } as const;
  const auth = { authenticated: true } as const;

  return {
    auth: {
      signup: (body: SignupBody, o?: CallOptions) =>
        call({
          ...pub,
          method: 'POST',
          path: '/auth/signup',
          body,
          schema: SignupResponseSchema,
          options: o,
        }),
      verifyEmail: (body: { token: string }, o?: CallOptions) =>
        call({
          ...pub,
          method: 'POST',
          path: '/auth/verify-email',
          body,
          schema: VerifiedSchema,
          options: o,
        }),
      resendVerification: (body: { email: string }, o?: CallOptions) =>
        call({
          ...pub,
          method: 'POST',
          path: '/auth/resend-verification',
          body,
          schema: AcceptedSchema,
          options: o,
        }),
      login: (body: LoginBody, o?: CallOptions) =>
        call({ ...pub, method: 'POST', path: '/auth/login', body, schema: SessionSchema, options: o }),
      /** Rotates the refresh cookie (or the given token) into a new session. */
      refresh: (body: { refreshToken?: string } = {}, o?: CallOptions) =>
        call({ ...pub, method: 'POST', path: '/auth/refresh', body, schema: SessionSchema, options: o }),
      logout: (body: { refreshToken?: string } = {}, o?: CallOptions) =>
        call<void>({ ...pub, method: 'POST', path: '/auth/logout', body, options: o }),
      requestPasswordReset: (body: { email: string }, o?: CallOptions) =>
        call({
          ...pub,
          method: 'POST',
          path: '/auth/password-reset/request',
          body,
          schema: AcceptedSchema,
          options: o,
        }),
      confirmPasswordReset: (body: PasswordResetConfirmBody, o?: CallOptions) =>
        call<void>({ ...pub, method: 'POST', path: '/auth/password-reset/confirm', body, options: o }),
    },
    me: {
      get: (o?: CallOptions) =>
        call({ ...auth, method: 'GET', path: '/me', schema: CreatorSchema, options: o }),
      update: (body: UpdateMeBody, o?: CallOptions) =>
        call({ ...auth, method: 'PATCH', path: '/me', body, schema: CreatorSchema, options: o }),
      changePassword: (body: ChangePasswordBody, o?: CallOptions) =>
        call<void>({ ...auth, method: 'POST', path: '/me/password', body, options: o }),
    },
    apiKeys: {
      list: (o?: CallOptions) =>
        call({ ...auth, method: 'GET', path: '/api-keys', schema: ApiKeyListSchema, options: o }),
      create: (body: CreateApiKeyBody, o?: CallOptions) =>
        call({ ...auth, method: 'POST', path: '/api-keys', body, schema: CreatedApiKeySchema, options: o }),
      revoke: (id: string, o?: CallOptions) =>
        call<void>({ ...auth, method: 'DELETE', path: `/api-keys/${encodeURIComponent(id)}`, options: o }),
    },
    auditLog: {
      list: (query: PageQuery = {}, o?: CallOptions) =>
        call({ ...auth, method: 'GET', path: '/audit-log', query, schema: AuditPageSchema, options: o }),
    },
    endUsers: {
      list: (query: PageQuery = {}, o?: CallOptions) =>
        call({ ...auth, method: 'GET', path: '/end-users', query, schema: EndUserPageSchema, options: o }),
    },
    conversations: {
      list: (query: ListConversationsQuery = {}, o?: CallOptions) =>
        call({
          ...auth,
          method: 'GET',
          path: '/conversations',
          query,
          schema: ConversationPageSchema,
          options: o,
        }),
    },
    system: {
      getConfig: (o?: CallOptions) =>
        call({ ...pub, method: 'GET', path: '/config', schema: PublicConfigSchema, options: o }),
      getDevMailbox: (o?: CallOptions) =>
        call({ ...pub, method: 'GET', path: '/dev/mailbox', schema: DevMailboxSchema, options: o }),
    },
  };
}

export type ApiClient = ReturnType<typeof createApiClient>;
