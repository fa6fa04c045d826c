import './widget-settings.css';
import { UpdateWidgetConfigBodySchema, type WidgetConfig } from '@companero/contracts';
import { type FormEvent, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../../components/ui/alert.tsx';
import { Button } from '../../../components/ui/button.tsx';
import { Card } from '../../../components/ui/card.tsx';
import { LoadingState } from '../../../components/ui/spinner.tsx';
import { TextField } from '../../../components/ui/text-field.tsx';
import { useFocusFirstInvalid } from '../../../hooks/use-focus-first-invalid.ts';
import {
  type FieldErrors,
  fieldErrorsOf,
  translateError,
  translateFieldMessage,
  validateWith,
} from '../../../lib/form-errors.ts';
import { useWidgetConfig } from '../api/get-widget-config.ts';
import { useUpdateWidgetConfig } from '../api/update-widget-config.ts';
import { bodyOf, draftOf, previewThemeOf, type WidgetDraft } from '../utils/widget-draft.ts';
import { AllowedOriginsField } from './allowed-origins-field.tsx';
import { EmbedCode } from './embed-code.tsx';
import { RotateKeyButton } from './rotate-key-button.tsx';
import { ThemeFields } from './theme-fields.tsx';
import { WidgetPreview } from './widget-preview.tsx';

const COLOR_FIELDS = new Set(['primaryColor', 'textOnPrimary', 'background']);

/** The widget page: loads the settings, then the form, the preview and the embed code. */
export function WidgetSettings() {
  const { t } = useTranslation();
  const config = useWidgetConfig();
  if (config.isPending) return <LoadingState />;
  if (config.isError) {
    return (
      <Alert
        tone="error"
        action={
          <Button variant="secondary" size="sm" onClick={() => config.refetch()}>
            {t('common.retry')}
          </Button>
        }
      >
        {translateError(t, config.error)}
      </Alert>
    );
  }
  return <WidgetSettingsForm config={config.data} />;
}

/**
 * Everything about the web widget in one form saved with one PATCH: its
 * looks (previewed live, before saving), the sites allowed to embed it and
 * its message limits. Problems show beside their field, from the contracts'
 * own rules or the server's answer.
 */
function WidgetSettingsForm({ config }: { config: WidgetConfig }) {
  const { t } = useTranslation();
  const formRef = useRef<HTMLFormElement>(null);
  const enabledId = useId();
  const formId = useId();
  const [draft, setDraft] = useState<WidgetDraft>(() => draftOf(config));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [isRotated, setIsRotated] = useState(false);
  const update = useUpdateWidgetConfig({
    mutationConfig: {
      onError: (error) => setErrors(fieldErrorsOf(error)),
      onSuccess: (saved) => setDraft(draftOf(saved)),
    },
  });
  useFocusFirstInvalid(formRef, errors);
  const isDirty = JSON.stringify(draft) !== JSON.stringify(draftOf(config));

  function change(next: (draft: WidgetDraft) => WidgetDraft) {
    setDraft(next);
    if (update.isSuccess) update.reset();
  }

  const errorOf = (name: string) => {
    const message = errors[name];
    if (!message) return undefined;
    const [, key] = name.split('.');
    if (name.startsWith('theme.') && key && COLOR_FIELDS.has(key) && message.key === 'invalid')
      return t('widget.theme.colorFormat');
    if (name === 'theme.avatarUrl' && message.key === 'invalid') return t('widget.theme.urlFormat');
    return translateFieldMessage(t, message);
  };
  const invalidOrigins = new Set(
    Object.keys(errors)
      .filter((name) => name.startsWith('allowedOrigins.'))
      .map((name) => Number(name.split('.')[1])),
  );

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const result = validateWith(UpdateWidgetConfigBodySchema, bodyOf(draft));
    if (!result.ok) {
      update.reset();
      setErrors(result.errors);
      return;
    }
    setErrors({});
    update.mutate(result.data);
  }

  const limit = (name: 'visitorMessagesPerMinute' | 'widgetMessagesPerMinute', max: number) => (
    <TextField
      label={t(`widget.limits.${name}`)}
      name={name}
      type="number"
      inputMode="numeric"
      min={1}
      max={max}
      value={draft[name]}
      hint={t(`widget.limits.hints.${name}`)}
      error={errorOf(name)}
      onChange={(event) => change((d) => ({ ...d, [name]: event.target.value }))}
    />
  );

  const hasErrors = Object.keys(errors).length > 0;
  return (
    <div className="stack-lg">
      <div className="widget-layout">
        <form
          ref={formRef}
          id={formId}
          className="widget-form"
          onSubmit={onSubmit}
          noValidate
          aria-label={t('widget.formLabel')}
        >
          <Card title={t('widget.appearance.title')} subtitle={t('widget.appearance.subtitle')}>
            <ThemeFields
              theme={draft.theme}
              errorOf={(key) => errorOf(`theme.${key}`)}
              onChange={(key, value) => change((d) => ({ ...d, theme: { ...d.theme, [key]: value } }))}
            />
          </Card>
          <Card title={t('widget.access.title')} subtitle={t('widget.access.subtitle')}>
            <div className="form">
              <label className="checkbox" htmlFor={enabledId}>
                <input
                  id={enabledId}
                  type="checkbox"
                  name="enabled"
                  checked={draft.enabled}
                  onChange={(event) => change((d) => ({ ...d, enabled: event.target.checked }))}
                />
                <span>
                  <span className="checkbox-label">{t('widget.access.enabled')}</span>
                  <span className="checkbox-code">{t('widget.access.enabledHint')}</span>
                </span>
              </label>
              <AllowedOriginsField
                origins={draft.allowedOrigins}
                invalidOrigins={invalidOrigins}
                onChange={(allowedOrigins) => change((d) => ({ ...d, allowedOrigins }))}
              />
            </div>
          </Card>
          <Card title={t('widget.limits.title')} subtitle={t('widget.limits.subtitle')}>
            <div className="widget-grid-2">
              {limit('visitorMessagesPerMinute', 600)}
              {limit('widgetMessagesPerMinute', 100_000)}
            </div>
          </Card>
        </form>
        <div className="widget-side">
          <WidgetPreview publicKey={config.publicKey} theme={previewThemeOf(draft, config.theme)} />
          <div className="widget-save-bar">
            {update.error && !hasErrors && <Alert tone="error">{translateError(t, update.error)}</Alert>}
            {hasErrors && (
              <p className="field-error" role="alert">
                {t('widget.fixErrors')}
              </p>
            )}
            {isDirty ? (
              <p>
                <span className="badge badge-warning">{t('widget.unsaved')}</span>
              </p>
            ) : (
              update.isSuccess && (
                <p className="inline-status" role="status">
                  {t('widget.saved')}
                </p>
              )
            )}
            <div className="widget-save-row">
              <Button type="submit" form={formId} isLoading={update.isPending}>
                {update.isPending ? t('account.saving') : t('widget.save')}
              </Button>
              {isDirty && (
                <Button
                  variant="ghost"
                  onClick={() => {
                    setDraft(draftOf(config));
                    setErrors({});
                    update.reset();
                  }}
                >
                  {t('widget.discard')}
                </Button>
              )}
            </div>
          </div>
        </div>
      </div>
      <Card
        title={t('widget.embed.title')}
        subtitle={t('widget.embed.subtitle')}
        actions={<RotateKeyButton onRotated={() => setIsRotated(true)} />}
      >
        <div className="stack">
          {isRotated && (
            <Alert tone="success" title={t('widget.key.rotatedTitle')}>
              {t('widget.key.rotatedBody')}
            </Alert>
          )}
          {!config.enabled && <Alert tone="warning">{t('widget.embed.disabled')}</Alert>}
          <TextField
            label={t('widget.key.label')}
            name="publicKey"
            value={config.publicKey}
            readOnly
            className="field-mono"
            hint={t('widget.key.hint')}
            onFocus={(event) => event.currentTarget.select()}
          />
          <EmbedCode publicKey={config.publicKey} />
        </div>
      </Card>
    </div>
  );
}
