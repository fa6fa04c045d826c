import type { WhatsAppAccount } from '@companero/contracts';
import type { FieldErrors } from '../../../lib/form-errors.ts';

/** Words that opt a contact out of (or back into) broadcasts, in the languages most coaches use. */
export const DEFAULT_OPT_OUT_KEYWORDS = ['stop', 'unsubscribe', 'baja', 'cancelar'];
export const DEFAULT_OPT_IN_KEYWORDS = ['start', 'alta'];

/** The connection form as typed: text fields stay text until saved. */
export interface ConnectionDraft {
  wabaId: string;
  phoneNumberId: string;
  /** Empty means "keep the saved one"; the saved secret is never sent back to the dashboard. */
  accessToken: string;
  appSecret: string;
  messagesPerSecond: string;
  optOutKeywords: string[];
  optInKeywords: string[];
}

export function draftOf(account: WhatsAppAccount): ConnectionDraft {
  // Before the first connection the keyword lists are empty: start from the usual ones.
  const isNew = !account.connected && !account.hasAccessToken;
  return {
    wabaId: account.wabaId ?? '',
    phoneNumberId: account.phoneNumberId ?? '',
    accessToken: '',
    appSecret: '',
    messagesPerSecond: String(account.messagesPerSecond),
    optOutKeywords:
      isNew && account.optOutKeywords.length === 0 ? DEFAULT_OPT_OUT_KEYWORDS : account.optOutKeywords,
    optInKeywords:
      isNew && account.optInKeywords.length === 0 ? DEFAULT_OPT_IN_KEYWORDS : account.optInKeywords,
  };
}

/** The body to validate and PUT: blank secrets are left out, so the saved ones stay. */
export function bodyOf(draft: ConnectionDraft) {
  const perSecond = draft.messagesPerSecond.trim();
  return {
    wabaId: draft.wabaId,
    phoneNumberId: draft.phoneNumberId,
    ...(draft.accessToken.trim() ? { accessToken: draft.accessToken } : {}),
    ...(draft.appSecret.trim() ? { appSecret: draft.appSecret } : {}),
    ...(perSecond ? { messagesPerSecond: Number(perSecond) } : {}),
    optOutKeywords: draft.optOutKeywords,
    optInKeywords: draft.optInKeywords,
  };
}

/** The secrets are optional in the API, but without a saved one there is nothing to keep. */
export function missingSecrets(draft: ConnectionDraft, account: WhatsAppAccount): FieldErrors {
  const errors: FieldErrors = {};
  if (!account.hasAccessToken && !draft.accessToken.trim()) errors.accessToken = { key: 'required' };
  if (!account.hasAppSecret && !draft.appSecret.trim()) errors.appSecret = { key: 'required' };
  return errors;
}
