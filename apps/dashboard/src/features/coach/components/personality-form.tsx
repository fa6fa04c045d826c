import { type Personality, UpdatePersonalityBodySchema } from '@companero/contracts';
import { type FormEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../../components/ui/alert.tsx';
import { Button } from '../../../components/ui/button.tsx';
import { ChipInput } from '../../../components/ui/chip-input.tsx';
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
import { useUpdatePersonality } from '../api/update-personality.ts';
import { ExampleRepliesField } from './example-replies-field.tsx';
import { PersonalityPreview, type PersonalityValues } from './personality-preview.tsx';

const LANGUAGES = ['auto', 'en', 'es'] as const;

const valuesOf = ({ updatedAt: _updatedAt, ...values }: Personality): PersonalityValues => values;

/** The first error about `name` or one of its items (`tone.2`, `exampleReplies.0.answer`). */
const errorAbout = (errors: FieldErrors, name: string) =>
  errors[name] ?? Object.entries(errors).find(([key]) => key.startsWith(`${name}.`))?.[1];

/**
 * Everything about how the coach sounds, with a live preview beside it that
 * follows every keystroke. Saved in one PATCH; problems show beside their field.
 */
export function PersonalityForm({ personality }: { personality: Personality }) {
  const { t } = useTranslation();
  const formRef = useRef<HTMLFormElement>(null);
  const [values, setValues] = useState(() => valuesOf(personality));
  const [errors, setErrors] = useState<FieldErrors>({});
  const update = useUpdatePersonality({
    mutationConfig: { onError: (error) => setErrors(fieldErrorsOf(error)) },
  });
  useFocusFirstInvalid(formRef, errors);
  const isDirty = JSON.stringify(values) !== JSON.stringify(valuesOf(personality));

  const set = <K extends keyof PersonalityValues>(key: K, value: PersonalityValues[K]) => {
    setValues((current) => ({ ...current, [key]: value }));
    if (update.isSuccess) update.reset();
  };
  const error = (name: keyof PersonalityValues | (string & {})) =>
    translateFieldMessage(t, errorAbout(errors, name));

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    // An example left completely empty is not an error, just not there.
    const body = {
      ...values,
      exampleReplies: values.exampleReplies.filter((e) => e.question.trim() || e.answer.trim()),
    };
    const result = validateWith(UpdatePersonalityBodySchema, body);
    if (!result.ok) {
      update.reset();
      setErrors(result.errors);
      return;
    }
    setErrors({});
    setValues(body);
    update.mutate(result.data, { onSuccess: (saved) => setValues(valuesOf(saved)) });
  }

  return (
    <div className="coach-personality">
      <form
        ref={formRef}
        className="card form"
        onSubmit={onSubmit}
        noValidate
        aria-labelledby="personality-title"
      >
        <header className="card-header">
          <div>
            <h2 id="personality-title" className="card-title">
              {t('coach.personality.title')}
            </h2>
            <p className="card-subtitle">{t('coach.personality.subtitle')}</p>
          </div>
        </header>
        {update.error && Object.keys(errors).length === 0 && (
          <Alert tone="error">{translateError(t, update.error)}</Alert>
        )}
        {Object.keys(errors).length > 0 && <Alert tone="error">{t('errors.VALIDATION_FAILED')}</Alert>}

        <fieldset className="fieldset coach-fieldset">
          <legend className="subsection-title">{t('coach.personality.identity')}</legend>
          <div className="details-grid">
            <TextField
              label={t('coach.personality.coachName')}
              name="coachName"
              value={values.coachName}
              onChange={(event) => set('coachName', event.target.value)}
              maxLength={80}
              isOptional
              hint={t('coach.personality.coachNameHint')}
              error={error('coachName')}
            />
            <SelectField
              label={t('coach.personality.language')}
              name="language"
              value={values.language}
              onChange={(event) => set('language', event.target.value as PersonalityValues['language'])}
              options={LANGUAGES.map((l) => ({ value: l, label: t(`coach.personality.languages.${l}`) }))}
              hint={t('coach.personality.languageHint')}
              error={error('language')}
            />
          </div>
        </fieldset>

        <fieldset className="fieldset coach-fieldset">
          <legend className="subsection-title">{t('coach.personality.voice')}</legend>
          <TextField
            label={t('coach.personality.greeting')}
            name="greeting"
            value={values.greeting}
            onChange={(event) => set('greeting', event.target.value)}
            maxLength={300}
            isOptional
            hint={t('coach.personality.greetingHint')}
            error={error('greeting')}
          />
          <TextField
            label={t('coach.personality.signOff')}
            name="signOff"
            value={values.signOff}
            onChange={(event) => set('signOff', event.target.value)}
            maxLength={200}
            isOptional
            hint={t('coach.personality.signOffHint')}
            error={error('signOff')}
          />
          <ChipInput
            label={t('coach.personality.tone')}
            name="tone"
            values={values.tone}
            onChange={(next) => set('tone', next)}
            maxItems={8}
            maxLength={30}
            isOptional
            placeholder={t('coach.personality.tonePlaceholder')}
            hint={t('coach.personality.toneHint')}
            error={error('tone')}
          />
          <TextareaField
            label={t('coach.personality.style')}
            name="style"
            value={values.style}
            onChange={(event) => set('style', event.target.value)}
            rows={3}
            maxLength={1000}
            isOptional
            hint={t('coach.personality.styleHint')}
            error={error('style')}
          />
        </fieldset>

        <fieldset className="fieldset coach-fieldset">
          <legend className="subsection-title">{t('coach.personality.knowHow')}</legend>
          <ChipInput
            label={t('coach.personality.expertise')}
            name="expertise"
            values={values.expertise}
            onChange={(next) => set('expertise', next)}
            maxItems={20}
            maxLength={60}
            isOptional
            placeholder={t('coach.personality.expertisePlaceholder')}
            hint={t('coach.personality.expertiseHint')}
            error={error('expertise')}
          />
          <div className="details-grid">
            <ChipInput
              label={t('coach.personality.dos')}
              name="dos"
              values={values.dos}
              onChange={(next) => set('dos', next)}
              maxItems={20}
              maxLength={200}
              isOptional
              placeholder={t('coach.personality.dosPlaceholder')}
              error={error('dos')}
            />
            <ChipInput
              label={t('coach.personality.donts')}
              name="donts"
              values={values.donts}
              onChange={(next) => set('donts', next)}
              maxItems={20}
              maxLength={200}
              isOptional
              placeholder={t('coach.personality.dontsPlaceholder')}
              error={error('donts')}
            />
          </div>
        </fieldset>

        <ExampleRepliesField
          examples={values.exampleReplies}
          onChange={(next) => set('exampleReplies', next)}
          errorAt={(index, field) => error(`exampleReplies.${index}.${field}`)}
          listError={translateFieldMessage(t, errors.exampleReplies)}
        />

        <div className="form-actions">
          <Button type="submit" isLoading={update.isPending}>
            {update.isPending ? t('account.saving') : t('coach.personality.save')}
          </Button>
          {update.isSuccess && !isDirty && (
            <p className="inline-status" role="status">
              {t('coach.personality.saved')}
            </p>
          )}
          {isDirty && !update.isPending && <p className="field-hint">{t('coach.personality.unsaved')}</p>}
        </div>
      </form>
      <PersonalityPreview values={values} isDirty={isDirty} />
    </div>
  );
}
