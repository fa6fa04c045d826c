import type { AnalyticsOverview } from '@companero/contracts';
import { type CSSProperties, useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { AnalyticsFormat } from '../hooks/use-analytics-format.ts';
import { cohortWeeks, retentionShade } from '../utils/overview-data.ts';

/**
 * Weekly retention as a heat map: one row per cohort (the week its clients
 * were first active, and how many), one column per week after, each cell
 * shaded by the share still active. A real table, so it reads out cell by cell.
 */
export function CohortTable({
  cohorts,
  format,
}: {
  cohorts: AnalyticsOverview['cohorts'];
  format: AnalyticsFormat;
}) {
  const { t } = useTranslation();
  const titleId = useId();
  const weeks = cohortWeeks(cohorts);
  return (
    <section className="card an-card an-card-wide" aria-labelledby={titleId}>
      <header className="an-card-header">
        <div>
          <h3 id={titleId} className="an-card-title">
            {t('analytics.cohorts.title')}
          </h3>
          <p className="an-card-subtitle">{t('analytics.cohorts.subtitle')}</p>
        </div>
      </header>
      {cohorts.length === 0 ? (
        <p className="an-chart-empty">{t('analytics.cohorts.empty')}</p>
      ) : (
        <div className="an-table-scroll an-cohorts-scroll">
          <table className="an-cohorts">
            <caption className="visually-hidden">{t('analytics.cohorts.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('analytics.cohorts.cohort')}</th>
                <th scope="col" className="an-num">
                  {t('analytics.cohorts.clients')}
                </th>
                {Array.from({ length: weeks }, (_, week) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: columns are week numbers
                  <th key={week} scope="col" className="an-num">
                    {t('analytics.cohorts.week', { week })}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {cohorts.map((cohort) => (
                <tr key={cohort.week}>
                  <th scope="row">{format.day(cohort.week)}</th>
                  <td className="an-num">{format.count(cohort.size)}</td>
                  {Array.from({ length: weeks }, (_, week) => {
                    const share = cohort.retention[week];
                    if (share === undefined)
                      return (
                        // biome-ignore lint/suspicious/noArrayIndexKey: cells are week numbers
                        <td key={week} className="an-cohort-cell an-cohort-future">
                          <span className="visually-hidden">{t('analytics.cohorts.notYet')}</span>
                        </td>
                      );
                    const shade = retentionShade(share);
                    return (
                      <td
                        // biome-ignore lint/suspicious/noArrayIndexKey: cells are week numbers
                        key={week}
                        className="an-cohort-cell"
                        data-strong={shade > 0.6 || undefined}
                        style={{ '--shade': `${Math.round(shade * 100)}%` } as CSSProperties}
                        title={t('analytics.cohorts.cell', {
                          share: format.percent(share, 0),
                          count: Math.round(share * cohort.size),
                          week,
                        })}
                      >
                        {format.percent(share, 0)}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
