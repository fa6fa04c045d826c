import type { AssistantStatus } from '@companero/contracts';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../../components/ui/alert.tsx';
import { Button } from '../../../components/ui/button.tsx';
import { Card } from '../../../components/ui/card.tsx';
import { Icon } from '../../../components/ui/icons.tsx';
import { ProgressBar } from '../../../components/ui/progress-bar.tsx';
import { LoadingState } from '../../../components/ui/spinner.tsx';
import { translateError } from '../../../lib/form-errors.ts';
import { useAssistantStatus } from '../api/get-status.ts';

const ENV_EXAMPLE = `# OpenAI, or any OpenAI-compatible server (Ollama, vLLM, LM Studio…)
OPENAI_API_KEY=sk-…
OPENAI_BASE_URL=http://localhost:11434/v1   # only for a compatible server

# Anthropic
ANTHROPIC_API_KEY=sk-ant-…

# The model that writes replies: provider:model
AI_CHAT_MODEL=openai:gpt-4o-mini`;

const USES = ['chat', 'summarise', 'classify', 'fallback', 'embed'] as const;

/** Where replies come from (a model, or composed offline) and how to change it, with this month's usage. */
export function AssistantStatusCard() {
  const { t } = useTranslation();
  const status = useAssistantStatus();

  return (
    <Card title={t('coach.models.statusTitle')} subtitle={t('coach.models.statusSubtitle')}>
      {status.isPending && <LoadingState />}
      {status.isError && (
        <Alert
          tone="error"
          action={
            <Button variant="secondary" size="sm" onClick={() => status.refetch()}>
              {t('common.retry')}
            </Button>
          }
        >
          {translateError(t, status.error)}
        </Alert>
      )}
      {status.data && <StatusDetails status={status.data} />}
    </Card>
  );
}

function StatusDetails({ status }: { status: AssistantStatus }) {
  const { t } = useTranslation();
  const isOffline = status.mode === 'offline';
  return (
    <div className="stack">
      <p className="mode-line">
        <span className={isOffline ? 'badge badge-info' : 'badge badge-success'}>
          <Icon name={isOffline ? 'knowledge' : 'sparkles'} size={14} />
          {isOffline ? t('coach.models.offline') : t('coach.models.model')}
        </span>
        <span>
          {isOffline
            ? t('coach.models.offlineBody')
            : t('coach.models.modelBody', { model: status.models.chat ?? '—' })}
        </span>
      </p>
      {isOffline ? (
        <details className="why-details setup-details" open>
          <summary>{t('coach.models.howTo')}</summary>
          <p className="field-hint">{t('coach.models.howToBody')}</p>
          <pre className="code-block">{ENV_EXAMPLE}</pre>
          <p className="field-hint">{t('coach.models.howToRestart')}</p>
        </details>
      ) : (
        <p className="field-hint">
          {t('coach.models.providers', { providers: status.providers.join(', ') })}
        </p>
      )}
      <dl className="model-list">
        {USES.map((use) => (
          <div key={use} className="model-row">
            <dt>{t(`coach.models.uses.${use}`)}</dt>
            <dd>
              {status.models[use] ? (
                <code className="code-chip">{status.models[use]}</code>
              ) : (
                <span className="muted">{t('coach.models.none')}</span>
              )}
            </dd>
          </div>
        ))}
      </dl>
      <UsageMeter usage={status.usage} />
    </div>
  );
}

function UsageMeter({ usage }: { usage: AssistantStatus['usage'] }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.resolvedLanguage ?? 'en';
  const number = new Intl.NumberFormat(locale);
  const [year, month] = usage.month.split('-').map(Number);
  const monthName = new Intl.DateTimeFormat(locale, {
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(Date.UTC(year ?? 1970, (month ?? 1) - 1, 1)));
  const used = usage.inputTokens + usage.outputTokens;
  const share = usage.budget ? (used / usage.budget) * 100 : undefined;
  const summary =
    usage.budget === null
      ? t('coach.models.usageNoBudget', { used: number.format(used) })
      : t('coach.models.usageOfBudget', { used: number.format(used), budget: number.format(usage.budget) });

  return (
    <section className="usage" aria-labelledby="usage-title">
      <h3 id="usage-title" className="subsection-title">
        {t('coach.models.usageTitle', { month: monthName })}
      </h3>
      {usage.budget !== null && (
        <ProgressBar
          value={share ?? 0}
          label={t('coach.models.usageLabel')}
          valueText={summary}
          tone={(share ?? 0) >= 100 ? 'danger' : 'primary'}
        />
      )}
      <p className="usage-summary">{summary}</p>
      <p className="field-hint">
        {t('coach.models.usageSplit', {
          input: number.format(usage.inputTokens),
          output: number.format(usage.outputTokens),
        })}
      </p>
      {usage.budget !== null && used >= usage.budget && (
        <Alert tone="warning">{t('coach.models.overBudget')}</Alert>
      )}
    </section>
  );
}
