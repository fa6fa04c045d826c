import { ApiError } from '@companero/api-client';
import type { TFunction } from 'i18next';
import { translateError } from '../../../lib/form-errors.ts';

/** Codes the WhatsApp API answers with a detail worth reading (Meta's answer, a number taken elsewhere). */
const EXPLAINED = new Set(['CONFLICT', 'SERVICE_UNAVAILABLE', 'VALIDATION_FAILED']);

/**
 * The message for a failed WhatsApp request. For these endpoints a generic
 * "conflict" or "cannot reach the server" would mislead (it is Meta that
 * refused, or the number belongs to another account), so the server's own
 * detail follows a short lead.
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
