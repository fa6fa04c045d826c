import { useTranslation } from 'react-i18next';
import { PlaygroundPanel } from '../../features/coach/components/playground-panel.tsx';

export function CoachPlaygroundRoute() {
  const { t } = useTranslation();
  return (
    <>
      <title>{`${t('coach.tabs.playground')} · ${t('nav.coach')} · ${t('app.name')}`}</title>
      <PlaygroundPanel />
    </>
  );
}
