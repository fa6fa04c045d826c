import { PasswordResetConfirmBodySchema } from '@companero/contracts';
import { type FormEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Alert } from '../../../components/ui/alert.tsx';
import { Button } from '../../../components/ui/button.tsx';
import { DonePanel } from '../../../components/ui/done-panel.tsx';
import { TextField } from '../../../components/ui/text-field.tsx';
import { useFocusFirstInvalid } from '../../../hooks/use-focus-first-invalid.ts';
import {
  type FieldErrors,
  fieldErrorsOf,
  translateError,
  translateFieldMessage,
  validateWith,
} from '../../../lib/form-errors.ts';
import { useResetPassword } from '../api/reset-password.ts';

export function ResetPasswordForm({ token }: { token: string }) {
  const { t } = useTranslation();
  const formRef = useRef<HTMLFormElement>(null);
  const [errors, setErrors] = useState<FieldErrors>({});
  const reset = useResetPassword({ mutationConfig: { onError: (error) => setErrors(fieldErrorsOf(error)) } });
  useFocusFirstInvalid(formRef, errors);

  if (reset.isSuccess) {
    return (
      <DonePanel icon="check" tone="success" title={t('auth.reset.successTitle')}>
        <p>{t('auth.reset.successBody')}</p>
        <Link to="/login" className="btn btn-primary btn-block">
          {t('auth.reset.logIn')}
        </Link>
      </DonePanel>
    );
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const password = String(form.get('password') ?? '');
    const result = validateWith(PasswordResetConfirmBodySchema, { token, password });
    const found: FieldErrors = result.ok ? {} : { ...result.errors };
    if (!found.password && password !== String(form.get('confirm') ?? ''))
      found.confirm = { key: 'passwordMismatch' };
    if (!result.ok || Object.keys(found).length > 0) {
      setErrors(found);
      return;
    }
    setErrors({});
    reset.mutate(result.data);
  }

  const fe = (name: string) => translateFieldMessage(t, errors[name]);
  return (
    <form ref={formRef} className="form" onSubmit={onSubmit} noValidate>
      {reset.error && (
        <Alert
          tone="error"
          action={
            <Link to="/forgot-password" className="link">
              {t('auth.reset.requestNew')}
            </Link>
          }
        >
          {translateError(t, reset.error)}
        </Alert>
      )}
      <TextField
        label={t('auth.reset.password')}
        name="password"
        type="password"
        autoComplete="new-password"
        required
        minLength={8}
        hint={t('auth.reset.passwordHint')}
        error={fe('password')}
      />
      <TextField
        label={t('auth.reset.confirm')}
        name="confirm"
        type="password"
        autoComplete="new-password"
        required
        error={fe('confirm')}
      />
      <Button type="submit" className="btn-block" isLoading={reset.isPending}>
        {reset.isPending ? t('auth.reset.submitting') : t('auth.reset.submit')}
      </Button>
    </form>
  );
}
