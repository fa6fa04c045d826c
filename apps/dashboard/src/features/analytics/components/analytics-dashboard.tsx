import './analytics.css';
import type { AnalyticsOverview } from '@companero/contracts';
import { type ReactNode, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Alert } from '../../../components/ui/alert.tsx';
import { Button } from '../../../components/ui/button.tsx';
import { Icon } from '../../../components/ui/icons.tsx';
import { PageHeader } from '../../../components/ui/page-header.tsx';
import { Spinner } from '../../../components/ui/spinner.tsx';
import { useNow } from '../../../hooks/use-now.ts';
import { translateError } from '../../../lib/form-errors.ts';
import { formatRelativeTime } from '../../../lib/relative-time.ts';
import { useAnalyticsOverview } from '../api/get-analytics-overview.ts';
import { type AnalyticsFormat, useAnalyticsFormat } from '../hooks/use-analytics-format.ts';
import { useAnalyticsPeriod } from '../hooks/use-analytics-period.ts';
import { KPI_SECTIONS, type KpiSectionId, kpisByKey } from '../utils/kpi.ts';
import { hasActivity, pastSeries } from '../utils/overview-data.ts';
import { type AnalyticsPeriod, todayIn } from '../utils/period.ts';
import { AiCharts } from './ai-section.tsx';
import { AnalyticsSkeleton } from './analytics-skeleton.tsx';
import { EngagementCharts } from './engagement-section.tsx';
import { ExportDialog } from './export-dialog.tsx';
import { KpiGrid } from './kpi-grid.tsx';
import { PeriodPicker } from './period-picker.tsx';
import { ProgramFunnel } from './program-funnel.tsx';
import { RevenueChart } from './revenue-chart.tsx';

/**
 * The creator's analytics: a period (in the address), KPIs with their trend
 * against the period before, charts, funnels, retention and drill-down tables
 * in four sections, and exports. While another period loads, the current
 * figures stay on screen, dimmed.
 */
export function AnalyticsDashboard() {
  const { t } = useTranslation();
  const { period, setPeriod } = useAnalyticsPeriod();
  const overview = useAnalyticsOverview(period);
  const data = overview.data;
  const format = useAnalyticsFormat(data);
  const [isExporting, setIsExporting] = useState(false);
  const timeZone = data?.period.timeZone;
  const range = data ? format.range(data.period.from, data.period.to) : undefined;
  const isUpdating = overview.isPlaceholderData || (overview.isFetching && !overview.isPending);
  // Charts end at the current hour or day: the buckets still to come are not zeros.
  const shown = useMemo(() => (data ? { ...data, series: pastSeries(data, Date.now()) } : undefined), [data]);

  return (
    <>
      <PageHeader
        title={t('nav.analytics')}
        subtitle={
          data ? (
            <span className="an-range">
              <span data-testid="analytics-range">{range}</span>
              <span className="an-range-previous">
                {t('analytics.comparedWith', {
                  range: format.range(data.period.previousFrom, data.period.previousTo),
                })}
              </span>
            </span>
          ) : (
            t('analytics.subtitle')
          )
        }
        actions={
          <Button
            variant="secondary"
            icon={<Icon name="download" size={18} />}
            disabled={!data}
            onClick={() => setIsExporting(true)}
          >
            {t('analytics.export.open')}
          </Button>
        }
      />
      <div className="an-toolbar">
        <PeriodPicker period={period} onChange={setPeriod} today={todayIn(timeZone)} />
        <p className="an-toolbar-meta">
          {timeZone && (
            <span className="an-timezone">
              <Icon name="globe" size={15} />
              {t('analytics.timeZone', { timeZone })}
            </span>
          )}
          {isUpdating ? (
            <span className="an-updating" role="status">
              <Spinner size={14} />
              {t('analytics.updating')}
            </span>
          ) : (
            data && <UpdatedAt rolledUpAt={data.rolledUpAt} onRefresh={() => overview.refetch()} />
          )}
        </p>
      </div>

      {overview.isPending && <AnalyticsSkeleton />}
      {overview.isError && (
        <Alert
          tone="error"
          title={t('analytics.loadError')}
          action={
            <Button variant="secondary" size="sm" onClick={() => overview.refetch()}>
              {t('common.retry')}
            </Button>
          }
        >
          {translateError(t, overview.error)}
        </Alert>
      )}
      {shown && (
        <div className="an-body" data-updating={isUpdating || undefined} aria-busy={isUpdating || undefined}>
          {hasActivity(shown) ? (
            <Sections overview={shown} format={format} context={range ?? ''} />
          ) : (
            <AnalyticsEmpty period={period} onPeriod={setPeriod} />
          )}
        </div>
      )}
      {data && range && (
        <ExportDialog
          open={isExporting}
          onClose={() => setIsExporting(false)}
          period={period}
          periodText={`${range} (${data.period.timeZone})`}
        />
      )}
    </>
  );
}

function Sections({
  overview,
  format,
  context,
}: {
  overview: AnalyticsOverview;
  format: AnalyticsFormat;
  context: string;
}) {
  const { t } = useTranslation();
  const kpis = kpisByKey(overview.kpis);
  const charts: Record<KpiSectionId, ReactNode> = {
    engagement: <EngagementCharts overview={overview} format={format} context={context} />,
    ai: <AiCharts overview={overview} format={format} context={context} />,
    programs: (
      <div className="an-grid">
        <ProgramFunnel programs={overview.programs} format={format} />
      </div>
    ),
    business: <RevenueChart overview={overview} format={format} context={context} />,
  };
  return KPI_SECTIONS.map((section) => (
    <section key={section.id} className="an-section" aria-labelledby={`analytics-${section.id}`}>
      <h2 id={`analytics-${section.id}`} className="an-section-title">
        {t(`analytics.sections.${section.id}`)}
      </h2>
      <KpiGrid
        keys={section.keys}
        kpis={kpis}
        format={format}
        label={t('analytics.kpisOf', { section: t(`analytics.sections.${section.id}`) })}
      />
      {charts[section.id]}
    </section>
  ));
}

/** When the figures were last brought up to date, and a way to ask again. */
function UpdatedAt({ rolledUpAt, onRefresh }: { rolledUpAt: string | null; onRefresh: () => void }) {
  const { t, i18n } = useTranslation();
  const now = useNow(30_000);
  return (
    <span className="an-updated">
      {rolledUpAt && (
        <span>
          {t('analytics.updatedAt', {
            when: formatRelativeTime(rolledUpAt, now, i18n.resolvedLanguage ?? 'en'),
          })}
        </span>
      )}
      <button
        type="button"
        className="icon-button icon-button-sm"
        onClick={onRefresh}
        aria-label={t('common.refresh')}
      >
        <Icon name="history" size={16} />
      </button>
    </span>
  );
}

/** Nothing recorded yet: what brings the first figures in. */
function AnalyticsEmpty({
  period,
  onPeriod,
}: {
  period: AnalyticsPeriod;
  onPeriod: (period: AnalyticsPeriod) => void;
}) {
  const { t } = useTranslation();
  const steps = [
    {
      icon: 'widget',
      title: t('analytics.empty.widgetTitle'),
      body: t('analytics.empty.widgetBody'),
      to: '/widget',
      action: t('analytics.empty.widgetAction'),
    },
    {
      icon: 'whatsapp',
      title: t('analytics.empty.whatsappTitle'),
      body: t('analytics.empty.whatsappBody'),
      to: '/whatsapp/connection',
      action: t('analytics.empty.whatsappAction'),
    },
    {
      icon: 'knowledge',
      title: t('analytics.empty.knowledgeTitle'),
      body: t('analytics.empty.knowledgeBody'),
      to: '/knowledge',
      action: t('analytics.empty.knowledgeAction'),
    },
  ] as const;
  return (
    <section className="card an-empty" aria-labelledby="analytics-empty-title">
      <span className="empty-state-icon">
        <Icon name="analytics" size={26} />
      </span>
      <h2 id="analytics-empty-title" className="an-empty-title">
        {t('analytics.empty.title')}
      </h2>
      <p className="an-empty-body">{t('analytics.empty.body')}</p>
      <ul className="an-empty-steps">
        {steps.map((step) => (
          <li key={step.to} className="an-empty-step">
            <span className="feature-card-icon">
              <Icon name={step.icon} />
            </span>
            <span className="an-empty-step-title">{step.title}</span>
            <span className="an-empty-step-body">{step.body}</span>
            <Link to={step.to} className="feature-card-link">
              {step.action} <span aria-hidden="true">→</span>
            </Link>
          </li>
        ))}
      </ul>
      {period.period !== '90d' && (
        <Button variant="ghost" size="sm" onClick={() => onPeriod({ period: '90d' })}>
          {t('analytics.empty.tryLonger')}
        </Button>
      )}
    </section>
  );
}
