import { EmailBodySchema } from '@companero/contracts';
import { type FormEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../../components/ui/alert.tsx';
import { Button } from '../../../components/ui/button.tsx';
import { TextField } from '../../../components/ui/text-field.tsx';
import { useFocusFirstInvalid } from '../../../hooks/use-focus-first-invalid.ts';
import {
  type FieldErrors,
  fieldErrorsOf,
  translateError,
  translateFieldMessage,
  validateWith,
} from '../../../lib/form-errors.ts';
import { useRequestPasswordReset } from '../api/request-password-reset.ts';

export function ForgotPasswordForm({ onSent }: { onSent: (email: string) => void }) {
  const { t } = useTranslation();
  const formRef = useRef<HTMLFormElement>(null);
  const [errors, setErrors] = useState<FieldErrors>({});
  const request = useRequestPasswordReset({
    mutationConfig: {
      onSuccess: (_answer, body) => onSent(body.email),
      onError: (error) => setErrors(fieldErrorsOf(error)),
    },
  });
  useFocusFirstInvalid(formRef, errors);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const result = validateWith(EmailBodySchema, { email: String(form.get('email') ?? '').trim() });
    if (!result.ok) {
      setErrors(result.errors);
      return;
    }
    setErrors({});
    request.mutate(result.data);
  }

  return (
    <form ref={formRef} className="form" onSubmit={onSubmit} noValidate>
      {request.error && <Alert tone="error">{translateError(t, request.error)}</Alert>}
      <TextField
        label={t('auth.forgot.email')}
        name="email"
        type="email"
        autoComplete="email"
        inputMode="email"
        required
        error={translateFieldMessage(t, errors.email)}
      />
      <Button type="submit" className="btn-block" isLoading={request.isPending}>
        {request.isPending ? t('auth.forgot.submitting') : t('auth.forgot.submit')}
      </Button>
    </form>
  );
}
