import { ChangePasswordBodySchema } from '@companero/contracts';
import { type FormEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../../components/ui/alert.tsx';
import { Button } from '../../../components/ui/button.tsx';
import { Card } from '../../../components/ui/card.tsx';
import { TextField } from '../../../components/ui/text-field.tsx';
import { useFocusFirstInvalid } from '../../../hooks/use-focus-first-invalid.ts';
import { useCreator } from '../../../lib/api.ts';
import {
  type FieldErrors,
  fieldErrorsOf,
  translateError,
  translateFieldMessage,
  validateWith,
} from '../../../lib/form-errors.ts';
import { useChangePassword } from '../api/change-password.ts';

export function ChangePasswordForm() {
  const { t } = useTranslation();
  const creator = useCreator();
  const formRef = useRef<HTMLFormElement>(null);
  const [errors, setErrors] = useState<FieldErrors>({});
  const changePassword = useChangePassword({
    mutationConfig: {
      onError: (error) => setErrors(fieldErrorsOf(error)),
      onSuccess: () => formRef.current?.reset(),
    },
  });
  useFocusFirstInvalid(formRef, errors);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const newPassword = String(form.get('newPassword') ?? '');
    const result = validateWith(ChangePasswordBodySchema, {
      currentPassword: String(form.get('currentPassword') ?? ''),
      newPassword,
    });
    const found: FieldErrors = result.ok ? {} : { ...result.errors };
    if (!found.newPassword && newPassword !== String(form.get('confirmPassword') ?? '')) {
      found.confirmPassword = { key: 'passwordMismatch' };
    }
    if (!result.ok || Object.keys(found).length > 0) {
      changePassword.reset();
      setErrors(found);
      return;
    }
    setErrors({});
    changePassword.mutate(result.data);
  }

  const fe = (name: string) => translateFieldMessage(t, errors[name]);
  // A wrong current password is shown beside that field; anything else above the form.
  const showAlert = changePassword.error && !errors.currentPassword;
  return (
    <Card title={t('account.passwordTitle')} subtitle={t('account.passwordSubtitle')}>
      <form ref={formRef} className="form form-narrow" onSubmit={onSubmit} noValidate>
        {showAlert && <Alert tone="error">{translateError(t, changePassword.error)}</Alert>}
        {/* Lets password managers pair the new password with the account. */}
        <input type="text" name="username" autoComplete="username" value={creator.email} hidden readOnly />
        <TextField
          label={t('account.currentPassword')}
          name="currentPassword"
          type="password"
          autoComplete="current-password"
          required
          error={fe('currentPassword')}
        />
        <TextField
          label={t('account.newPassword')}
          name="newPassword"
          type="password"
          autoComplete="new-password"
          required
          minLength={8}
          hint={t('account.newPasswordHint')}
          error={fe('newPassword')}
        />
        <TextField
          label={t('account.confirmPassword')}
          name="confirmPassword"
          type="password"
          autoComplete="new-password"
          required
          error={fe('confirmPassword')}
        />
        <div className="form-actions">
          <Button type="submit" isLoading={changePassword.isPending}>
            {changePassword.isPending ? t('account.changing') : t('account.changePassword')}
          </Button>
          {changePassword.isSuccess && (
            <p className="inline-status" role="status">
              {t('account.passwordChanged')}
            </p>
          )}
        </div>
      </form>
    </Card>
  );
}
