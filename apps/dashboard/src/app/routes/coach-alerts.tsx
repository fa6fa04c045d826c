import { useTranslation } from 'react-i18next';
import { AlertsList } from '../../features/coach/components/alerts-list.tsx';

export function CoachAlertsRoute() {
  const { t } = useTranslation();
  return (
    <>
      <title>{`${t('coach.tabs.alerts')} · ${t('nav.coach')} · ${t('app.name')}`}</title>
      <AlertsList />
    </>
  );
}
