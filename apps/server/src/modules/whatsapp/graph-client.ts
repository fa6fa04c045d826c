import { z } from 'zod';

/**
 * The WhatsApp Cloud API adapter: Meta's Graph API over the global fetch.
 * It sends messages, reads inbound media and the phone number's standing, and
 * lists and creates message templates. Credentials belong to a creator, so
 * every call takes them; the client holds none.
 *
 * It never retries. Every failure is a GraphError whose `retryable` and
 * `retryAfterSeconds` tell the caller's job queue what to do: retrying here
 * would hide throughput limits from the queue, and a send that timed out
 * after Meta accepted it would reach the user twice.
 */

export interface GraphConfig {
  /** e.g. `https://graph.facebook.com` (no version). */
  baseUrl: string;
  /** e.g. `v21.0`. */
  version: string;
  /** Per call, reading the body included (a media download too). Default 20 s. */
  timeoutMs?: number;
}

export interface GraphCredentials {
  accessToken: string;
  phoneNumberId: string;
  wabaId: string;
}

export type OutboundMessage =
  /** Over 4096 characters is refused: the caller splits long replies. */
  | { kind: 'text'; to: string; body: string; previewUrl?: boolean; replyTo?: string }
  /** 1–3 buttons, titles ≤ 20 characters and unique, ids ≤ 256. */
  | {
      kind: 'buttons';
      to: string;
      body: string;
      buttons: { id: string; title: string }[];
      header?: string;
      footer?: string;
    }
  /** 1–10 rows, titles ≤ 24, descriptions ≤ 72, button label ≤ 20. */
  | {
      kind: 'list';
      to: string;
      body: string;
      button: string;
      rows: { id: string; title: string; description?: string }[];
      header?: string;
      footer?: string;
    }
  /** By public link; `caption` is refused for audio, `filename` outside documents. */
  | {
      kind: 'media';
      to: string;
      media: 'image' | 'video' | 'audio' | 'document';
      link: string;
      caption?: string;
      filename?: string;
    }
  /** The only kind Meta delivers outside the 24-hour customer service window. */
  | { kind: 'template'; to: string; name: string; language: string; bodyParameters?: string[] }
  /** An empty `emoji` removes an earlier reaction. */
  | { kind: 'reaction'; to: string; messageId: string; emoji: string }
  /** Marks an inbound message (and the ones before it) read: blue ticks. */
  | { kind: 'read'; messageId: string };

export interface GraphTemplate {
  id: string;
  name: string;
  language: string;
  status: 'APPROVED' | 'PENDING' | 'REJECTED' | 'PAUSED' | 'DISABLED' | string;
  category: string;
  /** The BODY component's text, or null when the template has none. */
  body: string | null;
  /** Distinct `{{n}}` (or named `{{first_name}}`) placeholders in the body: the parameters a send must fill. */
  parameterCount: number;
  /** Null unless Meta gave a reason (Graph says `NONE` for templates that were not rejected). */
  rejectedReason: string | null;
}

export interface NewTemplate {
  /** Lowercase letters, digits and underscores (Meta's rule). */
  name: string;
  /** e.g. `es`, `en_US`. */
  language: string;
  category: 'MARKETING' | 'UTILITY' | 'AUTHENTICATION';
  /** ≤ 1024 characters; `{{1}}`, `{{2}}`… for parameters. */
  body: string;
  /** Plain text, ≤ 60 characters, no parameters. */
  header?: string;
  /** ≤ 60 characters. */
  footer?: string;
  /** One sample value per body parameter, in order: Meta rejects a template with parameters and no samples. */
  bodyExamples?: string[];
}

/**
 * `type` for failures that never got an error answer from Graph; otherwise
 * `type` is Graph's own (`OAuthException`, `GraphMethodException`, ...).
 */
export type LocalGraphErrorType =
  | 'ValidationError' // refused before sending (limits, shapes): fix the call, never retry
  | 'NetworkError' // no answer: connection refused or reset, DNS
  | 'TimeoutError' // no complete answer within timeoutMs
  | 'BadResponse' // 2xx with a body this adapter cannot read
  | 'MediaTooLarge'; // a download over its maxBytes

interface GraphErrorInit {
  /** HTTP status, or 0 when there was no HTTP answer (network, timeout, refused before sending). */
  status: number;
  code?: number | null;
  subcode?: number | null;
  type?: string | null;
  fbtraceId?: string | null;
  details?: string | null;
  retryable: boolean;
  retryAfterSeconds?: number | null;
}

/** A Graph API failure. The message never contains the access token. */
export class GraphError extends Error {
  readonly status: number;
  /** Graph's `error.code` (e.g. 131047); Meta advises building on it rather than the HTTP status. */
  readonly code: number | null;
  /** `error.error_subcode`: deprecated by Meta, absent from most v16+ answers. */
  readonly subcode: number | null;
  readonly type: string | null;
  /** Quote it to Meta support to find the request in their logs. */
  readonly fbtraceId: string | null;
  /** `error.error_data.details`: Meta's explanation, often naming the bad parameter. */
  readonly details: string | null;
  /** True when the same call may succeed later (throttling, Meta-side trouble, no answer). */
  readonly retryable: boolean;
  /** From `Retry-After`, when Graph sent one. */
  readonly retryAfterSeconds: number | null;

  constructor(message: string, init: GraphErrorInit) {
    super(message);
    this.name = 'GraphError';
    this.status = init.status;
    this.code = init.code ?? null;
    this.subcode = init.subcode ?? null;
    this.type = init.type ?? null;
    this.fbtraceId = init.fbtraceId ?? null;
    this.details = init.details ?? null;
    this.retryable = init.retryable;
    this.retryAfterSeconds = init.retryAfterSeconds ?? null;
  }
}

/**
 * What each Graph error code means for a retry. A code found here wins over
 * the HTTP status: the same code comes back with different statuses, and
 * Meta's guidance is to handle errors by code. Codes not listed fall back to
 * the status (429 and 5xx retry, other 4xx do not).
 */
const ERROR_CODES: ReadonlyMap<number, { retryable: boolean }> = new Map([
  // Throttling: the same request goes through once the window passes.
  [4, { retryable: true }], // app-level call rate limit
  [80007, { retryable: true }], // WABA-level call rate limit
  [130429, { retryable: true }], // Cloud API message throughput reached
  [131056, { retryable: true }], // too many messages to the same user in a short time (pair rate limit)
  // Meta-side trouble.
  [1, { retryable: true }], // API Unknown: possibly a server error
  [2, { retryable: true }], // API Service: temporary downtime or overload
  [131000, { retryable: true }], // "Something went wrong": generic, unknown cause
  // Permanent: only a change on our side (or the user's) fixes these.
  [100, { retryable: false }], // invalid or unsupported parameter
  [190, { retryable: false }], // access token expired or invalid: the creator must reconnect
  [368, { retryable: false }], // account temporarily blocked for policy violations
  [131026, { retryable: false }], // undeliverable: not on WhatsApp, old app, terms not accepted
  [131030, { retryable: false }], // recipient not in the test number's allowed list
  [131047, { retryable: false }], // re-engagement: over 24 h since the user wrote; only a template gets through
  [131051, { retryable: false }], // unsupported message type
  [132000, { retryable: false }], // template parameter count does not match the template
  [132001, { retryable: false }], // template does not exist in that language (or is not approved)
]);

function isRetryable(status: number, code: number | null): boolean {
  const known = code === null ? undefined : ERROR_CODES.get(code);
  if (known) return known.retryable;
  return status === 429 || status >= 500;
}

/** Meta's limits, checked before a request so a bad call fails with a clear message and no round trip. */
const LIMITS = {
  textBody: 4096,
  buttonsBody: 1024,
  listBody: 4096,
  headerText: 60,
  footerText: 60,
  buttonCount: 3,
  buttonTitle: 20,
  buttonId: 256,
  listRows: 10,
  listButton: 20,
  rowTitle: 24,
  rowId: 200,
  rowDescription: 72,
  caption: 1024,
  templateBody: 1024,
  templateName: 512,
} as const;

/** Templates per page asked of Graph; the most it accepts. */
const TEMPLATE_PAGE_SIZE = 100;
/** 6,000 templates is Meta's ceiling per WABA; a longer walk means paging that never ends. */
const MAX_TEMPLATE_PAGES = 100;
const DEFAULT_TIMEOUT_MS = 20_000;

export function createGraphClient(config: GraphConfig) {
  const root = `${config.baseUrl.replace(/\/+$/, '')}/${config.version}`;
  const timeoutMs = config.timeoutMs ?? DEFAULT_TIMEOUT_MS;

  /** One call to Graph: the parsed JSON of a 2xx answer, or a GraphError. */
  async function call(
    creds: GraphCredentials,
    method: 'GET' | 'POST',
    path: string[],
    opts: { query?: Record<string, string>; body?: unknown } = {},
  ): Promise<unknown> {
    const url = new URL(`${root}/${path.map(encodeURIComponent).join('/')}`);
    for (const [key, value] of Object.entries(opts.query ?? {})) url.searchParams.set(key, value);
    const headers: Record<string, string> = { authorization: `Bearer ${creds.accessToken}` };
    if (opts.body !== undefined) headers['content-type'] = 'application/json';
    const body = opts.body === undefined ? undefined : JSON.stringify(opts.body);
    const res = await fetchGraph(url.toString(), { method, headers, body }, timeoutMs);
    const text = await readText(res);
    try {
      return JSON.parse(text) as unknown;
    } catch {
      throw badResponse(res.status, 'not JSON');
    }
  }

  return {
    /**
     * Sends one message and returns Meta's id for it (`wamid.…`). For `read`,
     * Graph returns no new id: `messageId` is the inbound message's and `waId` null.
     */
    async send(
      creds: GraphCredentials,
      message: OutboundMessage,
    ): Promise<{ messageId: string; waId: string | null }> {
      const payload = toWirePayload(message);
      const json = await call(creds, 'POST', [creds.phoneNumberId, 'messages'], { body: payload });
      if (message.kind === 'read') {
        parse(ReadResponseSchema, json);
        return { messageId: message.messageId, waId: null };
      }
      const res = parse(SendResponseSchema, json);
      return { messageId: res.messages[0].id, waId: res.contacts?.[0]?.wa_id ?? null };
    },

    /**
     * Where an inbound media object can be downloaded; the URL lasts about five
     * minutes. `phone_number_id` makes Graph check the media belongs to this
     * number, so one creator cannot read another's media by id.
     */
    async mediaInfo(
      creds: GraphCredentials,
      mediaId: string,
    ): Promise<{ url: string; mimeType: string; sha256: string | null; fileSize: number | null }> {
      const json = await call(creds, 'GET', [mediaId], { query: { phone_number_id: creds.phoneNumberId } });
      const res = parse(MediaInfoSchema, json);
      const size = res.file_size === undefined ? null : Number(res.file_size);
      return {
        url: res.url,
        mimeType: res.mime_type,
        sha256: res.sha256 ?? null,
        fileSize: size !== null && Number.isFinite(size) ? size : null,
      };
    },

    /**
     * Downloads media from a URL that `mediaInfo` returned (it sends the bearer
     * token, so never pass it any other URL). Over `maxBytes` it stops reading
     * and throws a non-retryable `MediaTooLarge`: a declared length is refused
     * before the body is read, and a body without one is counted as it streams.
     */
    async downloadMedia(creds: GraphCredentials, url: string, maxBytes: number): Promise<Buffer> {
      const res = await fetchGraph(
        url,
        { method: 'GET', headers: { authorization: `Bearer ${creds.accessToken}` } },
        timeoutMs,
      );
      const declared = Number(res.headers.get('content-length') ?? Number.NaN);
      if (declared > maxBytes) {
        await res.body?.cancel().catch(() => {});
        throw tooLarge(maxBytes);
      }
      return readLimited(res, maxBytes);
    },

    /** The business number's display name and standing with Meta. */
    async phoneNumber(creds: GraphCredentials): Promise<{
      displayPhoneNumber: string;
      verifiedName: string;
      qualityRating: string | null;
      messagingLimitTier: string | null;
    }> {
      const json = await call(creds, 'GET', [creds.phoneNumberId], {
        query: { fields: 'display_phone_number,verified_name,quality_rating,messaging_limit_tier' },
      });
      const res = parse(PhoneNumberSchema, json);
      return {
        displayPhoneNumber: res.display_phone_number,
        verifiedName: res.verified_name,
        qualityRating: res.quality_rating ?? null,
        messagingLimitTier: res.messaging_limit_tier ?? null,
      };
    },

    /**
     * Every template of the WABA, all pages. Pages are fetched with the `after`
     * cursor against our own base URL rather than by following `paging.next`,
     * so the token only ever goes to the configured host.
     */
    async listTemplates(creds: GraphCredentials): Promise<GraphTemplate[]> {
      const templates: GraphTemplate[] = [];
      const seenCursors = new Set<string>();
      let after: string | undefined;
      for (let page = 0; page < MAX_TEMPLATE_PAGES; page++) {
        const query: Record<string, string> = {
          limit: String(TEMPLATE_PAGE_SIZE),
          fields: 'id,name,language,status,category,components,rejected_reason',
        };
        if (after !== undefined) query.after = after;
        const json = await call(creds, 'GET', [creds.wabaId, 'message_templates'], { query });
        const res = parse(TemplatePageSchema, json);
        templates.push(...res.data.map(toGraphTemplate));
        after = res.paging?.cursors?.after;
        if (!res.paging?.next || after === undefined) return templates;
        if (seenCursors.has(after)) throw badResponse(200, 'template paging repeats a cursor');
        seenCursors.add(after);
      }
      throw badResponse(200, `template paging did not end after ${MAX_TEMPLATE_PAGES} pages`);
    },

    /** Submits a template for Meta's review; it starts PENDING (or APPROVED at once for some). */
    async createTemplate(
      creds: GraphCredentials,
      t: NewTemplate,
    ): Promise<{ id: string; status: string; category: string }> {
      const json = await call(creds, 'POST', [creds.wabaId, 'message_templates'], {
        body: toTemplateDefinition(t),
      });
      return parse(CreatedTemplateSchema, json);
    },
  };
}

export type GraphClient = ReturnType<typeof createGraphClient>;

// ---------------------------------------------------------------------------
// Request bodies

/** The JSON body of POST /{phone-number-id}/messages for one message, after checking Meta's limits. */
function toWirePayload(message: OutboundMessage): Record<string, unknown> {
  if (message.kind === 'read') {
    requireText(message.messageId, 'messageId');
    return { messaging_product: 'whatsapp', status: 'read', message_id: message.messageId };
  }
  requireText(message.to, 'to');
  const envelope = { messaging_product: 'whatsapp', recipient_type: 'individual', to: message.to };
  switch (message.kind) {
    case 'text': {
      requireText(message.body, 'text body');
      checkLength(message.body, LIMITS.textBody, 'text body (split long replies)');
      return {
        ...envelope,
        ...(message.replyTo === undefined ? {} : { context: { message_id: message.replyTo } }),
        type: 'text',
        text: { preview_url: message.previewUrl ?? false, body: message.body },
      };
    }
    case 'buttons': {
      checkInteractiveText(message.body, LIMITS.buttonsBody, message.header, message.footer);
      checkCount(message.buttons.length, LIMITS.buttonCount, 'buttons');
      for (const [i, b] of message.buttons.entries()) {
        requireText(b.id, `button ${i + 1} id`);
        checkLength(b.id, LIMITS.buttonId, `button ${i + 1} id`);
        requireText(b.title, `button ${i + 1} title`);
        checkLength(b.title, LIMITS.buttonTitle, `button ${i + 1} title "${b.title}"`);
      }
      checkUnique(
        message.buttons.map((b) => b.id),
        'button ids',
      );
      checkUnique(
        message.buttons.map((b) => b.title),
        'button titles',
      );
      return {
        ...envelope,
        type: 'interactive',
        interactive: {
          type: 'button',
          ...textHeader(message.header),
          body: { text: message.body },
          ...footer(message.footer),
          action: {
            buttons: message.buttons.map((b) => ({ type: 'reply', reply: { id: b.id, title: b.title } })),
          },
        },
      };
    }
    case 'list': {
      checkInteractiveText(message.body, LIMITS.listBody, message.header, message.footer);
      requireText(message.button, 'list button');
      checkLength(message.button, LIMITS.listButton, `list button "${message.button}"`);
      checkCount(message.rows.length, LIMITS.listRows, 'list rows');
      for (const [i, r] of message.rows.entries()) {
        requireText(r.id, `row ${i + 1} id`);
        checkLength(r.id, LIMITS.rowId, `row ${i + 1} id`);
        requireText(r.title, `row ${i + 1} title`);
        checkLength(r.title, LIMITS.rowTitle, `row ${i + 1} title "${r.title}"`);
        if (r.description !== undefined)
          checkLength(r.description, LIMITS.rowDescription, `row ${i + 1} description`);
      }
      checkUnique(
        message.rows.map((r) => r.id),
        'row ids',
      );
      return {
        ...envelope,
        type: 'interactive',
        interactive: {
          type: 'list',
          ...textHeader(message.header),
          body: { text: message.body },
          ...footer(message.footer),
          action: {
            button: message.button,
            // One section. Meta's current reference marks the section title as
            // required; the button label (≤ 20) always fits its 24 characters.
            sections: [
              {
                title: message.button,
                rows: message.rows.map((r) => ({
                  id: r.id,
                  title: r.title,
                  ...(r.description === undefined ? {} : { description: r.description }),
                })),
              },
            ],
          },
        },
      };
    }
    case 'media': {
      checkLink(message.link);
      if (message.caption !== undefined) {
        if (message.media === 'audio') refuse('audio messages cannot have a caption');
        checkLength(message.caption, LIMITS.caption, 'caption');
      }
      if (message.filename !== undefined && message.media !== 'document')
        refuse('only documents have a filename');
      return {
        ...envelope,
        type: message.media,
        [message.media]: {
          link: message.link,
          ...(message.caption === undefined ? {} : { caption: message.caption }),
          ...(message.filename === undefined ? {} : { filename: message.filename }),
        },
      };
    }
    case 'template': {
      requireText(message.name, 'template name');
      requireText(message.language, 'template language');
      const parameters = message.bodyParameters ?? [];
      for (const [i, p] of parameters.entries()) {
        requireText(p, `template parameter ${i + 1}`);
        // Graph refuses these with 132018; catching them here names the parameter.
        if (/[\n\t]| {5}/.test(p))
          refuse(`template parameter ${i + 1} has a newline, a tab or more than 4 spaces in a row`);
      }
      return {
        ...envelope,
        type: 'template',
        template: {
          name: message.name,
          language: { code: message.language },
          ...(parameters.length === 0
            ? {}
            : {
                components: [
                  { type: 'body', parameters: parameters.map((text) => ({ type: 'text', text })) },
                ],
              }),
        },
      };
    }
    case 'reaction': {
      requireText(message.messageId, 'messageId');
      return {
        ...envelope,
        type: 'reaction',
        reaction: { message_id: message.messageId, emoji: message.emoji },
      };
    }
  }
}

/** The JSON body of POST /{waba-id}/message_templates. */
function toTemplateDefinition(t: NewTemplate): Record<string, unknown> {
  if (!/^[a-z0-9_]+$/.test(t.name)) refuse(`template name "${t.name}" may only hold a–z, 0–9 and _`);
  checkLength(t.name, LIMITS.templateName, 'template name');
  requireText(t.language, 'template language');
  requireText(t.body, 'template body');
  checkLength(t.body, LIMITS.templateBody, 'template body');
  if (t.header !== undefined) {
    checkLength(t.header, LIMITS.headerText, 'template header');
    if (countParameters(t.header) > 0) refuse('template header parameters are not supported');
  }
  if (t.footer !== undefined) checkLength(t.footer, LIMITS.footerText, 'template footer');
  const examples = t.bodyExamples ?? [];
  const count = countParameters(t.body);
  if (examples.length !== count)
    refuse(`template body has ${count} parameter(s) but ${examples.length} example value(s)`);
  return {
    name: t.name,
    language: t.language,
    category: t.category,
    components: [
      ...(t.header === undefined ? [] : [{ type: 'HEADER', format: 'TEXT', text: t.header }]),
      { type: 'BODY', text: t.body, ...(count === 0 ? {} : { example: { body_text: [examples] } }) },
      ...(t.footer === undefined ? [] : [{ type: 'FOOTER', text: t.footer }]),
    ],
  };
}

const textHeader = (header: string | undefined) =>
  header === undefined ? {} : { header: { type: 'text', text: header } };
const footer = (text: string | undefined) => (text === undefined ? {} : { footer: { text } });

function countParameters(text: string): number {
  return new Set(Array.from(text.matchAll(/\{\{\s*(\w+)\s*\}\}/g), (m) => m[1])).size;
}

// ---------------------------------------------------------------------------
// Client-side checks

/** Characters as WhatsApp shows them: an emoji counts once, not as two UTF-16 units. */
const charCount = (s: string) => Array.from(s).length;

function refuse(message: string): never {
  throw new GraphError(`Refused before sending: ${message}`, {
    status: 0,
    type: 'ValidationError',
    retryable: false,
  });
}

function requireText(value: string, what: string) {
  if (value.trim() === '') refuse(`${what} is empty`);
}

function checkLength(value: string, max: number, what: string) {
  const n = charCount(value);
  if (n > max) refuse(`${what} is ${n} characters; WhatsApp allows ${max}`);
}

function checkCount(n: number, max: number, what: string) {
  if (n < 1 || n > max) refuse(`${n} ${what}; WhatsApp allows 1 to ${max}`);
}

function checkUnique(values: string[], what: string) {
  if (new Set(values).size !== values.length) refuse(`${what} must be unique`);
}

function checkInteractiveText(
  body: string,
  maxBody: number,
  header: string | undefined,
  footerText: string | undefined,
) {
  requireText(body, 'body');
  checkLength(body, maxBody, 'body');
  if (header !== undefined) checkLength(header, LIMITS.headerText, 'header');
  if (footerText !== undefined) checkLength(footerText, LIMITS.footerText, 'footer');
}

function checkLink(link: string) {
  let url: URL;
  try {
    url = new URL(link);
  } catch {
    refuse(`media link "${link}" is not a URL`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') refuse('media link must be http(s)');
}

// ---------------------------------------------------------------------------
// Transport

async function fetchGraph(url: string, init: RequestInit, timeoutMs: number): Promise<Response> {
  let res: Response;
  try {
    res = await fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
  } catch (error) {
    throw transportError(error);
  }
  if (!res.ok) throw await errorFromResponse(res);
  return res;
}

async function readText(res: Response): Promise<string> {
  try {
    return await res.text();
  } catch (error) {
    throw transportError(error);
  }
}

async function readLimited(res: Response, maxBytes: number): Promise<Buffer> {
  if (!res.body) return Buffer.alloc(0);
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > maxBytes) {
        await reader.cancel().catch(() => {});
        throw tooLarge(maxBytes);
      }
      chunks.push(value);
    }
  } catch (error) {
    if (error instanceof GraphError) throw error;
    throw transportError(error);
  }
  return Buffer.concat(chunks);
}

/** No HTTP answer: always worth retrying (a send may then arrive twice; Meta has no idempotency key). */
function transportError(error: unknown): GraphError {
  const isTimeout = error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
  const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : '';
  return new GraphError(isTimeout ? 'Graph did not answer in time' : `Graph unreachable${cause}`, {
    status: 0,
    type: isTimeout ? 'TimeoutError' : 'NetworkError',
    retryable: true,
  });
}

/** A non-2xx answer as a GraphError; the body may be Graph's error JSON or anything a proxy sends. */
async function errorFromResponse(res: Response): Promise<GraphError> {
  const retryAfterSeconds = parseRetryAfter(res.headers.get('retry-after'));
  const text = await res.text().catch(() => '');
  let error: Record<string, unknown> = {};
  try {
    const body = JSON.parse(text) as unknown;
    if (isRecord(body) && isRecord(body.error)) error = body.error;
  } catch {
    // Not JSON (an HTML 502 from a proxy): the status alone decides.
  }
  const code = typeof error.code === 'number' ? error.code : null;
  const data = error.error_data;
  const message = typeof error.message === 'string' ? error.message : `HTTP ${res.status}`;
  return new GraphError(`Graph ${res.status}: ${message}`, {
    status: res.status,
    code,
    subcode: typeof error.error_subcode === 'number' ? error.error_subcode : null,
    type: typeof error.type === 'string' ? error.type : null,
    fbtraceId: typeof error.fbtrace_id === 'string' ? error.fbtrace_id : null,
    // error_data is an object on WhatsApp endpoints but a string on some Graph errors.
    details: isRecord(data) && typeof data.details === 'string' ? data.details : null,
    retryable: isRetryable(res.status, code),
    retryAfterSeconds,
  });
}

/** `Retry-After` as seconds: a number of seconds or an HTTP date. */
function parseRetryAfter(header: string | null): number | null {
  if (header === null || header.trim() === '') return null;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, Math.ceil(seconds));
  const at = Date.parse(header);
  return Number.isNaN(at) ? null : Math.max(0, Math.ceil((at - Date.now()) / 1000));
}

function badResponse(status: number, what: string): GraphError {
  // Not retryable: for a send, the message may well have gone out.
  return new GraphError(`Unexpected Graph answer: ${what}`, {
    status,
    type: 'BadResponse',
    retryable: false,
  });
}

function tooLarge(maxBytes: number): GraphError {
  return new GraphError(`Media is larger than maxBytes (${maxBytes})`, {
    status: 200,
    type: 'MediaTooLarge',
    retryable: false,
  });
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

// ---------------------------------------------------------------------------
// Response bodies: only the fields this adapter relies on.

const SendResponseSchema = z.object({
  contacts: z.array(z.object({ wa_id: z.string() })).optional(),
  messages: z.tuple([z.object({ id: z.string() })], z.object({ id: z.string() })),
});
const ReadResponseSchema = z.object({ success: z.literal(true) });
const MediaInfoSchema = z.object({
  url: z.string(),
  mime_type: z.string(),
  sha256: z.string().optional(),
  // A number in practice, a string in some of Meta's examples.
  file_size: z.union([z.number(), z.string()]).optional(),
});
const PhoneNumberSchema = z.object({
  display_phone_number: z.string(),
  verified_name: z.string(),
  quality_rating: z.string().optional(),
  messaging_limit_tier: z.string().optional(),
});
const TemplateSchema = z.object({
  id: z.string(),
  name: z.string(),
  language: z.string(),
  status: z.string(),
  category: z.string(),
  components: z.array(z.object({ type: z.string(), text: z.string().optional() })).optional(),
  rejected_reason: z.string().optional(),
});
const TemplatePageSchema = z.object({
  data: z.array(TemplateSchema),
  paging: z
    .object({ cursors: z.object({ after: z.string().optional() }).optional(), next: z.string().optional() })
    .optional(),
});
const CreatedTemplateSchema = z.object({ id: z.string(), status: z.string(), category: z.string() });

/** Graph answers these calls with 200; a body missing what we rely on is a BadResponse. */
function parse<T>(schema: z.ZodType<T>, json: unknown): T {
  const result = schema.safeParse(json);
  if (!result.success) throw badResponse(200, z.prettifyError(result.error));
  return result.data;
}

function toGraphTemplate(t: z.infer<typeof TemplateSchema>): GraphTemplate {
  const body = t.components?.find((c) => c.type === 'BODY')?.text ?? null;
  return {
    id: t.id,
    name: t.name,
    language: t.language,
    status: t.status,
    category: t.category,
    body,
    parameterCount: body === null ? 0 : countParameters(body),
    rejectedReason:
      t.rejected_reason === undefined || t.rejected_reason === 'NONE' ? null : t.rejected_reason,
  };
}
