import { API_SCOPES, type ApiScope, CreateApiKeyBodySchema, type CreatedApiKey } from '@companero/contracts';
import { type FormEvent, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../../components/ui/alert.tsx';
import { Button } from '../../../components/ui/button.tsx';
import { Dialog } from '../../../components/ui/dialog.tsx';
import { Icon } from '../../../components/ui/icons.tsx';
import { TextField } from '../../../components/ui/text-field.tsx';
import { useFocusFirstInvalid } from '../../../hooks/use-focus-first-invalid.ts';
import {
  type FieldErrors,
  fieldErrorsOf,
  translateError,
  translateFieldMessage,
  validateWith,
} from '../../../lib/form-errors.ts';
import { useCreateApiKey } from '../api/create-api-key.ts';
import { useScopeLabel } from '../hooks/use-scope-label.ts';
import { ApiKeySecret } from './api-key-secret.tsx';

/**
 * Create a key, then show its secret once. While the secret is on screen the
 * dialog ignores Escape and outside clicks: closing it by accident would lose
 * the only copy.
 */
export function CreateApiKeyDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const [created, setCreated] = useState<CreatedApiKey>();
  const close = () => {
    setCreated(undefined);
    onClose();
  };
  return (
    <Dialog
      open={open}
      onClose={close}
      isDismissible={!created}
      title={created ? t('apiKeys.secretDialog.title') : t('apiKeys.createDialog.title')}
      description={created ? undefined : t('apiKeys.createDialog.description')}
    >
      {created ? (
        <ApiKeySecret created={created} onDone={close} />
      ) : (
        <CreateApiKeyForm onCreated={setCreated} onCancel={close} />
      )}
    </Dialog>
  );
}

function CreateApiKeyForm({
  onCreated,
  onCancel,
}: {
  onCreated: (created: CreatedApiKey) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const scopeLabel = useScopeLabel();
  const formRef = useRef<HTMLFormElement>(null);
  const scopesErrorId = useId();
  const [errors, setErrors] = useState<FieldErrors>({});
  const create = useCreateApiKey({
    mutationConfig: { onSuccess: onCreated, onError: (error) => setErrors(fieldErrorsOf(error)) },
  });
  useFocusFirstInvalid(formRef, errors);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const days = String(form.get('expiresInDays') ?? '').trim();
    const result = validateWith(CreateApiKeyBodySchema, {
      name: String(form.get('name') ?? ''),
      scopes: form.getAll('scopes').map(String),
      ...(days ? { expiresInDays: Number(days) } : {}),
    });
    if (!result.ok) {
      create.reset();
      setErrors(result.errors);
      return;
    }
    setErrors({});
    create.mutate(result.data);
  }

  const scopesError = translateFieldMessage(t, errors.scopes);
  return (
    <form ref={formRef} className="form" onSubmit={onSubmit} noValidate>
      <div className="dialog-body">
        {create.error && <Alert tone="error">{translateError(t, create.error)}</Alert>}
        <TextField
          label={t('apiKeys.createDialog.name')}
          name="name"
          placeholder={t('apiKeys.createDialog.namePlaceholder')}
          required
          maxLength={100}
          autoComplete="off"
          data-autofocus
          error={translateFieldMessage(t, errors.name)}
        />
        <fieldset className="fieldset" aria-describedby={scopesError ? scopesErrorId : undefined}>
          <legend className="field-label">{t('apiKeys.createDialog.scopes')}</legend>
          <p className="field-hint">{t('apiKeys.createDialog.scopesHint')}</p>
          {scopesError && (
            <p id={scopesErrorId} className="field-error">
              <Icon name="alert" size={16} />
              {scopesError}
            </p>
          )}
          <div className="checkbox-grid">
            {API_SCOPES.map((scope: ApiScope) => (
              <label key={scope} className="checkbox">
                <input
                  type="checkbox"
                  name="scopes"
                  value={scope}
                  aria-invalid={scopesError ? true : undefined}
                />
                <span>
                  <span className="checkbox-label">{scopeLabel(scope)}</span>
                  <code className="checkbox-code">{scope}</code>
                </span>
              </label>
            ))}
          </div>
        </fieldset>
        <TextField
          label={t('apiKeys.createDialog.expiresInDays')}
          name="expiresInDays"
          type="number"
          inputMode="numeric"
          min={1}
          max={3650}
          step={1}
          isOptional
          className="field-short"
          hint={t('apiKeys.createDialog.expiresHint')}
          error={translateFieldMessage(t, errors.expiresInDays)}
        />
      </div>
      <footer className="dialog-footer">
        <Button variant="secondary" onClick={onCancel}>
          {t('common.cancel')}
        </Button>
        <Button type="submit" isLoading={create.isPending}>
          {create.isPending ? t('apiKeys.createDialog.submitting') : t('apiKeys.createDialog.submit')}
        </Button>
      </footer>
    </form>
  );
}
