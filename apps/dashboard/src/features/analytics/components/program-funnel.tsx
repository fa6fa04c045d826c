import type { AnalyticsOverview } from '@companero/contracts';
import { type CSSProperties, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { AnalyticsFormat } from '../hooks/use-analytics-format.ts';
import { funnelRows } from '../utils/overview-data.ts';

/**
 * A program's funnel: enrolled, then each step, then finished, as horizontal
 * bars with the share lost at each step. With several programs, a selector
 * picks which one (the busiest first).
 */
export function ProgramFunnel({
  programs,
  format,
}: {
  programs: AnalyticsOverview['programs'];
  format: AnalyticsFormat;
}) {
  const { t } = useTranslation();
  const titleId = useId();
  const selectId = useId();
  const [chosenId, setChosenId] = useState<string>();
  const program = programs.find((p) => p.programId === chosenId) ?? programs[0];

  return (
    <section className="card an-card an-card-wide" aria-labelledby={titleId}>
      <header className="an-card-header">
        <div>
          <h3 id={titleId} className="an-card-title">
            {t('analytics.funnel.title')}
          </h3>
          <p className="an-card-subtitle">{t('analytics.funnel.subtitle')}</p>
        </div>
        {programs.length > 1 && program && (
          <div className="an-funnel-select">
            <label htmlFor={selectId} className="field-label">
              {t('analytics.funnel.program')}
            </label>
            <select
              id={selectId}
              className="input select"
              value={program.programId}
              onChange={(event) => setChosenId(event.target.value)}
            >
              {programs.map((p) => (
                <option key={p.programId} value={p.programId}>
                  {p.name}
                </option>
              ))}
            </select>
          </div>
        )}
      </header>
      {!program ? (
        <p className="an-chart-empty">
          {t('analytics.funnel.empty')} <Link to="/programs">{t('analytics.funnel.createProgram')}</Link>
        </p>
      ) : (
        <>
          <p className="an-funnel-facts">
            {programs.length === 1 && <strong>{program.name}</strong>}
            <span>{t('analytics.funnel.enrolledCount', { count: program.enrolled })}</span>
            <span>{t('analytics.funnel.finishedCount', { count: program.finished })}</span>
            <span>{t('analytics.funnel.droppedCount', { count: program.dropped })}</span>
            {program.completionRate !== null && (
              <span>
                {t('analytics.funnel.completion', { rate: format.percent(program.completionRate) })}
              </span>
            )}
          </p>
          <ol className="an-funnel" aria-label={t('analytics.funnel.stepsOf', { name: program.name })}>
            {funnelRows(program).map((row) => (
              <li key={row.id} className="an-funnel-row" data-kind={row.kind}>
                <span className="an-funnel-label">
                  {row.kind === 'enrolled'
                    ? t('analytics.funnel.enrolled')
                    : row.kind === 'finished'
                      ? t('analytics.funnel.finished')
                      : row.label}
                </span>
                <span className="an-funnel-track" aria-hidden="true">
                  <span
                    className="an-funnel-bar"
                    style={
                      { '--width': `${Math.max(row.count > 0 ? 1 : 0, row.width * 100)}%` } as CSSProperties
                    }
                  />
                </span>
                <span className="an-funnel-numbers">
                  <span className="an-funnel-count">{format.count(row.count)}</span>
                  {row.dropOff !== null && row.dropOff > 0 && (
                    <span className="an-funnel-drop">
                      {t('analytics.funnel.dropOff', { share: format.percent(row.dropOff, 0) })}
                    </span>
                  )}
                </span>
              </li>
            ))}
          </ol>
        </>
      )}
    </section>
  );
}
