import { WhatsAppTestBodySchema } from '@companero/contracts';
import { type FormEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../../components/ui/alert.tsx';
import { Button } from '../../../components/ui/button.tsx';
import { Card } from '../../../components/ui/card.tsx';
import { Icon } from '../../../components/ui/icons.tsx';
import { TextField } from '../../../components/ui/text-field.tsx';
import { useFocusFirstInvalid } from '../../../hooks/use-focus-first-invalid.ts';
import {
  type FieldErrors,
  fieldErrorsOf,
  translateFieldMessage,
  validateWith,
} from '../../../lib/form-errors.ts';
import { type TestMessageBody, useSendTestMessage } from '../api/send-test-message.ts';
import { translateWhatsAppError } from '../utils/whatsapp-error.ts';

/**
 * Proves the connection end to end: Meta checks the credentials and sends a
 * template (Meta's own `hello_world` works on every new account) to a phone.
 * Meta's answer shows as it came: the message id and the number's verified
 * name and tier, or the Graph error code and message.
 */
export function TestMessageForm() {
  const { t } = useTranslation();
  const formRef = useRef<HTMLFormElement>(null);
  const [values, setValues] = useState<TestMessageBody>({
    to: '',
    template: 'hello_world',
    language: 'en_US',
  });
  const [errors, setErrors] = useState<FieldErrors>({});
  const test = useSendTestMessage({
    mutationConfig: { onError: (error) => setErrors(fieldErrorsOf(error)) },
  });
  useFocusFirstInvalid(formRef, errors);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const result = validateWith(WhatsAppTestBodySchema, values);
    if (!result.ok) {
      test.reset();
      setErrors(result.errors);
      return;
    }
    setErrors({});
    test.mutate(result.data);
  }

  const field = (name: keyof TestMessageBody) => ({
    name,
    value: values[name],
    error:
      name === 'to' && errors.to?.key === 'invalid'
        ? t('whatsapp.test.phoneFormat')
        : translateFieldMessage(t, errors[name]),
    onChange: (event: { target: { value: string } }) =>
      setValues((current) => ({ ...current, [name]: event.target.value })),
  });

  const result = test.data;
  return (
    <Card title={t('whatsapp.test.title')} subtitle={t('whatsapp.test.subtitle')}>
      <form
        ref={formRef}
        className="form"
        onSubmit={onSubmit}
        noValidate
        aria-label={t('whatsapp.test.title')}
      >
        <TextField
          label={t('whatsapp.test.to')}
          type="tel"
          inputMode="tel"
          autoComplete="off"
          placeholder="+34600111222"
          hint={t('whatsapp.test.toHint')}
          {...field('to')}
        />
        <div className="wa-grid-2">
          <TextField
            label={t('whatsapp.test.template')}
            autoComplete="off"
            spellCheck={false}
            {...field('template')}
          />
          <TextField
            label={t('whatsapp.test.language')}
            autoComplete="off"
            spellCheck={false}
            {...field('language')}
          />
        </div>
        {test.error && Object.keys(errors).length === 0 && (
          <Alert tone="error">{translateWhatsAppError(t, test.error)}</Alert>
        )}
        {result?.ok && (
          <Alert tone="success" title={t('whatsapp.test.sent')}>
            <dl className="wa-result">
              {result.messageId && (
                <div>
                  <dt>{t('whatsapp.test.messageId')}</dt>
                  <dd>
                    <code className="code-plain">{result.messageId}</code>
                  </dd>
                </div>
              )}
              {result.phone && (
                <>
                  <div>
                    <dt>{t('whatsapp.test.verifiedName')}</dt>
                    <dd>
                      {result.phone.verifiedName} · {result.phone.displayPhone}
                    </dd>
                  </div>
                  <div>
                    <dt>{t('whatsapp.test.tier')}</dt>
                    <dd>{result.phone.tier ?? '—'}</dd>
                  </div>
                </>
              )}
            </dl>
          </Alert>
        )}
        {result && !result.ok && (
          <Alert tone="error" title={t('whatsapp.test.refused')}>
            <p>
              {result.error?.code != null && (
                <code className="code-chip">{t('whatsapp.test.errorCode', { code: result.error.code })}</code>
              )}{' '}
              {result.error?.message ?? t('whatsapp.test.noReason')}
            </p>
          </Alert>
        )}
        <div className="wa-actions">
          <Button
            type="submit"
            variant="secondary"
            icon={<Icon name="send" size={16} />}
            isLoading={test.isPending}
          >
            {test.isPending ? t('whatsapp.test.sending') : t('whatsapp.test.send')}
          </Button>
        </div>
      </form>
    </Card>
  );
}
