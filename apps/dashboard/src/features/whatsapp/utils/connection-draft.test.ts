import { ConnectWhatsAppBodySchema, type WhatsAppAccount } from '@companero/contracts';
import { describe, expect, it } from 'vitest';
import { bodyOf, DEFAULT_OPT_OUT_KEYWORDS, draftOf, missingSecrets } from './connection-draft.ts';

const blank: WhatsAppAccount = {
  connected: false,
  wabaId: null,
  phoneNumberId: null,
  displayPhone: null,
  verifiedName: null,
  hasAccessToken: false,
  hasAppSecret: false,
  webhookUrl: 'https://coach.example.com/api/v1/whatsapp/webhook/abc',
  verifyToken: 'verify-abc',
  messagesPerSecond: 20,
  optOutKeywords: [],
  optInKeywords: [],
  lastTestAt: null,
  lastWebhookAt: null,
  updatedAt: null,
};

const connected: WhatsAppAccount = {
  ...blank,
  connected: true,
  wabaId: '1234567890',
  phoneNumberId: '9876543210',
  hasAccessToken: true,
  hasAppSecret: true,
  optOutKeywords: ['stop'],
  optInKeywords: [],
};

describe('connection draft', () => {
  it('starts a new connection with the usual opt-out and opt-in words', () => {
    const draft = draftOf(blank);
    expect(draft.optOutKeywords).toEqual(DEFAULT_OPT_OUT_KEYWORDS);
    expect(draft.optInKeywords).toEqual(['start', 'alta']);
  });

  it('keeps a saved connection’s own keywords, even an empty opt-in list', () => {
    expect(draftOf(connected)).toMatchObject({ optOutKeywords: ['stop'], optInKeywords: [] });
  });

  it('never prefills the secrets', () => {
    expect(draftOf(connected)).toMatchObject({ accessToken: '', appSecret: '' });
  });

  it('leaves blank secrets out of the body, so the saved ones stay', () => {
    const body = bodyOf(draftOf(connected));
    expect(body).not.toHaveProperty('accessToken');
    expect(body).not.toHaveProperty('appSecret');
    expect(ConnectWhatsAppBodySchema.safeParse(body).success).toBe(true);
  });

  it('sends the rate as a number', () => {
    expect(bodyOf({ ...draftOf(connected), messagesPerSecond: '40' }).messagesPerSecond).toBe(40);
  });

  it('requires both secrets the first time only', () => {
    expect(Object.keys(missingSecrets(draftOf(blank), blank)).sort()).toEqual(['accessToken', 'appSecret']);
    expect(missingSecrets(draftOf(connected), connected)).toEqual({});
  });
});
