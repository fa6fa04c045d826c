import { CreateProgramBodySchema, type Locale } from '@companero/contracts';
import { type FormEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { Alert } from '../../../components/ui/alert.tsx';
import { Button } from '../../../components/ui/button.tsx';
import { Dialog } from '../../../components/ui/dialog.tsx';
import { Icon } from '../../../components/ui/icons.tsx';
import { SelectField } from '../../../components/ui/select-field.tsx';
import { TextField } from '../../../components/ui/text-field.tsx';
import { TextareaField } from '../../../components/ui/textarea-field.tsx';
import { useFocusFirstInvalid } from '../../../hooks/use-focus-first-invalid.ts';
import {
  type FieldErrors,
  fieldErrorsOf,
  translateError,
  translateFieldMessage,
  validateWith,
} from '../../../lib/form-errors.ts';
import { useCreateProgram } from '../api/use-create-program.ts';

/** "New program": a blank program (start → end) with a name, opened in the editor. */
export function NewProgramButton({ variant = 'primary' }: { variant?: 'primary' | 'secondary' }) {
  const { t } = useTranslation();
  const [isOpen, setIsOpen] = useState(false);
  return (
    <>
      <Button variant={variant} icon={<Icon name="plus" size={18} />} onClick={() => setIsOpen(true)}>
        {t('programs.list.new')}
      </Button>
      <Dialog
        open={isOpen}
        onClose={() => setIsOpen(false)}
        title={t('programs.list.newDialog.title')}
        description={t('programs.list.newDialog.description')}
      >
        <NewProgramForm onCancel={() => setIsOpen(false)} />
      </Dialog>
    </>
  );
}

function NewProgramForm({ onCancel }: { onCancel: () => void }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const formRef = useRef<HTMLFormElement>(null);
  const [errors, setErrors] = useState<FieldErrors>({});
  const create = useCreateProgram({
    mutationConfig: {
      onSuccess: (program) => navigate(`/programs/${program.id}`),
      onError: (error) => setErrors(fieldErrorsOf(error)),
    },
  });
  useFocusFirstInvalid(formRef, errors);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const description = String(form.get('description') ?? '').trim();
    const result = validateWith(CreateProgramBodySchema, {
      name: String(form.get('name') ?? ''),
      language: String(form.get('language') ?? 'en'),
      ...(description ? { description } : {}),
    });
    if (!result.ok) {
      create.reset();
      setErrors(result.errors);
      return;
    }
    setErrors({});
    create.mutate(result.data);
  }

  const uiLocale: Locale = i18n.resolvedLanguage === 'es' ? 'es' : 'en';
  return (
    <form ref={formRef} className="form" onSubmit={onSubmit} noValidate>
      <div className="dialog-body">
        {create.error && Object.keys(errors).length === 0 && (
          <Alert tone="error">{translateError(t, create.error)}</Alert>
        )}
        <TextField
          label={t('programs.list.newDialog.name')}
          name="name"
          placeholder={t('programs.list.newDialog.namePlaceholder')}
          required
          maxLength={200}
          autoComplete="off"
          data-autofocus
          error={translateFieldMessage(t, errors.name)}
        />
        <TextareaField
          label={t('programs.list.newDialog.descriptionLabel')}
          name="description"
          rows={3}
          maxLength={2000}
          isOptional
          error={translateFieldMessage(t, errors.description)}
        />
        <SelectField
          label={t('programs.list.newDialog.language')}
          name="language"
          defaultValue={uiLocale}
          hint={t('programs.list.newDialog.languageHint')}
          options={[
            { value: 'en', label: t('language.en') },
            { value: 'es', label: t('language.es') },
          ]}
        />
      </div>
      <footer className="dialog-footer">
        <Button variant="secondary" onClick={onCancel}>
          {t('common.cancel')}
        </Button>
        <Button type="submit" isLoading={create.isPending}>
          {create.isPending ? t('programs.list.newDialog.creating') : t('programs.list.newDialog.create')}
        </Button>
      </footer>
    </form>
  );
}
