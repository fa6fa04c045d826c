import { ApiError } from '@companero/api-client';
import type { ErrorCode } from '@companero/contracts';
import type { TFunction } from 'i18next';

/** A translatable message for one field, from client-side validation or the server's field errors. */
export type FieldMessage =
  | { key: 'required' | 'invalidEmail' | 'invalid' | 'wholeNumber' | 'chooseAtLeastOne' }
  | { key: 'wrongPassword' | 'passwordMismatch' | 'emailTaken' }
  | { key: 'tooShort' | 'tooLong'; count: number }
  | { key: 'tooSmall'; min: number }
  | { key: 'tooBig'; max: number };

export type FieldErrors = Partial<Record<string, FieldMessage>>;

/** The parts of a Zod issue we read (structural, so the dashboard needs no zod import). */
interface IssueLike {
  code: string;
  path: PropertyKey[];
  origin?: string;
  format?: string;
  minimum?: number | bigint;
  maximum?: number | bigint;
  expected?: string;
}

interface SafeParser<T> {
  safeParse(data: unknown): { success: true; data: T } | { success: false; error: { issues: IssueLike[] } };
}

function messageOf(issue: Omit<IssueLike, 'path'>): FieldMessage {
  const min = Number(issue.minimum ?? 0);
  const max = Number(issue.maximum ?? 0);
  switch (issue.code) {
    case 'too_small':
      if (issue.origin === 'array' || issue.origin === 'set') return { key: 'chooseAtLeastOne' };
      if (issue.origin === 'number' || issue.origin === 'int') return { key: 'tooSmall', min };
      return min <= 1 ? { key: 'required' } : { key: 'tooShort', count: min };
    case 'too_big':
      if (issue.origin === 'number' || issue.origin === 'int') return { key: 'tooBig', max };
      return { key: 'tooLong', count: max };
    case 'invalid_format':
      return issue.format === 'email' ? { key: 'invalidEmail' } : { key: 'invalid' };
    case 'invalid_type':
      return issue.expected === 'int' ? { key: 'wholeNumber' } : { key: 'required' };
    case 'invalid_credentials':
      return { key: 'wrongPassword' };
    default:
      return { key: 'invalid' };
  }
}

/**
 * Checks form values with the same contracts schema the server uses, so the
 * creator sees the problem before a round trip, in the same words.
 *
 * @returns the parsed body, or the errors by field name (first error per field)
 */
export function validateWith<T>(
  schema: SafeParser<T>,
  values: unknown,
): { ok: true; data: T } | { ok: false; errors: FieldErrors } {
  const result = schema.safeParse(values);
  if (result.success) return { ok: true, data: result.data };
  const errors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const name = issue.path.map(String).join('.');
    errors[name] ??= messageOf(issue);
  }
  return { ok: false, errors };
}

/** Error codes that are about one field, so they show beside it rather than above the form. */
const FIELD_OF_CODE: Partial<Record<ErrorCode, { field: string; message: FieldMessage }>> = {
  EMAIL_TAKEN: { field: 'email', message: { key: 'emailTaken' } },
};

/** Field errors from a failed request; empty when the error is not about fields. */
export function fieldErrorsOf(error: unknown): FieldErrors {
  if (!(error instanceof ApiError)) return {};
  const errors: FieldErrors = {};
  for (const [name, fieldError] of Object.entries(error.fieldErrors)) {
    errors[name] = messageOf(fieldError);
  }
  const byCode = FIELD_OF_CODE[error.code];
  if (byCode) errors[byCode.field] ??= byCode.message;
  return errors;
}

/** True when the error is about one field only (shown beside it, no message above the form). */
export const isAboutOneField = (error: unknown) =>
  error instanceof ApiError && FIELD_OF_CODE[error.code] !== undefined;

export function translateFieldMessage(t: TFunction, message: FieldMessage | undefined): string | undefined {
  if (!message) return undefined;
  switch (message.key) {
    case 'tooShort':
    case 'tooLong':
      return t(`fieldErrors.${message.key}`, { count: message.count });
    case 'tooSmall':
      return t('fieldErrors.tooSmall', { min: message.min });
    case 'tooBig':
      return t('fieldErrors.tooBig', { max: message.max });
    default:
      return t(`fieldErrors.${message.key}`);
  }
}

/** The message for a failed request, translated from its stable code. */
export function translateError(t: TFunction, error: unknown): string {
  if (!(error instanceof ApiError)) return t('errors.INTERNAL');
  const message = t(`errors.${error.code}`);
  const seconds = error.retryAfterSeconds;
  if (seconds === undefined || seconds <= 0) return message;
  return `${message} ${t('errors.retryAfter', { count: Math.max(1, Math.ceil(seconds / 60)) })}`;
}
