import type { Kpi, KpiKey } from '@companero/contracts';
import type { CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import type { AnalyticsFormat } from '../hooks/use-analytics-format.ts';

const ARROWS = { up: '▲', down: '▼', flat: '▶' } as const;

/** A section's KPI cards: the value, and how it moved since the previous period of equal length. */
export function KpiGrid({
  keys,
  kpis,
  format,
  label,
}: {
  keys: readonly KpiKey[];
  kpis: ReadonlyMap<KpiKey, Kpi>;
  format: AnalyticsFormat;
  label: string;
}) {
  return (
    <ul
      className="an-kpis"
      aria-label={label}
      // Four cards or more share one row on wide screens.
      data-count={keys.length >= 4 ? keys.length : undefined}
      style={keys.length >= 4 ? ({ '--count': keys.length } as CSSProperties) : undefined}
    >
      {keys.map((key) => (
        <KpiCard key={key} kpiKey={key} kpi={kpis.get(key)} format={format} />
      ))}
    </ul>
  );
}

function KpiCard({ kpiKey, kpi, format }: { kpiKey: KpiKey; kpi: Kpi | undefined; format: AnalyticsFormat }) {
  const { t } = useTranslation();
  const value = kpi?.value ?? null;
  const previous = kpi?.previous ?? null;
  const trend = format.trend(kpiKey, kpi?.delta ?? null);
  const previousText = t('analytics.kpi.previous', { value: format.kpi(kpiKey, previous) });
  return (
    <li className="an-kpi" data-kpi={kpiKey}>
      <p className="an-kpi-label" title={t(`analytics.kpis.${kpiKey}.hint`)}>
        {t(`analytics.kpis.${kpiKey}.label`)}
      </p>
      <p className="an-kpi-value">{format.kpi(kpiKey, value)}</p>
      <p className="an-kpi-trend">
        {trend ? (
          <>
            <span className="an-delta" data-tone={trend.tone}>
              <span aria-hidden="true">
                {ARROWS[trend.direction]} {trend.size}
              </span>
              <span className="visually-hidden">
                {t(`analytics.kpi.${trend.direction}`, { size: trend.size })}
                {trend.tone !== 'neutral' && ` (${t(`analytics.kpi.${trend.tone}`)})`}
              </span>
            </span>{' '}
            <span className="an-kpi-previous">{previousText}</span>
          </>
        ) : previous === null || value === null ? (
          <span className="an-kpi-previous">{t('analytics.kpi.noComparison')}</span>
        ) : (
          <span className="an-kpi-previous">{previousText}</span>
        )}
      </p>
      <p className="visually-hidden">{t(`analytics.kpis.${kpiKey}.hint`)}</p>
    </li>
  );
}
