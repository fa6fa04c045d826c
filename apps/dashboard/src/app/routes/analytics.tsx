import { useTranslation } from 'react-i18next';
import { AnalyticsDashboard } from '../../features/analytics/components/analytics-dashboard.tsx';

/** `/analytics`: how clients use the coach, how well it answers, programs and revenue, over a period. */
export function AnalyticsRoute() {
  const { t } = useTranslation();
  return (
    <>
      <title>{`${t('nav.analytics')} · ${t('app.name')}`}</title>
      <AnalyticsDashboard />
    </>
  );
}
