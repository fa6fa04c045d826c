import { CorrectionBodySchema } from '@companero/contracts';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../../components/ui/alert.tsx';
import { Button } from '../../../components/ui/button.tsx';
import { TextareaField } from '../../../components/ui/textarea-field.tsx';
import {
  type FieldErrors,
  fieldErrorsOf,
  translateError,
  translateFieldMessage,
  validateWith,
} from '../../../lib/form-errors.ts';
import { useCorrectMessage } from '../api/correct-message.ts';

/** The creator's better answer to one reply; similar questions get it from then on. */
export function CorrectionForm({
  id,
  messageId,
  onDone,
  onCancel,
}: {
  id: string;
  messageId: string;
  onDone: () => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const [errors, setErrors] = useState<FieldErrors>({});
  const correct = useCorrectMessage({
    mutationConfig: { onSuccess: onDone, onError: (error) => setErrors(fieldErrorsOf(error)) },
  });

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const result = validateWith(CorrectionBodySchema, { answer: String(form.get('answer') ?? '') });
    if (!result.ok) {
      correct.reset();
      setErrors(result.errors);
      return;
    }
    setErrors({});
    correct.mutate({ messageId, answer: result.data.answer });
  }

  return (
    <form id={id} className="form correction-form" onSubmit={onSubmit} noValidate>
      {correct.error && Object.keys(errors).length === 0 && (
        <Alert tone="error">{translateError(t, correct.error)}</Alert>
      )}
      <TextareaField
        label={t('coach.correct.label')}
        name="answer"
        rows={4}
        maxLength={4000}
        // The form opens on request: its one field is where the creator wants to be.
        autoFocus
        hint={t('coach.correct.hint')}
        error={translateFieldMessage(t, errors.answer)}
      />
      <div className="form-actions">
        <Button type="submit" size="sm" isLoading={correct.isPending}>
          {correct.isPending ? t('account.saving') : t('coach.correct.save')}
        </Button>
        <Button variant="ghost" size="sm" onClick={onCancel}>
          {t('common.cancel')}
        </Button>
      </div>
    </form>
  );
}
