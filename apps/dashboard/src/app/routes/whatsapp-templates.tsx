import { useTranslation } from 'react-i18next';
import { RequireConnection } from '../../features/whatsapp/components/require-connection.tsx';
import { TemplatesPanel } from '../../features/whatsapp/components/templates-panel.tsx';

/** `/whatsapp/templates`: Meta's message templates, synced and submitted for approval. */
export function WhatsAppTemplatesRoute() {
  const { t } = useTranslation();
  return (
    <>
      <title>{`${t('whatsapp.tabs.templates')} · ${t('nav.whatsapp')} · ${t('app.name')}`}</title>
      <RequireConnection>
        <TemplatesPanel />
      </RequireConnection>
    </>
  );
}
