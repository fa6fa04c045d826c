import { isApiError } from '@companero/api-client';
import { LoginBodySchema } from '@companero/contracts';
import { type FormEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
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
import { useLogIn } from '../api/log-in.ts';
import { useRedirectTarget } from '../hooks/use-redirect-target.ts';
import { ResendVerificationButton } from './resend-verification-button.tsx';

export function LogInForm({ notice }: { notice?: string | undefined }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const target = useRedirectTarget();
  const formRef = useRef<HTMLFormElement>(null);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [email, setEmail] = useState('');
  const logIn = useLogIn({
    mutationConfig: {
      onSuccess: () => navigate(target, { replace: true }),
      onError: (error) => setErrors(fieldErrorsOf(error)),
    },
  });
  useFocusFirstInvalid(formRef, errors);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const values = {
      email: String(form.get('email') ?? '').trim(),
      password: String(form.get('password') ?? ''),
    };
    setEmail(values.email);
    const result = validateWith(LoginBodySchema, values);
    if (!result.ok) {
      logIn.reset();
      setErrors(result.errors);
      return;
    }
    setErrors({});
    logIn.mutate(result.data);
  }

  const fe = (name: string) => translateFieldMessage(t, errors[name]);
  return (
    <form ref={formRef} className="form" onSubmit={onSubmit} noValidate>
      {notice && !logIn.error && <Alert tone="info">{notice}</Alert>}
      {logIn.error && (
        <Alert
          tone="error"
          action={
            isApiError(logIn.error, 'EMAIL_NOT_VERIFIED') ? (
              <ResendVerificationButton email={email} label={t('auth.login.resend')} />
            ) : undefined
          }
        >
          {translateError(t, logIn.error)}
        </Alert>
      )}
      <TextField
        label={t('auth.login.email')}
        name="email"
        type="email"
        autoComplete="email"
        inputMode="email"
        required
        error={fe('email')}
      />
      <TextField
        label={t('auth.login.password')}
        name="password"
        type="password"
        autoComplete="current-password"
        required
        error={fe('password')}
      />
      <div className="form-row-end">
        <Link to="/forgot-password" className="link-subtle">
          {t('auth.login.forgot')}
        </Link>
      </div>
      <Button type="submit" className="btn-block" isLoading={logIn.isPending}>
        {logIn.isPending ? t('auth.login.submitting') : t('auth.login.submit')}
      </Button>
    </form>
  );
}
