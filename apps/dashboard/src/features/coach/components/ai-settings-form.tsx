import { ApiError } from '@companero/api-client';
import { type AiSettings, UpdateAiSettingsBodySchema } from '@companero/contracts';
import { type FormEvent, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../../components/ui/alert.tsx';
import { Button } from '../../../components/ui/button.tsx';
import { Card } from '../../../components/ui/card.tsx';
import { TextField } from '../../../components/ui/text-field.tsx';
import { useFocusFirstInvalid } from '../../../hooks/use-focus-first-invalid.ts';
import {
  type FieldErrors,
  fieldErrorsOf,
  translateError,
  translateFieldMessage,
  validateWith,
} from '../../../lib/form-errors.ts';
import { useUpdateAiSettings } from '../api/update-ai-settings.ts';

const MODEL_FIELDS = ['chatModel', 'fallbackModel', 'summariseModel', 'classifyModel'] as const;
type ModelField = (typeof MODEL_FIELDS)[number];

const savedKey = (s: AiSettings) =>
  JSON.stringify([...MODEL_FIELDS.map((f) => s[f]), s.monthlyTokenBudget, s.handoffOnCrisis]);

/** The provider named in a server refusal ("provider is not configured"), to say so in words. */
function unknownProviderOf(error: unknown, field: ModelField): string | undefined {
  if (!(error instanceof ApiError)) return undefined;
  const fieldError = error.fieldErrors[field];
  return fieldError?.code === 'unknown_provider' ? /"([^"]+)"/.exec(fieldError.message)?.[1] : undefined;
}

/** Which model writes, summarises and classifies, a fallback, a monthly token budget, and crisis handoff. */
export function AiSettingsForm({
  settings,
  providers,
}: {
  settings: AiSettings;
  providers: readonly string[];
}) {
  const { t } = useTranslation();
  const formRef = useRef<HTMLFormElement>(null);
  const suggestionsId = useId();
  const [errors, setErrors] = useState<FieldErrors>({});
  const update = useUpdateAiSettings({
    mutationConfig: { onError: (error) => setErrors(fieldErrorsOf(error)) },
  });
  useFocusFirstInvalid(formRef, errors);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: string) => String(form.get(name) ?? '').trim();
    const budget = text('monthlyTokenBudget');
    const body = {
      ...Object.fromEntries(MODEL_FIELDS.map((field) => [field, text(field) || null])),
      monthlyTokenBudget: budget === '' ? null : Number(budget),
      handoffOnCrisis: form.get('handoffOnCrisis') === 'on',
    };
    const result = validateWith(UpdateAiSettingsBodySchema, body);
    const found: FieldErrors = result.ok ? {} : result.errors;
    if (budget !== '' && !/^\d+$/.test(budget)) found.monthlyTokenBudget = { key: 'wholeNumber' };
    if (!result.ok || Object.keys(found).length > 0) {
      update.reset();
      setErrors(found);
      return;
    }
    setErrors({});
    update.mutate(result.data);
  }

  const modelError = (field: ModelField) => {
    const provider = unknownProviderOf(update.error, field);
    if (provider && errors[field]) return t('coach.models.unknownProvider', { provider });
    return errors[field]?.key === 'invalid'
      ? t('coach.models.modelFormat')
      : translateFieldMessage(t, errors[field]);
  };

  return (
    <Card title={t('coach.models.settingsTitle')} subtitle={t('coach.models.settingsSubtitle')}>
      <form
        key={savedKey(settings)}
        ref={formRef}
        className="form details-form"
        onSubmit={onSubmit}
        noValidate
      >
        {update.error && Object.keys(errors).length === 0 && (
          <Alert tone="error">{translateError(t, update.error)}</Alert>
        )}
        <datalist id={suggestionsId}>
          {providers.map((provider) => (
            <option key={provider} value={`${provider}:`} />
          ))}
        </datalist>
        <div className="coach-models-grid">
          {MODEL_FIELDS.map((field) => (
            <TextField
              key={field}
              label={t(`coach.models.fields.${field}`)}
              name={field}
              defaultValue={settings[field] ?? ''}
              className="field-mono"
              placeholder={field === 'chatModel' ? 'openai:gpt-4o-mini' : t('coach.models.platformDefault')}
              list={suggestionsId}
              autoComplete="off"
              spellCheck={false}
              maxLength={200}
              isOptional
              hint={t(`coach.models.hints.${field}`)}
              error={modelError(field)}
            />
          ))}
        </div>
        <TextField
          label={t('coach.models.fields.monthlyTokenBudget')}
          name="monthlyTokenBudget"
          type="number"
          inputMode="numeric"
          min={0}
          step={1000}
          defaultValue={settings.monthlyTokenBudget ?? ''}
          className="field-short-wide"
          isOptional
          hint={t('coach.models.hints.monthlyTokenBudget')}
          error={translateFieldMessage(t, errors.monthlyTokenBudget)}
        />
        <label className="checkbox">
          <input type="checkbox" name="handoffOnCrisis" defaultChecked={settings.handoffOnCrisis} />
          <span>
            <span className="checkbox-label">{t('coach.models.fields.handoffOnCrisis')}</span>
            <span className="checkbox-code">{t('coach.models.hints.handoffOnCrisis')}</span>
          </span>
        </label>
        <div className="form-actions">
          <Button type="submit" isLoading={update.isPending}>
            {update.isPending ? t('account.saving') : t('account.save')}
          </Button>
          {update.isSuccess && (
            <p className="inline-status" role="status">
              {t('account.saved')}
            </p>
          )}
        </div>
      </form>
    </Card>
  );
}
