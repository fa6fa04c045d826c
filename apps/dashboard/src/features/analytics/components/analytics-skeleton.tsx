import { useTranslation } from 'react-i18next';

/** The page's shape while the first figures load: KPI cards and charts, greyed. */
export function AnalyticsSkeleton() {
  const { t } = useTranslation();
  return (
    <div className="an-skeleton" role="status">
      <span className="visually-hidden">{t('analytics.loading')}</span>
      {[6, 6].map((cards, section) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: static placeholders
        <div key={section} className="an-section" aria-hidden="true">
          <span className="an-bone an-bone-title" />
          <div className="an-kpis">
            {Array.from({ length: cards }, (_, card) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: static placeholders
              <span key={card} className="an-bone an-bone-kpi" />
            ))}
          </div>
          <div className="an-grid">
            <span className="an-bone an-bone-chart" />
            <span className="an-bone an-bone-chart" />
          </div>
        </div>
      ))}
    </div>
  );
}
