import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../../components/ui/alert.tsx';
import { Button } from '../../../components/ui/button.tsx';
import { Card } from '../../../components/ui/card.tsx';
import { ChipInput } from '../../../components/ui/chip-input.tsx';
import { Icon } from '../../../components/ui/icons.tsx';
import { SelectField } from '../../../components/ui/select-field.tsx';
import { translateError } from '../../../lib/form-errors.ts';
import { useStartTestConversation } from '../hooks/use-playground.ts';

/** Who the creator pretends to be: a new test member, with tags (members-only documents) and a language. */
export function StartConversationForm({
  hasConversation,
  initialTags,
}: {
  hasConversation: boolean;
  initialTags: readonly string[];
}) {
  const { t } = useTranslation();
  const [tags, setTags] = useState<string[]>(() => [...initialTags]);
  const [locale, setLocale] = useState<'' | 'en' | 'es'>('');
  const start = useStartTestConversation();

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    start.mutate({ tags, ...(locale ? { locale } : {}) });
  }

  return (
    <Card title={t('coach.playground.startTitle')} subtitle={t('coach.playground.startSubtitle')}>
      <form className="form" onSubmit={onSubmit} noValidate>
        {start.error && <Alert tone="error">{translateError(t, start.error)}</Alert>}
        <div className="details-grid">
          <ChipInput
            label={t('coach.playground.tags')}
            name="tags"
            values={tags}
            onChange={setTags}
            maxItems={20}
            maxLength={60}
            isOptional
            placeholder={t('coach.playground.tagsPlaceholder')}
            hint={t('coach.playground.tagsHint')}
          />
          <SelectField
            label={t('coach.playground.locale')}
            name="locale"
            value={locale}
            onChange={(event) => setLocale(event.target.value as '' | 'en' | 'es')}
            options={[
              { value: '', label: t('coach.playground.localeUnset') },
              { value: 'en', label: t('language.en') },
              { value: 'es', label: t('language.es') },
            ]}
            hint={t('coach.playground.localeHint')}
          />
        </div>
        <div className="form-actions">
          <Button type="submit" isLoading={start.isPending} icon={<Icon name="plus" size={18} />}>
            {start.isPending ? t('coach.playground.starting') : t('coach.playground.start')}
          </Button>
          {hasConversation && <p className="field-hint">{t('coach.playground.startAgainHint')}</p>}
        </div>
      </form>
    </Card>
  );
}
