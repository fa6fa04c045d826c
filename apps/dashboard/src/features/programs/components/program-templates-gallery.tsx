import type { Locale, ProgramTemplate } from '@companero/contracts';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { Alert } from '../../../components/ui/alert.tsx';
import { Button } from '../../../components/ui/button.tsx';
import { EmptyState } from '../../../components/ui/empty-state.tsx';
import { Icon } from '../../../components/ui/icons.tsx';
import { LoadingState } from '../../../components/ui/spinner.tsx';
import { translateError } from '../../../lib/form-errors.ts';
import { useCreateProgram } from '../api/use-create-program.ts';
import { useProgramTemplates } from '../api/use-program-templates.ts';

const LANGUAGES: readonly Locale[] = ['en', 'es'];

/**
 * Ready-made programs to start from, in the interface language by default. "Use
 * template" creates the program in one click and opens it in the editor.
 */
export function ProgramTemplatesGallery() {
  const { t, i18n } = useTranslation();
  const headingId = useId();
  const templates = useProgramTemplates();
  const [language, setLanguage] = useState<Locale>(i18n.resolvedLanguage === 'es' ? 'es' : 'en');
  const navigate = useNavigate();
  const create = useCreateProgram({
    mutationConfig: { onSuccess: (program) => navigate(`/programs/${program.id}`) },
  });
  const shown = templates.data?.filter((template) => template.language === language) ?? [];

  return (
    <section className="card programs-templates" aria-labelledby={headingId}>
      <header className="card-header">
        <div>
          <h2 id={headingId} className="card-title">
            {t('programs.templates.title')}
          </h2>
          <p className="card-subtitle">{t('programs.templates.subtitle')}</p>
        </div>
        {/* biome-ignore lint/a11y/useSemanticElements: a group of toggle buttons, not a form's fieldset */}
        <div className="segmented" role="group" aria-label={t('programs.templates.languageLabel')}>
          {LANGUAGES.map((value) => (
            <Button
              key={value}
              variant={language === value ? 'primary' : 'secondary'}
              size="sm"
              aria-pressed={language === value}
              onClick={() => setLanguage(value)}
            >
              {t(`language.${value}`)}
            </Button>
          ))}
        </div>
      </header>
      {templates.isPending && <LoadingState />}
      {templates.isError && (
        <Alert
          tone="error"
          action={
            <Button variant="secondary" size="sm" onClick={() => templates.refetch()}>
              {t('common.retry')}
            </Button>
          }
        >
          {translateError(t, templates.error)}
        </Alert>
      )}
      {create.error && <Alert tone="error">{translateError(t, create.error)}</Alert>}
      {templates.isSuccess && shown.length === 0 && (
        <EmptyState icon="programs" title={t('programs.templates.empty')} />
      )}
      {shown.length > 0 && (
        <ul className="programs-template-grid">
          {shown.map((template) => (
            <TemplateCard
              key={`${template.key}-${template.language}`}
              template={template}
              isCreating={create.isPending && create.variables?.templateKey === template.key}
              isDisabled={create.isPending}
              onUse={() =>
                create.mutate({ name: template.name, templateKey: template.key, language: template.language })
              }
            />
          ))}
        </ul>
      )}
    </section>
  );
}

function TemplateCard({
  template,
  isCreating,
  isDisabled,
  onUse,
}: {
  template: ProgramTemplate;
  isCreating: boolean;
  isDisabled: boolean;
  onUse: () => void;
}) {
  const { t } = useTranslation();
  return (
    <li className="programs-template">
      <span className="feature-card-icon" aria-hidden="true">
        <Icon name="programs" />
      </span>
      <h3 className="feature-card-title">{template.name}</h3>
      <p className="feature-card-body">{template.description}</p>
      <ul className="programs-template-facts" aria-label={t('programs.templates.factsLabel')}>
        <li className="chip">
          <Icon name="history" size={14} />
          {template.duration}
        </li>
        <li className="chip">{t('programs.templates.steps', { count: template.nodeCount })}</li>
      </ul>
      <Button
        variant="secondary"
        className="programs-template-use"
        isLoading={isCreating}
        disabled={isDisabled && !isCreating}
        aria-label={isCreating ? undefined : t('programs.templates.useNamed', { name: template.name })}
        onClick={onUse}
      >
        {isCreating ? t('programs.templates.creating') : t('programs.templates.use')}
      </Button>
    </li>
  );
}
