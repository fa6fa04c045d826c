import { LOCALES, UpdateMeBodySchema } from '@companero/contracts';
import { type FormEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../../components/ui/alert.tsx';
import { Button } from '../../../components/ui/button.tsx';
import { Card } from '../../../components/ui/card.tsx';
import { SelectField } from '../../../components/ui/select-field.tsx';
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
import { useUpdateMe } from '../api/update-me.ts';

export function ProfileForm() {
  const { t } = useTranslation();
  const creator = useCreator();
  const formRef = useRef<HTMLFormElement>(null);
  const [errors, setErrors] = useState<FieldErrors>({});
  const updateMe = useUpdateMe({ mutationConfig: { onError: (error) => setErrors(fieldErrorsOf(error)) } });
  useFocusFirstInvalid(formRef, errors);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const result = validateWith(UpdateMeBodySchema, {
      displayName: String(form.get('displayName') ?? ''),
      locale: String(form.get('locale') ?? ''),
    });
    if (!result.ok) {
      updateMe.reset();
      setErrors(result.errors);
      return;
    }
    setErrors({});
    updateMe.mutate(result.data);
  }

  return (
    <Card title={t('account.profileTitle')} subtitle={t('account.profileSubtitle')}>
      <form ref={formRef} className="form form-narrow" onSubmit={onSubmit} noValidate>
        {updateMe.error && <Alert tone="error">{translateError(t, updateMe.error)}</Alert>}
        <TextField
          label={t('account.email')}
          name="email"
          type="email"
          value={creator.email}
          readOnly
          disabled
        />
        <TextField
          label={t('account.displayName')}
          name="displayName"
          autoComplete="name"
          defaultValue={creator.displayName}
          required
          maxLength={120}
          error={translateFieldMessage(t, errors.displayName)}
        />
        {/* Keyed by the saved locale: switching language in the top bar updates this default too. */}
        <SelectField
          key={creator.locale}
          label={t('account.language')}
          name="locale"
          defaultValue={creator.locale}
          options={LOCALES.map((locale) => ({ value: locale, label: t(`language.${locale}`) }))}
          error={translateFieldMessage(t, errors.locale)}
        />
        <div className="form-actions">
          <Button type="submit" isLoading={updateMe.isPending}>
            {updateMe.isPending ? t('account.saving') : t('account.save')}
          </Button>
          {updateMe.isSuccess && (
            <p className="inline-status" role="status">
              {t('account.saved')}
            </p>
          )}
        </div>
      </form>
    </Card>
  );
}
