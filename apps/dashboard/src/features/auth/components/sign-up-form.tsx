import { SignupBodySchema } from '@companero/contracts';
import { type FormEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../../components/ui/alert.tsx';
import { Button } from '../../../components/ui/button.tsx';
import { TextField } from '../../../components/ui/text-field.tsx';
import { useFocusFirstInvalid } from '../../../hooks/use-focus-first-invalid.ts';
import { currentLocale } from '../../../i18n/index.ts';
import {
  type FieldErrors,
  fieldErrorsOf,
  isAboutOneField,
  translateError,
  translateFieldMessage,
  validateWith,
} from '../../../lib/form-errors.ts';
import { useSignUp } from '../api/sign-up.ts';

/**
 * The sign-up form. The account starts in the language the page is shown in,
 * so a creator who switched to Spanish gets Spanish mail.
 */
export function SignUpForm({ onSignedUp }: { onSignedUp: (email: string) => void }) {
  const { t } = useTranslation();
  const formRef = useRef<HTMLFormElement>(null);
  const [errors, setErrors] = useState<FieldErrors>({});
  const signUp = useSignUp({
    mutationConfig: {
      onSuccess: (result) => onSignedUp(result.creator.email),
      onError: (error) => setErrors(fieldErrorsOf(error)),
    },
  });
  useFocusFirstInvalid(formRef, errors);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const result = validateWith(SignupBodySchema, {
      displayName: String(form.get('displayName') ?? ''),
      email: String(form.get('email') ?? '').trim(),
      password: String(form.get('password') ?? ''),
      locale: currentLocale(),
    });
    if (!result.ok) {
      signUp.reset();
      setErrors(result.errors);
      return;
    }
    setErrors({});
    signUp.mutate(result.data);
  }

  const fe = (name: string) => translateFieldMessage(t, errors[name]);
  return (
    <form ref={formRef} className="form" onSubmit={onSubmit} noValidate>
      {signUp.error && !isAboutOneField(signUp.error) && (
        <Alert tone="error">{translateError(t, signUp.error)}</Alert>
      )}
      <TextField
        label={t('auth.signup.displayName')}
        name="displayName"
        autoComplete="name"
        required
        maxLength={120}
        hint={t('auth.signup.displayNameHint')}
        error={fe('displayName')}
      />
      <TextField
        label={t('auth.signup.email')}
        name="email"
        type="email"
        autoComplete="email"
        inputMode="email"
        required
        error={fe('email')}
      />
      <TextField
        label={t('auth.signup.password')}
        name="password"
        type="password"
        autoComplete="new-password"
        required
        minLength={8}
        hint={t('auth.signup.passwordHint')}
        error={fe('password')}
      />
      <Button type="submit" className="btn-block" isLoading={signUp.isPending}>
        {signUp.isPending ? t('auth.signup.submitting') : t('auth.signup.submit')}
      </Button>
    </form>
  );
}
