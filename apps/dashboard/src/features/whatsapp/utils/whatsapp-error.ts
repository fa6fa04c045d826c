import { ApiError } from '@companero/api-client';
import type { TFunction } from 'i18next';
import { translateError } from '../../../lib/form-errors.ts';

/** Codes whose server detail is worth reading after the translation: Meta's own answer. */
const EXPLAINED = new Set(['WHATSAPP_UNAVAILABLE', 'VALIDATION_FAILED']);

/**
 * The message for a failed WhatsApp request: the translated code (not
 * connected, number taken elsewhere…), and when Meta refused, its own words
 * after a short lead.
 */
export function translateWhatsAppError(t: TFunction, error: unknown): string {
  if (error instanceof ApiError && EXPLAINED.has(error.code) && error.problem.detail) {
    return t('whatsapp.errorWithDetail', { detail: error.problem.detail });
  }
  return translateError(t, error);
}

/** The reason Meta gave for refusing a field (the server reports it as a `graph_<code>` field error). */
export function metaReasonOf(error: unknown, field: string): string | undefined {
  if (!(error instanceof ApiError)) return undefined;
  const fieldError = error.fieldErrors[field];
  return fieldError?.code.startsWith('graph_') ? fieldError.message : undefined;
}
