import { useTranslation } from 'react-i18next';
import { CorrectionsList } from '../../features/coach/components/corrections-list.tsx';

export function CoachCorrectionsRoute() {
  const { t } = useTranslation();
  return (
    <>
      <title>{`${t('coach.tabs.corrections')} · ${t('nav.coach')} · ${t('app.name')}`}</title>
      <CorrectionsList />
    </>
  );
}
