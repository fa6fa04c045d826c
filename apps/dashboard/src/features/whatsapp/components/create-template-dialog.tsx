import { CreateWhatsAppTemplateBodySchema, type WhatsAppTemplate } from '@companero/contracts';
import { type FormEvent, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../../components/ui/alert.tsx';
import { Button } from '../../../components/ui/button.tsx';
import { Dialog } from '../../../components/ui/dialog.tsx';
import { Icon } from '../../../components/ui/icons.tsx';
import { TextField } from '../../../components/ui/text-field.tsx';
import { TextareaField } from '../../../components/ui/textarea-field.tsx';
import { useFocusFirstInvalid } from '../../../hooks/use-focus-first-invalid.ts';
import {
  type FieldErrors,
  fieldErrorsOf,
  translateFieldMessage,
  validateWith,
} from '../../../lib/form-errors.ts';
import { useCreateTemplate } from '../api/create-template.ts';
import { numberedParameters } from '../utils/template-body.ts';
import { metaReasonOf, translateWhatsAppError } from '../utils/whatsapp-error.ts';
import { TemplateBodyPreview } from './template-body-preview.tsx';

const CATEGORIES = ['UTILITY', 'MARKETING'] as const;
/** Suggestions only: Meta accepts many more, and the field takes any code of the right shape. */
const COMMON_LANGUAGES = ['es', 'es_ES', 'es_MX', 'es_AR', 'en', 'en_US', 'en_GB', 'pt_BR', 'fr', 'de', 'it'];

/** A new template, submitted to Meta for approval; the list shows it as pending. */
export function CreateTemplateDialog({
  open,
  onClose,
  onCreated,
}: {
  open: boolean;
  onClose: () => void;
  onCreated: (template: WhatsAppTemplate) => void;
}) {
  const { t } = useTranslation();
  return (
    <Dialog
      open={open}
      onClose={onClose}
      title={t('whatsapp.newTemplate.title')}
      description={t('whatsapp.newTemplate.description')}
    >
      <CreateTemplateForm onCreated={onCreated} onCancel={onClose} />
    </Dialog>
  );
}

function CreateTemplateForm({
  onCreated,
  onCancel,
}: {
  onCreated: (template: WhatsAppTemplate) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const formRef = useRef<HTMLFormElement>(null);
  const languagesId = useId();
  const [name, setName] = useState('');
  const [language, setLanguage] = useState('es');
  const [category, setCategory] = useState<(typeof CATEGORIES)[number]>('UTILITY');
  const [body, setBody] = useState('');
  const [examples, setExamples] = useState<Record<number, string>>({});
  const [errors, setErrors] = useState<FieldErrors>({});
  const create = useCreateTemplate({
    mutationConfig: { onSuccess: onCreated, onError: (error) => setErrors(fieldErrorsOf(error)) },
  });
  useFocusFirstInvalid(formRef, errors);
  const parameters = numberedParameters(body);
  const exampleValues = parameters.map((n) => examples[n] ?? '');

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const result = validateWith(CreateWhatsAppTemplateBodySchema, {
      name: name.trim(),
      language: language.trim(),
      category,
      body,
      ...(parameters.length > 0 ? { bodyExamples: exampleValues.map((value) => value.trim()) } : {}),
    });
    if (!result.ok) {
      create.reset();
      setErrors(result.errors);
      return;
    }
    setErrors({});
    create.mutate(result.data);
  }

  const errorOf = (field: string, invalidKey?: 'nameFormat' | 'languageFormat') => {
    const message = errors[field];
    // Meta's review refused it: its words say what to change.
    const metaReason = message ? metaReasonOf(create.error, field) : undefined;
    if (metaReason) return t('whatsapp.newTemplate.metaRefused', { reason: metaReason });
    if (invalidKey && message?.key === 'invalid') return t(`whatsapp.newTemplate.${invalidKey}`);
    return translateFieldMessage(t, message);
  };
  const hasFieldErrors = Object.keys(errors).length > 0;

  return (
    <form ref={formRef} className="form" onSubmit={onSubmit} noValidate>
      <div className="dialog-body">
        {create.error && !hasFieldErrors && (
          <Alert tone="error">{translateWhatsAppError(t, create.error)}</Alert>
        )}
        <TextField
          label={t('whatsapp.newTemplate.name')}
          name="name"
          value={name}
          autoComplete="off"
          spellCheck={false}
          placeholder="session_reminder"
          maxLength={512}
          data-autofocus
          hint={t('whatsapp.newTemplate.nameHint')}
          error={errorOf('name', 'nameFormat')}
          onChange={(event) => setName(event.target.value)}
        />
        <div className="wa-grid-2">
          <TextField
            label={t('whatsapp.newTemplate.language')}
            name="language"
            value={language}
            list={languagesId}
            autoComplete="off"
            spellCheck={false}
            hint={t('whatsapp.newTemplate.languageHint')}
            error={errorOf('language', 'languageFormat')}
            onChange={(event) => setLanguage(event.target.value)}
          />
          <datalist id={languagesId}>
            {COMMON_LANGUAGES.map((code) => (
              <option key={code} value={code} />
            ))}
          </datalist>
          <fieldset className="wa-radios">
            <legend className="field-label">{t('whatsapp.newTemplate.category')}</legend>
            {CATEGORIES.map((value) => (
              <label key={value} className="wa-radio">
                <input
                  type="radio"
                  name="category"
                  value={value}
                  checked={category === value}
                  onChange={() => setCategory(value)}
                />
                <span>
                  <span className="wa-radio-label">{t(`whatsapp.templates.categories.${value}`)}</span>
                  <span className="wa-radio-hint">{t(`whatsapp.newTemplate.categoryHints.${value}`)}</span>
                </span>
              </label>
            ))}
          </fieldset>
        </div>
        <TextareaField
          label={t('whatsapp.newTemplate.body')}
          name="body"
          value={body}
          rows={4}
          maxLength={1024}
          placeholder={t('whatsapp.newTemplate.bodyPlaceholder')}
          hint={t('whatsapp.newTemplate.bodyHint')}
          error={errorOf('body')}
          onChange={(event) => setBody(event.target.value)}
        />
        {parameters.length > 0 && (
          <fieldset className="wa-params">
            <legend className="field-label">{t('whatsapp.newTemplate.examples')}</legend>
            <p className="field-hint">{t('whatsapp.newTemplate.examplesHint')}</p>
            {parameters.map((n, index) => (
              <TextField
                key={n}
                label={t('whatsapp.newTemplate.exampleFor', { parameter: `{{${n}}}` })}
                name={`bodyExamples.${index}`}
                value={examples[n] ?? ''}
                maxLength={200}
                autoComplete="off"
                error={errorOf(`bodyExamples.${index}`)}
                onChange={(event) => setExamples((current) => ({ ...current, [n]: event.target.value }))}
              />
            ))}
          </fieldset>
        )}
        {body.trim() && (
          <div className="wa-preview">
            <p className="field-label">
              <Icon name="whatsapp" size={16} />
              {t('whatsapp.newTemplate.preview')}
            </p>
            <p className="wa-preview-bubble">
              <TemplateBodyPreview body={body} values={exampleValues} />
            </p>
          </div>
        )}
      </div>
      <footer className="dialog-footer">
        <Button variant="secondary" onClick={onCancel}>
          {t('common.cancel')}
        </Button>
        <Button type="submit" isLoading={create.isPending}>
          {create.isPending ? t('whatsapp.newTemplate.submitting') : t('whatsapp.newTemplate.submit')}
        </Button>
      </footer>
    </form>
  );
}
