import { ConnectWhatsAppBodySchema, type WhatsAppAccount } from '@companero/contracts';
import { type FormEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../../components/ui/alert.tsx';
import { Button } from '../../../components/ui/button.tsx';
import { Card } from '../../../components/ui/card.tsx';
import { ChipInput } from '../../../components/ui/chip-input.tsx';
import { TextField } from '../../../components/ui/text-field.tsx';
import { useFocusFirstInvalid } from '../../../hooks/use-focus-first-invalid.ts';
import {
  type FieldErrors,
  fieldErrorsOf,
  translateFieldMessage,
  validateWith,
} from '../../../lib/form-errors.ts';
import { useConnectWhatsApp } from '../api/connect-whatsapp.ts';
import { bodyOf, type ConnectionDraft, draftOf, missingSecrets } from '../utils/connection-draft.ts';
import { translateWhatsAppError } from '../utils/whatsapp-error.ts';

const ID_FIELDS = new Set(['wabaId', 'phoneNumberId']);

/**
 * The credentials from Meta and how the number behaves, saved with one PUT.
 * The access token and app secret are write-only: once saved the fields stay
 * empty ("saved — enter a new value to replace it") and a blank field keeps
 * the saved value. Problems show beside their field, from the contracts' own
 * rules or the server's answer.
 */
export function ConnectionForm({ account }: { account: WhatsAppAccount }) {
  const { t } = useTranslation();
  const formRef = useRef<HTMLFormElement>(null);
  const [draft, setDraft] = useState<ConnectionDraft>(() => draftOf(account));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [wasConnected, setWasConnected] = useState(account.connected);
  const connect = useConnectWhatsApp({
    mutationConfig: {
      onError: (error) => setErrors(fieldErrorsOf(error)),
      onSuccess: (saved) => setDraft(draftOf(saved)),
    },
  });
  useFocusFirstInvalid(formRef, errors);

  function change(patch: Partial<ConnectionDraft>) {
    setDraft((current) => ({ ...current, ...patch }));
    if (connect.isSuccess) connect.reset();
  }

  const errorOf = (name: string) => {
    const message = errors[name];
    if (!message) return undefined;
    if (ID_FIELDS.has(name) && message.key === 'invalid') return t('whatsapp.form.digitsOnly');
    return translateFieldMessage(t, message);
  };
  const keywordsError = (name: 'optOutKeywords' | 'optInKeywords') =>
    errorOf(name) ??
    (Object.keys(errors).some((key) => key.startsWith(`${name}.`))
      ? t('whatsapp.form.keywordInvalid')
      : undefined);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const result = validateWith(ConnectWhatsAppBodySchema, bodyOf(draft));
    const missing = missingSecrets(draft, account);
    if (!result.ok || Object.keys(missing).length > 0) {
      connect.reset();
      setErrors({ ...missing, ...(result.ok ? {} : result.errors) });
      return;
    }
    setErrors({});
    setWasConnected(account.connected);
    connect.mutate(result.data);
  }

  const secret = (name: 'accessToken' | 'appSecret', isSaved: boolean) => (
    <TextField
      label={t(`whatsapp.form.${name}`)}
      name={name}
      type="password"
      autoComplete="new-password"
      spellCheck={false}
      value={draft[name]}
      placeholder={isSaved ? '••••••••••••' : undefined}
      hint={isSaved ? t('whatsapp.form.secretSaved') : t(`whatsapp.form.hints.${name}`)}
      error={errorOf(name)}
      onChange={(event) => change({ [name]: event.target.value })}
    />
  );

  const hasErrors = Object.keys(errors).length > 0;
  return (
    <form
      ref={formRef}
      className="wa-form"
      onSubmit={onSubmit}
      noValidate
      aria-label={t('whatsapp.form.label')}
    >
      <Card title={t('whatsapp.form.credentialsTitle')} subtitle={t('whatsapp.form.credentialsSubtitle')}>
        <div className="form">
          <div className="wa-grid-2">
            <TextField
              label={t('whatsapp.form.wabaId')}
              name="wabaId"
              inputMode="numeric"
              autoComplete="off"
              spellCheck={false}
              value={draft.wabaId}
              hint={t('whatsapp.form.hints.wabaId')}
              error={errorOf('wabaId')}
              onChange={(event) => change({ wabaId: event.target.value })}
            />
            <TextField
              label={t('whatsapp.form.phoneNumberId')}
              name="phoneNumberId"
              inputMode="numeric"
              autoComplete="off"
              spellCheck={false}
              value={draft.phoneNumberId}
              hint={t('whatsapp.form.hints.phoneNumberId')}
              error={errorOf('phoneNumberId')}
              onChange={(event) => change({ phoneNumberId: event.target.value })}
            />
          </div>
          {secret('accessToken', account.hasAccessToken)}
          {secret('appSecret', account.hasAppSecret)}
        </div>
      </Card>
      <Card title={t('whatsapp.form.messagingTitle')} subtitle={t('whatsapp.form.messagingSubtitle')}>
        <div className="form">
          <TextField
            label={t('whatsapp.form.messagesPerSecond')}
            name="messagesPerSecond"
            type="number"
            inputMode="numeric"
            min={1}
            max={1000}
            className="field-short"
            value={draft.messagesPerSecond}
            hint={t('whatsapp.form.hints.messagesPerSecond')}
            error={errorOf('messagesPerSecond')}
            onChange={(event) => change({ messagesPerSecond: event.target.value })}
          />
          <ChipInput
            label={t('whatsapp.form.optOutKeywords')}
            name="optOutKeywords"
            values={draft.optOutKeywords}
            maxItems={20}
            maxLength={30}
            hint={t('whatsapp.form.hints.optOutKeywords')}
            error={keywordsError('optOutKeywords')}
            onChange={(optOutKeywords) => change({ optOutKeywords })}
          />
          <ChipInput
            label={t('whatsapp.form.optInKeywords')}
            name="optInKeywords"
            values={draft.optInKeywords}
            maxItems={20}
            maxLength={30}
            isOptional
            hint={t('whatsapp.form.hints.optInKeywords')}
            error={keywordsError('optInKeywords')}
            onChange={(optInKeywords) => change({ optInKeywords })}
          />
        </div>
      </Card>
      <div className="wa-save-bar">
        {connect.error && !hasErrors && (
          <Alert tone="error">{translateWhatsAppError(t, connect.error)}</Alert>
        )}
        {hasErrors && (
          <p className="field-error" role="alert">
            {t('whatsapp.form.fixErrors')}
          </p>
        )}
        {connect.isSuccess && (
          <p className="inline-status" role="status">
            {wasConnected
              ? t('whatsapp.form.saved')
              : t('whatsapp.form.connected', {
                  phone: connect.data.displayPhone ?? connect.data.phoneNumberId ?? '',
                })}
          </p>
        )}
        <Button type="submit" isLoading={connect.isPending}>
          {connect.isPending
            ? t('whatsapp.form.saving')
            : account.connected
              ? t('whatsapp.form.save')
              : t('whatsapp.form.connect')}
        </Button>
      </div>
    </form>
  );
}
