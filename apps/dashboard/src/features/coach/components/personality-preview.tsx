import type { Personality } from '@companero/contracts';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { ReplyText } from '../../../components/reply-text.tsx';
import { Icon } from '../../../components/ui/icons.tsx';
import { currentLocale } from '../../../i18n/index.ts';
import { composePreview } from '../utils/compose-preview.ts';

export type PersonalityValues = Omit<Personality, 'updatedAt'>;

/**
 * How a first reply would read with the values being edited, before they are
 * saved: greeting, an answer, sign-off, in the reply language. Composed in the
 * browser; the words come from the reply language's translations, whatever
 * the dashboard's language is.
 */
export function PersonalityPreview({ values, isDirty }: { values: PersonalityValues; isDirty: boolean }) {
  const { t, i18n } = useTranslation();
  const titleId = useId();
  const lang = values.language === 'auto' ? currentLocale() : values.language;
  const tl = i18n.getFixedT(lang);
  const preview = composePreview(values, {
    hello: tl('coach.preview.sample.hello'),
    question: tl('coach.preview.sample.question'),
    answer: tl('coach.preview.sample.answer'),
    leadIn: {
      warm: tl('coach.preview.sample.leadInWarm'),
      direct: tl('coach.preview.sample.leadInDirect'),
      plain: tl('coach.preview.sample.leadInPlain'),
    },
  });
  const name = values.coachName.trim() || t('coach.preview.defaultName');

  return (
    <aside className="card coach-preview" aria-labelledby={titleId}>
      <header className="coach-preview-header">
        <h2 id={titleId} className="card-title">
          {t('coach.preview.title')}
        </h2>
        <span className="badge badge-accent">
          <Icon name="sparkles" size={14} />
          {isDirty ? t('coach.preview.unsaved') : t('coach.preview.saved')}
        </span>
      </header>
      <p className="card-subtitle">{t('coach.preview.subtitle')}</p>
      <p className="coach-preview-language">
        <Icon name="globe" size={16} />
        {values.language === 'auto'
          ? t('coach.preview.languageAuto', { language: t(`language.${lang}`) })
          : t('coach.preview.languageFixed', { language: t(`language.${lang}`) })}
      </p>
      <div className="chat-sample" lang={lang}>
        <div className="bubble bubble-user">
          <p className="bubble-name">{t('coach.preview.member')}</p>
          <p>{preview.question}</p>
        </div>
        <div className="bubble bubble-coach" data-testid="preview-reply">
          <p className="bubble-name">{name}</p>
          <p className={preview.isDefaultGreeting ? 'bubble-default' : undefined}>{preview.greeting}</p>
          <p>
            {preview.leadIn}
            <br />
            <ReplyText text={preview.body} />
          </p>
          {preview.signOff && <p>{preview.signOff}</p>}
        </div>
      </div>
      {preview.isDefaultGreeting && <p className="field-hint">{t('coach.preview.defaultGreetingHint')}</p>}
    </aside>
  );
}
