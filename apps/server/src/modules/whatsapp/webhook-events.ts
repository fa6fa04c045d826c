import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * WhatsApp Cloud API webhooks, read into the few events the platform acts on.
 * Meta's bodies are deeply nested and vary by message type; everything here
 * reads defensively (unknown shapes are skipped, never thrown on), because a
 * webhook we cannot read must still be acknowledged.
 */

export type MediaKind = 'image' | 'video' | 'audio' | 'document' | 'sticker';

export interface InboundMessage {
  kind: 'message';
  phoneNumberId: string;
  /** WhatsApp's message id (`wamid.…`): de-duplicates redeliveries. */
  wamid: string;
  /** The sender's WhatsApp id (their number, digits only). */
  from: string;
  profileName: string | null;
  at: Date;
  type: string;
  /** What the conversation shows and the coach reads: the text, a button's title, a place… */
  text: string;
  /** The id of the button or list row chosen (interactive replies). */
  replyId: string | null;
  media: {
    kind: MediaKind;
    id: string;
    mimeType: string;
    caption: string | null;
    filename: string | null;
  } | null;
  /** A reaction to one of our messages: no reply, the emoji goes on that message. */
  reaction: { messageId: string; emoji: string } | null;
}

export interface StatusUpdate {
  kind: 'status';
  phoneNumberId: string;
  wamid: string;
  status: 'sent' | 'delivered' | 'read' | 'failed';
  recipient: string | null;
  at: Date;
  error: { code: number | null; message: string } | null;
}

export type WebhookEvent = InboundMessage | StatusUpdate;

type Json = Record<string, unknown>;
const obj = (v: unknown): Json | undefined =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : undefined;
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const str = (v: unknown): string | null => (typeof v === 'string' && v.length > 0 ? v : null);
const time = (v: unknown) => {
  const n = Number(v);
  return Number.isFinite(n) && n > 0 ? new Date(n * 1000) : new Date();
};

/** `X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the raw body with the app secret>`, compared in constant time. */
export function signatureValid(rawBody: Buffer, header: string | undefined, appSecret: string): boolean {
  if (!header?.startsWith('sha256=')) return false;
  const given = Buffer.from(header.slice('sha256='.length), 'hex');
  const expected = createHmac('sha256', appSecret).update(rawBody).digest();
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** The phone number ids a webhook body is for (to find its creator before checking the signature). */
export function phoneNumberIdsOf(body: unknown): string[] {
  const ids = new Set<string>();
  for (const entry of arr(obj(body)?.entry))
    for (const change of arr(obj(entry)?.changes)) {
      const id = str(obj(obj(obj(change)?.value)?.metadata)?.phone_number_id);
      if (id) ids.add(id);
    }
  return [...ids];
}

function describe(m: Json, type: string): Pick<InboundMessage, 'text' | 'replyId' | 'media' | 'reaction'> {
  const none = { replyId: null, media: null, reaction: null };
  switch (type) {
    case 'text':
      return { ...none, text: str(obj(m.text)?.body) ?? '' };
    case 'interactive': {
      const i = obj(m.interactive);
      const reply = obj(i?.button_reply) ?? obj(i?.list_reply);
      if (reply) return { ...none, text: str(reply.title) ?? '', replyId: str(reply.id) };
      return { ...none, text: '' };
    }
    case 'button': {
      // A quick-reply button of a template message.
      const b = obj(m.button);
      return { ...none, text: str(b?.text) ?? '', replyId: str(b?.payload) };
    }
    case 'image':
    case 'video':
    case 'audio':
    case 'document':
    case 'sticker': {
      const media = obj(m[type]);
      const id = str(media?.id);
      if (!id) return { ...none, text: '' };
      const caption = str(media?.caption);
      const filename = str(media?.filename);
      const label = { image: '📷', video: '🎬', audio: '🎤', document: '📄', sticker: '🏷️' }[type];
      return {
        ...none,
        text: caption ?? `${label} ${filename ?? type}`,
        media: {
          kind: type,
          id,
          mimeType: str(media?.mime_type) ?? 'application/octet-stream',
          caption,
          filename,
        },
      };
    }
    case 'location': {
      const l = obj(m.location);
      const where = [str(l?.name), str(l?.address)].filter(Boolean).join(', ');
      const coords = `${Number(l?.latitude).toFixed(5)}, ${Number(l?.longitude).toFixed(5)}`;
      return { ...none, text: `📍 ${where ? `${where} (${coords})` : coords}` };
    }
    case 'contacts': {
      const names = arr(m.contacts)
        .map((c) => str(obj(obj(c)?.name)?.formatted_name))
        .filter(Boolean);
      return { ...none, text: `👤 ${names.join(', ') || 'a contact'}` };
    }
    case 'reaction': {
      const r = obj(m.reaction);
      const messageId = str(r?.message_id);
      // An empty emoji removes the reaction.
      return { ...none, text: '', reaction: messageId ? { messageId, emoji: str(r?.emoji) ?? '' } : null };
    }
    default:
      return { ...none, text: '' };
  }
}

const STATUSES = new Set(['sent', 'delivered', 'read', 'failed']);

/**
 * The messages and delivery statuses in a webhook body. Skipped: message
 * echoes, edits and deletions, system notices, unsupported types, and
 * statuses we do not track (`played`).
 */
export function readWebhook(body: unknown): WebhookEvent[] {
  const events: WebhookEvent[] = [];
  for (const entry of arr(obj(body)?.entry))
    for (const change of arr(obj(entry)?.changes)) {
      const c = obj(change);
      if (c?.field !== 'messages') continue;
      const value = obj(c.value);
      const phoneNumberId = str(obj(value?.metadata)?.phone_number_id);
      if (!value || !phoneNumberId) continue;
      const names = new Map<string, string>();
      for (const contact of arr(value.contacts)) {
        const waId = str(obj(contact)?.wa_id);
        const name = str(obj(obj(contact)?.profile)?.name);
        if (waId && name) names.set(waId, name);
      }
      for (const raw of arr(value.messages)) {
        const m = obj(raw);
        const wamid = str(m?.id);
        const from = str(m?.from);
        const type = str(m?.type);
        if (!m || !wamid || !from || !type) continue;
        const d = describe(m, type);
        if (!d.text && !d.reaction) continue; // unsupported, system, edits, deletions
        events.push({
          kind: 'message',
          phoneNumberId,
          wamid,
          from,
          profileName: names.get(from) ?? null,
          at: time(m.timestamp),
          type,
          ...d,
        });
      }
      for (const raw of arr(value.statuses)) {
        const s = obj(raw);
        const wamid = str(s?.id);
        const status = str(s?.status);
        if (!s || !wamid || !status || !STATUSES.has(status)) continue;
        const e = obj(arr(s.errors)[0]);
        events.push({
          kind: 'status',
          phoneNumberId,
          wamid,
          status: status as StatusUpdate['status'],
          recipient: str(s.recipient_id),
          at: time(s.timestamp),
          error: e
            ? {
                code: typeof e.code === 'number' ? e.code : null,
                message: str(obj(e.error_data)?.details) ?? str(e.message) ?? str(e.title) ?? 'Failed',
              }
            : null,
        });
      }
    }
  return events;
}
