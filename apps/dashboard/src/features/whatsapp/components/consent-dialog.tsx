import { SetConsentBodySchema, type WhatsAppContact } from '@companero/contracts';
import { type FormEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../../components/ui/alert.tsx';
import { Button } from '../../../components/ui/button.tsx';
import { Dialog } from '../../../components/ui/dialog.tsx';
import { TextField } from '../../../components/ui/text-field.tsx';
import { useFocusFirstInvalid } from '../../../hooks/use-focus-first-invalid.ts';
import {
  type FieldErrors,
  fieldErrorsOf,
  translateFieldMessage,
  validateWith,
} from '../../../lib/form-errors.ts';
import { useSetConsent } from '../api/set-consent.ts';
import { translateWhatsAppError } from '../utils/whatsapp-error.ts';

type Status = 'opted_in' | 'opted_out';
const STATUSES: readonly Status[] = ['opted_in', 'opted_out'];
/** Stored when an opt-out is recorded without saying where: the creator did it here. */
const DEFAULT_OPT_OUT_SOURCE = 'dashboard';

/**
 * Records a contact's consent to broadcasts: opted in (with where they
 * agreed, which WhatsApp's policy asks businesses to be able to show) or
 * opted out.
 */
export function ConsentDialog({
  contact,
  contactName,
  onClose,
}: {
  contact: WhatsAppContact | undefined;
  contactName: string;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Dialog
      open={contact !== undefined}
      onClose={onClose}
      title={t('whatsapp.consentDialog.title', { name: contactName })}
      description={t('whatsapp.consentDialog.description')}
    >
      {contact && <ConsentForm contact={contact} onDone={onClose} />}
    </Dialog>
  );
}

function ConsentForm({ contact, onDone }: { contact: WhatsAppContact; onDone: () => void }) {
  const { t } = useTranslation();
  const formRef = useRef<HTMLFormElement>(null);
  const [status, setStatus] = useState<Status>(
    contact.consent.status === 'opted_in' ? 'opted_out' : 'opted_in',
  );
  const [source, setSource] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const save = useSetConsent({
    mutationConfig: { onSuccess: onDone, onError: (error) => setErrors(fieldErrorsOf(error)) },
  });
  useFocusFirstInvalid(formRef, errors);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const typed = source.trim();
    const result = validateWith(SetConsentBodySchema, {
      status,
      source: status === 'opted_out' && !typed ? DEFAULT_OPT_OUT_SOURCE : typed,
    });
    if (!result.ok) {
      save.reset();
      setErrors(result.errors);
      return;
    }
    setErrors({});
    save.mutate({ endUserId: contact.endUserId, ...result.data });
  }

  return (
    <form ref={formRef} className="form" onSubmit={onSubmit} noValidate>
      <div className="dialog-body">
        {save.error && Object.keys(errors).length === 0 && (
          <Alert tone="error">{translateWhatsAppError(t, save.error)}</Alert>
        )}
        <fieldset className="wa-radios">
          <legend className="field-label">{t('whatsapp.consentDialog.status')}</legend>
          {STATUSES.map((value) => (
            <label key={value} className="wa-radio">
              <input
                type="radio"
                name="status"
                value={value}
                checked={status === value}
                onChange={() => setStatus(value)}
              />
              <span>
                <span className="wa-radio-label">{t(`whatsapp.contacts.consent.${value}`)}</span>
                <span className="wa-radio-hint">{t(`whatsapp.consentDialog.hints.${value}`)}</span>
              </span>
            </label>
          ))}
        </fieldset>
        <TextField
          label={t('whatsapp.consentDialog.source')}
          name="source"
          value={source}
          maxLength={100}
          autoComplete="off"
          isOptional={status === 'opted_out'}
          placeholder={t('whatsapp.consentDialog.sourcePlaceholder')}
          hint={t('whatsapp.consentDialog.sourceHint')}
          error={translateFieldMessage(t, errors.source)}
          data-autofocus
          onChange={(event) => setSource(event.target.value)}
        />
      </div>
      <footer className="dialog-footer">
        <Button variant="secondary" onClick={onDone}>
          {t('common.cancel')}
        </Button>
        <Button type="submit" isLoading={save.isPending}>
          {save.isPending ? t('whatsapp.consentDialog.saving') : t('whatsapp.consentDialog.save')}
        </Button>
      </footer>
    </form>
  );
}
