import { createHmac } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { phoneNumberIdsOf, readWebhook, signatureValid } from './webhook-events.ts';

// Real WhatsApp Cloud API webhook bodies (../shared/evals/whatsapp, collected
// from two public client libraries' test data): each is read into the event
// its index entry describes, or skipped when it is nothing we act on.

const EVALS = join(import.meta.dirname, '../../../../../../shared/evals/whatsapp');
const present = existsSync(join(EVALS, 'index.json'));
if (!present) console.warn(`WhatsApp payloads not found at ${EVALS}: the real-payload tests are skipped`);

interface Case {
  file: string;
  field: string;
  kind: 'message' | 'status' | 'echo' | 'user_preferences';
  type?: string;
  subtype?: string;
  status?: string;
  text?: string;
  reply?: { id?: string; title?: string };
  button?: { payload: string; text: string };
  media?: { id: string; mime_type: string; caption?: string; filename?: string };
  errors?: number[];
}
const cases: Case[] = present ? JSON.parse(readFileSync(join(EVALS, 'index.json'), 'utf8')) : [];
const load = (c: Case) => JSON.parse(readFileSync(join(EVALS, c.file), 'utf8'));

describe.skipIf(!present)('real webhook payloads', () => {
  it('has the 50 payloads', () => expect(cases).toHaveLength(50));

  it.each(cases.map((c) => [c.file, c] as const))('%s', (_file, c) => {
    const body = load(c);
    const events = readWebhook(body);
    const readable =
      c.field === 'messages' &&
      ((c.kind === 'status' && c.status !== 'played') ||
        (c.kind === 'message' &&
          [
            'text',
            'image',
            'video',
            'audio',
            'document',
            'sticker',
            'location',
            'contacts',
            'reaction',
            'button',
          ].includes(c.type ?? '')) ||
        (c.kind === 'message' &&
          c.type === 'interactive' &&
          ['button_reply', 'list_reply'].includes(c.subtype ?? '')));
    if (!readable) {
      expect(events).toEqual([]);
      return;
    }
    expect(events).toHaveLength(1);
    const event = events[0]!;
    expect(phoneNumberIdsOf(body)).toContain(event.phoneNumberId);
    if (c.kind === 'status') {
      expect(event).toMatchObject({ kind: 'status', status: c.status });
      if (c.errors) expect(event).toMatchObject({ error: { code: c.errors[0] } });
      return;
    }
    if (event.kind !== 'message') throw new Error('expected a message');
    expect(event.wamid.length).toBeGreaterThan(3);
    expect(event.from).toMatch(/^\d+$/);
    if (c.text) expect(event.text).toBe(c.text);
    if (c.reply) expect(event).toMatchObject({ replyId: c.reply.id, text: c.reply.title });
    if (c.button) expect(event).toMatchObject({ replyId: c.button.payload, text: c.button.text });
    if (c.media) expect(event.media).toMatchObject({ id: c.media.id, mimeType: c.media.mime_type });
    if (c.type === 'reaction') expect(event.reaction?.messageId).toMatch(/^wamid\./);
    if (c.type !== 'reaction') expect(event.text.length).toBeGreaterThan(0);
  });
});

describe('signature', () => {
  const raw = Buffer.from('{"object":"whatsapp_business_account","entry":[]}');
  const secret = 'app-secret-0123456789';
  const good = `sha256=${createHmac('sha256', secret).update(raw).digest('hex')}`;

  it('accepts the HMAC of the raw body with the app secret, and nothing else', () => {
    expect(signatureValid(raw, good, secret)).toBe(true);
    expect(signatureValid(Buffer.from(`${raw} `), good, secret)).toBe(false); // one byte more
    expect(signatureValid(raw, good, 'another-secret')).toBe(false);
    expect(signatureValid(raw, undefined, secret)).toBe(false);
    expect(signatureValid(raw, good.replace('sha256=', 'sha1='), secret)).toBe(false);
    expect(signatureValid(raw, 'sha256=abc', secret)).toBe(false);
  });
});

describe('unreadable bodies', () => {
  it('skips what is not a WhatsApp webhook without throwing', () => {
    for (const body of [
      null,
      42,
      'x',
      {},
      { entry: 'no' },
      { entry: [{ changes: [{ field: 'messages' }] }] },
    ])
      expect(readWebhook(body)).toEqual([]);
  });
});
