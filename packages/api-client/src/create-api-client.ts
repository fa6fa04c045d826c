import {
  AcceptedSchema,
  AiSettingsSchema,
  AlertSchema,
  type ANALYTICS_EXPORT_FORMATS,
  type ANALYTICS_EXPORT_SECTIONS,
  AnalyticsOverviewSchema,
  type AnalyticsPeriodQuerySchema,
  ApiKeyListSchema,
  AssistantStatusSchema,
  AuditEntrySchema,
  BroadcastListSchema,
  BroadcastRecipientListSchema,
  BroadcastSchema,
  type BulkTagsBodySchema,
  type ChangePasswordBodySchema,
  type ConnectWhatsAppBody,
  ConversationSchema,
  ConversationSummarySchema,
  CorrectionSchema,
  type CreateApiKeyBody,
  type CreateBroadcastBody,
  CreatedApiKeySchema,
  type CreateKbFolderBodySchema,
  type CreateProgramBody,
  type CreateWhatsAppTemplateBody,
  CreatorSchema,
  DeletedCountSchema,
  DevMailboxSchema,
  type EditKbContentBodySchema,
  EndUserSchema,
  type EnrollBodySchema,
  EnrollmentDetailSchema,
  EnrollmentSchema,
  type ErrorCode,
  IngestEventsResultSchema,
  KbChunkListSchema,
  KbDiffSchema,
  type KbDocument,
  KbDocumentSchema,
  KbFolderListSchema,
  KbFolderSchema,
  type KbSearchQuerySchema,
  KbSearchResultSchema,
  KbTextSchema,
  KbVersionListSchema,
  type ListConversationsQuerySchema,
  type ListEnrollmentsQuerySchema,
  type ListKbDocumentsQuerySchema,
  type ListProgramsQuerySchema,
  type ListWhatsAppContactsQuery,
  LiveCountersSchema,
  type LoginBody,
  MemoryListSchema,
  MessageWithMetaSchema,
  type MigrateEnrollmentsBodySchema,
  MigrateEnrollmentsResultSchema,
  type PageQuerySchema,
  type PasswordResetConfirmBodySchema,
  PersonalitySchema,
  PlaygroundStartResponseSchema,
  type PostMessageBody,
  PostMessageResponseSchema,
  type ProgramDefinitionInput,
  ProgramSchema,
  ProgramStatsSchema,
  ProgramSummarySchema,
  ProgramTemplateSchema,
  ProgramValidationSchema,
  ProgramVersionDetailSchema,
  ProgramVersionSchema,
  PublicConfigSchema,
  pageOf,
  SessionSchema,
  type SignupBody,
  SignupResponseSchema,
  type SimulateBody,
  SimulationResultSchema,
  StepResultSchema,
  type UpdateAiSettingsBody,
  type UpdateKbDocumentBodySchema,
  type UpdateKbFolderBodySchema,
  type UpdateMeBody,
  type UpdatePersonalityBody,
  type UpdateProgramBody,
  type UpdateWidgetConfigBody,
  UploadResultSchema,
  WhatsAppAccountSchema,
  WhatsAppContactSchema,
  WhatsAppTemplateListSchema,
  WhatsAppTemplateSchema,
  WhatsAppTestResultSchema,
  WidgetConfigSchema,
} from '@companero/contracts';
import { ApiError } from './api-error.ts';
import { type UploadProgress, xhrFetch } from './xhr-transport.ts';

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
export type ListKbDocumentsQuery = Partial<OutputOf<typeof ListKbDocumentsQuerySchema>>;
export type KbSearchQuery = Partial<OutputOf<typeof KbSearchQuerySchema>> & { q: string };
export type UpdateKbDocumentBody = InputOf<typeof UpdateKbDocumentBodySchema>;
export type BulkTagsBody = InputOf<typeof BulkTagsBodySchema>;
export type EditKbContentBody = InputOf<typeof EditKbContentBodySchema>;
export type CreateKbFolderBody = InputOf<typeof CreateKbFolderBodySchema>;
export type UpdateKbFolderBody = InputOf<typeof UpdateKbFolderBodySchema>;
export type ListProgramsQuery = Partial<OutputOf<typeof ListProgramsQuerySchema>>;
export type ListEnrollmentsQuery = Partial<OutputOf<typeof ListEnrollmentsQuerySchema>>;
export type EnrollBody = InputOf<typeof EnrollBodySchema>;
export type MigrateEnrollmentsBody = InputOf<typeof MigrateEnrollmentsBodySchema>;
/** The period of an analytics request (`period` defaults to 30d; `from`/`to` with `custom`). */
export type AnalyticsPeriodQuery = Partial<OutputOf<typeof AnalyticsPeriodQuerySchema>>;
export type AnalyticsExportQuery = AnalyticsPeriodQuery & {
  format: (typeof ANALYTICS_EXPORT_FORMATS)[number];
  /** Which table a CSV holds (defaults to `daily`); xlsx and PDF hold them all. */
  section?: (typeof ANALYTICS_EXPORT_SECTIONS)[number] | undefined;
};

/** A file to upload: a browser `File`, or any Blob with a name. */
export type UploadFile = Blob & { readonly name: string };

/** Form fields of an upload; they apply to every file of the request. */
export interface UploadFields {
  folderId?: string | null | undefined;
  visibility?: KbDocument['visibility'] | undefined;
  /** Required by the server when visibility is `members`. */
  membersTag?: string | undefined;
  tags?: readonly string[] | undefined;
}

/** Per-call options of an upload. */
export interface UploadOptions extends CallOptions {
  /**
   * Called as the request body goes out. When given (and XMLHttpRequest exists),
   * the upload is sent with XMLHttpRequest, since fetch reports no upload progress.
   */
  onUploadProgress?: (progress: UploadProgress) => void;
}

/** A downloaded file: its bytes and the name the server gave it. */
export interface DownloadedFile {
  blob: Blob;
  filename: string;
}

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
  /** Makes the XMLHttpRequest of uploads with progress; defaults to the global one. Tests pass a fake. */
  createXhr?: () => XMLHttpRequest;
}

/** Per-call options: React Query passes its abort signal here. */
export interface CallOptions {
  signal?: AbortSignal;
}

interface RequestSpec<T> {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  /** Sends the bearer token and allows the refresh-and-retry on 401. */
  authenticated: boolean;
  /** JSON, or a FormData sent as multipart/form-data (the browser sets the boundary). */
  body?: unknown;
  query?: Record<string, string | number | boolean | undefined>;
  /** Omitted for answers without a body (204). */
  schema?: Parser<T>;
  /** Reads a successful answer that is not JSON (a download); takes precedence over `schema`. */
  read?: (res: Response) => Promise<T>;
  options?: UploadOptions | undefined;
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

/** `attachment; filename*=UTF-8''a%20b.md` or `filename="a b.md"` → `a b.md`. */
export function filenameFromDisposition(header: string | null, fallback: string): string {
  if (!header) return fallback;
  const extended = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(header);
  if (extended?.[1]) {
    try {
      return decodeURIComponent(extended[1].trim());
    } catch {
      // Malformed escape: try the plain parameter.
    }
  }
  const plain = /filename\s*=\s*"([^"]*)"|filename\s*=\s*([^;]+)/.exec(header);
  return (plain?.[1] ?? plain?.[2])?.trim() || fallback;
}

function uploadForm(
  files: readonly UploadFile[],
  fields: UploadFields & { changeNote?: string | undefined },
) {
  const form = new FormData();
  // Fields first: the server reads the parts in order.
  if (fields.folderId) form.append('folderId', fields.folderId);
  if (fields.visibility) form.append('visibility', fields.visibility);
  if (fields.membersTag) form.append('membersTag', fields.membersTag);
  if (fields.tags && fields.tags.length > 0) form.append('tags', fields.tags.join(','));
  if (fields.changeNote) form.append('changeNote', fields.changeNote);
  for (const file of files) form.append('files', file, file.name);
  return form;
}

const AuditPageSchema = pageOf(AuditEntrySchema);
const KbDocumentPageSchema = pageOf(KbDocumentSchema);
const UpdatedCountSchema: Parser<{ updated: number }> = {
  parse(data) {
    const updated = (data as { updated?: unknown } | null)?.updated;
    if (typeof updated === 'number') return { updated };
    throw new TypeError('Expected { updated: number }');
  },
};
const DeletedDocumentsSchema: Parser<{ deletedDocuments: number }> = {
  parse(data) {
    const deleted = (data as { deletedDocuments?: unknown } | null)?.deletedDocuments;
    if (typeof deleted === 'number') return { deletedDocuments: deleted };
    throw new TypeError('Expected { deletedDocuments: number }');
  },
};
const EndUserPageSchema = pageOf(EndUserSchema);
const MessagePageSchema = pageOf(MessageWithMetaSchema);
const CorrectionPageSchema = pageOf(CorrectionSchema);
const AlertPageSchema = pageOf(AlertSchema);
const ProgramPageSchema = pageOf(ProgramSummarySchema);
const EnrollmentPageSchema = pageOf(EnrollmentSchema);
const ProgramVersionListSchema = { parse: (d: unknown) => ProgramVersionSchema.array().parse(d) };
const ProgramTemplateListSchema = { parse: (d: unknown) => ProgramTemplateSchema.array().parse(d) };

const ConversationPageSchema = pageOf(ConversationSummarySchema);

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
  const createXhr =
    options.createXhr ?? (typeof XMLHttpRequest === 'undefined' ? undefined : () => new XMLHttpRequest());

  async function send<T>(spec: RequestSpec<T>, isRetry: boolean): Promise<T> {
    const isForm = typeof FormData !== 'undefined' && spec.body instanceof FormData;
    const headers: Record<string, string> = { accept: 'application/json' };
    if (spec.body !== undefined && !isForm) headers['content-type'] = 'application/json';
    const token = spec.authenticated ? options.getAccessToken() : undefined;
    if (token) headers.authorization = `Bearer ${token}`;

    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(spec.query ?? {})) {
      if (value !== undefined) params.set(key, String(value));
    }
    const search = params.size > 0 ? `?${params}` : '';
    const url = `${baseUrl}${spec.path}${search}`;
    const body =
      spec.body === undefined ? undefined : isForm ? (spec.body as FormData) : JSON.stringify(spec.body);
    const onUploadProgress = spec.options?.onUploadProgress;

    let res: Response;
    try {
      res =
        onUploadProgress && createXhr && body !== undefined
          ? await xhrFetch(createXhr, url, {
              method: spec.method,
              headers,
              body,
              signal: spec.options?.signal,
              onUploadProgress,
            })
          : await doFetch(url, {
              method: spec.method,
              headers,
              credentials: 'include',
              ...(body === undefined ? {} : { body }),
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
    if (!spec.schema && !spec.read) return undefined as T;
    try {
      if (spec.read) return await spec.read(res);
      return spec.schema!.parse(await res.json());
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
      /** Take over (`human`: the AI stays quiet), hand back to the AI (`bot`) or close. */
      setStatus: (id: string, status: 'bot' | 'human' | 'closed', o?: CallOptions) =>
        call({
          ...auth,
          method: 'PATCH',
          path: `/conversations/${encodeURIComponent(id)}`,
          body: { status },
          schema: ConversationSchema,
          options: o,
        }),
      /** Writes to the client as the creator (takes the conversation over from the AI). */
      sendAsCreator: (id: string, body: { content: string; clientMessageId?: string }, o?: CallOptions) =>
        call({
          ...auth,
          method: 'POST',
          path: `/conversations/${encodeURIComponent(id)}/creator-messages`,
          body,
          schema: MessageWithMetaSchema,
          options: o,
        }),
      list: (query: ListConversationsQuery = {}, o?: CallOptions) =>
        call({
          ...auth,
          method: 'GET',
          path: '/conversations',
          query,
          schema: ConversationPageSchema,
          options: o,
        }),
      /** Marks the client's messages read (up to `messageId`, or all); the client sees it. */
      markRead: (id: string, body: { messageId?: string } = {}, o?: CallOptions) =>
        call({
          ...auth,
          method: 'POST',
          path: `/conversations/${encodeURIComponent(id)}/read`,
          body,
          schema: ConversationSummarySchema,
          options: o,
        }),
      /** Transcript, oldest first, with each message's metadata and feedback. */
      messages: (id: string, query: PageQuery = {}, o?: CallOptions) =>
        call({
          ...auth,
          method: 'GET',
          path: `/conversations/${encodeURIComponent(id)}/messages`,
          query,
          schema: MessagePageSchema,
          options: o,
        }),
      /**
       * Sends an end user's message and waits for the whole reply (for token
       * streaming, POST with `Accept: text/event-stream` or use the WebSocket).
       * Reusing a `clientMessageId` returns the first answer.
       */
      send: (id: string, body: PostMessageBody, query: { debug?: boolean } = {}, o?: CallOptions) =>
        call({
          ...auth,
          method: 'POST',
          path: `/conversations/${encodeURIComponent(id)}/messages`,
          query: query.debug ? { debug: 'true' } : {},
          body,
          schema: PostMessageResponseSchema,
          options: o,
        }),
    },
    whatsapp: {
      /** The WhatsApp connection (never the token or app secret), with the webhook URL and verify token. */
      account: (o?: CallOptions) =>
        call({
          ...auth,
          method: 'GET',
          path: '/whatsapp/account',
          schema: WhatsAppAccountSchema,
          options: o,
        }),
      connect: (body: ConnectWhatsAppBody, o?: CallOptions) =>
        call({
          ...auth,
          method: 'PUT',
          path: '/whatsapp/account',
          body,
          schema: WhatsAppAccountSchema,
          options: o,
        }),
      disconnect: (o?: CallOptions) =>
        call({
          ...auth,
          method: 'DELETE',
          path: '/whatsapp/account',
          schema: WhatsAppAccountSchema,
          options: o,
        }),
      /** Checks the credentials with Meta and sends a template message to `to`. */
      test: (body: { to: string; template?: string; language?: string }, o?: CallOptions) =>
        call({
          ...auth,
          method: 'POST',
          path: '/whatsapp/account/test',
          body,
          schema: WhatsAppTestResultSchema,
          options: o,
        }),
      templates: (o?: CallOptions) =>
        call({
          ...auth,
          method: 'GET',
          path: '/whatsapp/templates',
          schema: WhatsAppTemplateListSchema,
          options: o,
        }),
      syncTemplates: (o?: CallOptions) =>
        call({
          ...auth,
          method: 'POST',
          path: '/whatsapp/templates/sync',
          body: {},
          schema: WhatsAppTemplateListSchema,
          options: o,
        }),
      createTemplate: (body: CreateWhatsAppTemplateBody, o?: CallOptions) =>
        call({
          ...auth,
          method: 'POST',
          path: '/whatsapp/templates',
          body,
          schema: WhatsAppTemplateSchema,
          options: o,
        }),
      contacts: (query: ListWhatsAppContactsQuery = {}, o?: CallOptions) =>
        call({
          ...auth,
          method: 'GET',
          path: '/whatsapp/contacts',
          query,
          schema: pageOf(WhatsAppContactSchema),
          options: o,
        }),
      setConsent: (
        endUserId: string,
        body: { status: 'opted_in' | 'opted_out'; source: string },
        o?: CallOptions,
      ) =>
        call({
          ...auth,
          method: 'POST',
          path: `/whatsapp/contacts/${encodeURIComponent(endUserId)}/consent`,
          body,
          schema: WhatsAppContactSchema,
          options: o,
        }),
      broadcasts: (o?: CallOptions) =>
        call({
          ...auth,
          method: 'GET',
          path: '/whatsapp/broadcasts',
          schema: BroadcastListSchema,
          options: o,
        }),
      createBroadcast: (body: CreateBroadcastBody, o?: CallOptions) =>
        call({
          ...auth,
          method: 'POST',
          path: '/whatsapp/broadcasts',
          body,
          schema: BroadcastSchema,
          options: o,
        }),
      broadcastRecipients: (id: string, o?: CallOptions) =>
        call({
          ...auth,
          method: 'GET',
          path: `/whatsapp/broadcasts/${encodeURIComponent(id)}/recipients`,
          schema: BroadcastRecipientListSchema,
          options: o,
        }),
    },
    widget: {
      /** The web chat widget's settings and public key (created with defaults on first read). */
      get: (o?: CallOptions) =>
        call({ ...auth, method: 'GET', path: '/widget-config', schema: WidgetConfigSchema, options: o }),
      update: (body: UpdateWidgetConfigBody, o?: CallOptions) =>
        call({
          ...auth,
          method: 'PATCH',
          path: '/widget-config',
          body,
          schema: WidgetConfigSchema,
          options: o,
        }),
      /** A new public key; pages still embedding the old one stop working. */
      rotateKey: (o?: CallOptions) =>
        call({
          ...auth,
          method: 'POST',
          path: '/widget-config/rotate-key',
          body: {},
          schema: WidgetConfigSchema,
          options: o,
        }),
    },
    assistant: {
      status: (o?: CallOptions) =>
        call({
          ...auth,
          method: 'GET',
          path: '/assistant/status',
          schema: AssistantStatusSchema,
          options: o,
        }),
      getPersonality: (o?: CallOptions) =>
        call({
          ...auth,
          method: 'GET',
          path: '/assistant/personality',
          schema: PersonalitySchema,
          options: o,
        }),
      updatePersonality: (body: UpdatePersonalityBody, o?: CallOptions) =>
        call({
          ...auth,
          method: 'PATCH',
          path: '/assistant/personality',
          body,
          schema: PersonalitySchema,
          options: o,
        }),
      getSettings: (o?: CallOptions) =>
        call({ ...auth, method: 'GET', path: '/assistant/settings', schema: AiSettingsSchema, options: o }),
      updateSettings: (body: UpdateAiSettingsBody, o?: CallOptions) =>
        call({
          ...auth,
          method: 'PATCH',
          path: '/assistant/settings',
          body,
          schema: AiSettingsSchema,
          options: o,
        }),
      startPlayground: (body: { tags?: string[]; locale?: 'en' | 'es' } = {}, o?: CallOptions) =>
        call({
          ...auth,
          method: 'POST',
          path: '/assistant/playground',
          body: { tags: body.tags ?? [], ...(body.locale ? { locale: body.locale } : {}) },
          schema: PlaygroundStartResponseSchema,
          options: o,
        }),
      rate: (messageId: string, body: { rating: 'up' | 'down'; comment?: string }, o?: CallOptions) =>
        call({
          ...auth,
          method: 'PUT',
          path: `/messages/${encodeURIComponent(messageId)}/feedback`,
          body,
          schema: MessageWithMetaSchema,
          options: o,
        }),
      correct: (messageId: string, answer: string, o?: CallOptions) =>
        call({
          ...auth,
          method: 'POST',
          path: `/messages/${encodeURIComponent(messageId)}/correction`,
          body: { answer },
          schema: CorrectionSchema,
          options: o,
        }),
      corrections: (query: PageQuery = {}, o?: CallOptions) =>
        call({
          ...auth,
          method: 'GET',
          path: '/assistant/corrections',
          query,
          schema: CorrectionPageSchema,
          options: o,
        }),
      alerts: (query: PageQuery & { open?: boolean } = {}, o?: CallOptions) =>
        call({
          ...auth,
          method: 'GET',
          path: '/assistant/alerts',
          query: { ...query, open: query.open === undefined ? undefined : String(query.open) },
          schema: AlertPageSchema,
          options: o,
        }),
      resolveAlert: (id: string, o?: CallOptions) =>
        call({
          ...auth,
          method: 'POST',
          path: `/assistant/alerts/${encodeURIComponent(id)}/resolve`,
          schema: AlertSchema,
          options: o,
        }),
      memories: (endUserId: string, o?: CallOptions) =>
        call({
          ...auth,
          method: 'GET',
          path: `/end-users/${encodeURIComponent(endUserId)}/memories`,
          schema: MemoryListSchema,
          options: o,
        }),
      /** Forgets everything about an end user (on their request); audited. */
      forget: (endUserId: string, o?: CallOptions) =>
        call({
          ...auth,
          method: 'DELETE',
          path: `/end-users/${encodeURIComponent(endUserId)}/memories`,
          schema: DeletedCountSchema,
          options: o,
        }),
    },
    knowledge: {
      /**
       * Uploads files as multipart/form-data. Each file is accepted or rejected
       * with its own reason; when none is accepted the call fails with 422
       * FILE_REJECTED (`problem.errors` holds the reasons, one per file).
       */
      upload: (files: readonly UploadFile[], fields: UploadFields = {}, o?: UploadOptions) =>
        call({
          ...auth,
          method: 'POST',
          path: '/knowledge/documents',
          body: uploadForm(files, fields),
          schema: UploadResultSchema,
          options: o,
        }),
      listDocuments: (query: ListKbDocumentsQuery = {}, o?: CallOptions) =>
        call({
          ...auth,
          method: 'GET',
          path: '/knowledge/documents',
          query,
          schema: KbDocumentPageSchema,
          options: o,
        }),
      getDocument: (id: string, o?: CallOptions) =>
        call({ ...auth, method: 'GET', path: docPath(id), schema: KbDocumentSchema, options: o }),
      updateDocument: (id: string, body: UpdateKbDocumentBody, o?: CallOptions) =>
        call({ ...auth, method: 'PATCH', path: docPath(id), body, schema: KbDocumentSchema, options: o }),
      deleteDocument: (id: string, o?: CallOptions) =>
        call<void>({ ...auth, method: 'DELETE', path: docPath(id), options: o }),
      bulkTags: (body: BulkTagsBody, o?: CallOptions) =>
        call({
          ...auth,
          method: 'POST',
          path: '/knowledge/documents/bulk-tags',
          body,
          schema: UpdatedCountSchema,
          options: o,
        }),
      /** A new version from a file (one file; the server checks it like any upload). */
      uploadVersion: (
        id: string,
        file: UploadFile,
        fields: { changeNote?: string | undefined } = {},
        o?: UploadOptions,
      ) =>
        call({
          ...auth,
          method: 'POST',
          path: `${docPath(id)}/versions`,
          body: uploadForm([file], fields),
          schema: KbDocumentSchema,
          options: o,
        }),
      /** Saves edited text of a TXT/Markdown document as a new version. */
      editContent: (id: string, body: EditKbContentBody, o?: CallOptions) =>
        call({
          ...auth,
          method: 'PUT',
          path: `${docPath(id)}/content`,
          body,
          schema: KbDocumentSchema,
          options: o,
        }),
      listVersions: (id: string, o?: CallOptions) =>
        call({
          ...auth,
          method: 'GET',
          path: `${docPath(id)}/versions`,
          schema: KbVersionListSchema,
          options: o,
        }),
      getVersionText: (id: string, version: number, o?: CallOptions) =>
        call({
          ...auth,
          method: 'GET',
          path: `${docPath(id)}/versions/${version}/text`,
          schema: KbTextSchema,
          options: o,
        }),
      /** The original file of a version (authenticated, so it cannot be a plain link). */
      downloadVersion: (id: string, version: number, o?: CallOptions) =>
        call<DownloadedFile>({
          ...auth,
          method: 'GET',
          path: `${docPath(id)}/versions/${version}/file`,
          read: async (res) => ({
            blob: await res.blob(),
            filename: filenameFromDisposition(res.headers.get('content-disposition'), `version-${version}`),
          }),
          options: o,
        }),
      restoreVersion: (id: string, version: number, o?: CallOptions) =>
        call({
          ...auth,
          method: 'POST',
          path: `${docPath(id)}/versions/${version}/restore`,
          schema: KbDocumentSchema,
          options: o,
        }),
      diff: (id: string, query: { from: number; to: number }, o?: CallOptions) =>
        call({
          ...auth,
          method: 'GET',
          path: `${docPath(id)}/diff`,
          query,
          schema: KbDiffSchema,
          options: o,
        }),
      listChunks: (id: string, o?: CallOptions) =>
        call({
          ...auth,
          method: 'GET',
          path: `${docPath(id)}/chunks`,
          schema: KbChunkListSchema,
          options: o,
        }),
      listFolders: (o?: CallOptions) =>
        call({ ...auth, method: 'GET', path: '/knowledge/folders', schema: KbFolderListSchema, options: o }),
      createFolder: (body: CreateKbFolderBody, o?: CallOptions) =>
        call({
          ...auth,
          method: 'POST',
          path: '/knowledge/folders',
          body,
          schema: KbFolderSchema,
          options: o,
        }),
      updateFolder: (id: string, body: UpdateKbFolderBody, o?: CallOptions) =>
        call({
          ...auth,
          method: 'PATCH',
          path: `/knowledge/folders/${encodeURIComponent(id)}`,
          body,
          schema: KbFolderSchema,
          options: o,
        }),
      /** A folder that is not empty answers 409 CONFLICT unless `recursive` (which deletes everything in it). */
      deleteFolder: (id: string, { recursive = false }: { recursive?: boolean } = {}, o?: CallOptions) =>
        call({
          ...auth,
          method: 'DELETE',
          path: `/knowledge/folders/${encodeURIComponent(id)}`,
          query: recursive ? { recursive: 'true' } : {},
          schema: DeletedDocumentsSchema,
          options: o,
        }),
      search: (query: KbSearchQuery, o?: CallOptions) =>
        call({
          ...auth,
          method: 'GET',
          path: '/knowledge/search',
          query,
          schema: KbSearchResultSchema,
          options: o,
        }),
    },
    programs: {
      list: (query: ListProgramsQuery = {}, o?: CallOptions) =>
        call({ ...auth, method: 'GET', path: '/programs', query, schema: ProgramPageSchema, options: o }),
      /** From a template (`templateKey`), a definition, or an empty start → end. */
      create: (body: CreateProgramBody, o?: CallOptions) =>
        call({ ...auth, method: 'POST', path: '/programs', body, schema: ProgramSchema, options: o }),
      get: (id: string, o?: CallOptions) =>
        call({ ...auth, method: 'GET', path: programPath(id), schema: ProgramSchema, options: o }),
      /** Saving `draft` needs the `draftRevision` it started from: 409 CONFLICT when someone saved in between. */
      update: (id: string, body: UpdateProgramBody, o?: CallOptions) =>
        call({ ...auth, method: 'PATCH', path: programPath(id), body, schema: ProgramSchema, options: o }),
      delete: (id: string, o?: CallOptions) =>
        call<void>({ ...auth, method: 'DELETE', path: programPath(id), options: o }),
      /** Validates any definition without saving it. */
      validate: (definition: ProgramDefinitionInput, o?: CallOptions) =>
        call({
          ...auth,
          method: 'POST',
          path: '/programs/validate',
          body: { definition },
          schema: ProgramValidationSchema,
          options: o,
        }),
      /** Freezes the draft as a new version; 422 PROGRAM_INVALID (with `errors`) when it has errors. */
      publish: (id: string, body: { note?: string } = {}, o?: CallOptions) =>
        call({
          ...auth,
          method: 'POST',
          path: `${programPath(id)}/publish`,
          body,
          schema: ProgramVersionSchema,
          options: o,
        }),
      versions: (id: string, o?: CallOptions) =>
        call({
          ...auth,
          method: 'GET',
          path: `${programPath(id)}/versions`,
          schema: ProgramVersionListSchema,
          options: o,
        }),
      version: (id: string, version: number, o?: CallOptions) =>
        call({
          ...auth,
          method: 'GET',
          path: `${programPath(id)}/versions/${version}`,
          schema: ProgramVersionDetailSchema,
          options: o,
        }),
      /** Runs the draft (or `definition`) as a virtual user; nothing is stored. */
      simulate: (id: string, body: SimulateBody = {}, o?: CallOptions) =>
        call({
          ...auth,
          method: 'POST',
          path: `${programPath(id)}/simulate`,
          body,
          schema: SimulationResultSchema,
          options: o,
        }),
      stats: (id: string, o?: CallOptions) =>
        call({
          ...auth,
          method: 'GET',
          path: `${programPath(id)}/stats`,
          schema: ProgramStatsSchema,
          options: o,
        }),
      templates: (o?: CallOptions) =>
        call({
          ...auth,
          method: 'GET',
          path: '/program-templates',
          schema: ProgramTemplateListSchema,
          options: o,
        }),
      enroll: (id: string, body: EnrollBody, o?: CallOptions) =>
        call({
          ...auth,
          method: 'POST',
          path: `${programPath(id)}/enrollments`,
          body,
          schema: StepResultSchema,
          options: o,
        }),
      enrollments: (id: string, query: ListEnrollmentsQuery = {}, o?: CallOptions) =>
        call({
          ...auth,
          method: 'GET',
          path: `${programPath(id)}/enrollments`,
          query,
          schema: EnrollmentPageSchema,
          options: o,
        }),
      migrate: (id: string, body: MigrateEnrollmentsBody, o?: CallOptions) =>
        call({
          ...auth,
          method: 'POST',
          path: `${programPath(id)}/enrollments/migrate`,
          body,
          schema: MigrateEnrollmentsResultSchema,
          options: o,
        }),
      enrollment: (enrollmentId: string, o?: CallOptions) =>
        call({
          ...auth,
          method: 'GET',
          path: `/enrollments/${encodeURIComponent(enrollmentId)}`,
          schema: EnrollmentDetailSchema,
          options: o,
        }),
      /** Hands a user's reply to their program; the same `messageId` applies once. */
      input: (enrollmentId: string, body: { text: string; messageId: string }, o?: CallOptions) =>
        call({
          ...auth,
          method: 'POST',
          path: `/enrollments/${encodeURIComponent(enrollmentId)}/input`,
          body,
          schema: StepResultSchema,
          options: o,
        }),
      exit: (enrollmentId: string, o?: CallOptions) =>
        call({
          ...auth,
          method: 'POST',
          path: `/enrollments/${encodeURIComponent(enrollmentId)}/exit`,
          schema: EnrollmentSchema,
          options: o,
        }),
    },
    analytics: {
      /** Records a batch of events (at most 500); each is validated on its own, bad ones reported. */
      ingest: (events: readonly unknown[], o?: CallOptions) =>
        call({
          ...auth,
          method: 'POST',
          path: '/analytics/events',
          body: { events },
          schema: IngestEventsResultSchema,
          options: o,
        }),
      /** This hour's and today's count per event type (UTC). */
      live: (o?: CallOptions) =>
        call({ ...auth, method: 'GET', path: '/analytics/live', schema: LiveCountersSchema, options: o }),
      /** KPIs, series and breakdowns of a period, in the creator's time zone. */
      overview: (query: AnalyticsPeriodQuery = {}, o?: CallOptions) =>
        call({
          ...auth,
          method: 'GET',
          path: '/analytics/overview',
          query,
          schema: AnalyticsOverviewSchema,
          options: o,
        }),
      /** A period's figures as a file: one CSV table, an Excel workbook, or a PDF report. */
      export: (query: AnalyticsExportQuery, o?: CallOptions) =>
        call<DownloadedFile>({
          ...auth,
          method: 'GET',
          path: '/analytics/export',
          query,
          read: async (res) => ({
            blob: await res.blob(),
            filename: filenameFromDisposition(
              res.headers.get('content-disposition'),
              `analytics${query.format === 'csv' ? `-${query.section ?? 'daily'}` : ''}.${query.format}`,
            ),
          }),
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

const programPath = (id: string) => `/programs/${encodeURIComponent(id)}`;
const docPath = (id: string) => `/knowledge/documents/${encodeURIComponent(id)}`;
