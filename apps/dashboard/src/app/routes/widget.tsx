import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/ui/page-header.tsx';
import { WidgetSettings } from '../../features/widget/components/widget-settings.tsx';

/** `/widget`: how the web chat widget looks and where it may run, a live preview, and the code to embed it. */
export function WidgetRoute() {
  const { t } = useTranslation();
  return (
    <>
      <title>{`${t('widget.title')} · ${t('app.name')}`}</title>
      <PageHeader title={t('widget.title')} subtitle={t('widget.subtitle')} />
      <WidgetSettings />
    </>
  );
}
