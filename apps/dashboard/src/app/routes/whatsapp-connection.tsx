import { useTranslation } from 'react-i18next';
import { ConnectionPanel } from '../../features/whatsapp/components/connection-panel.tsx';

/** `/whatsapp/connection`: the number's credentials, the webhook to set up in Meta, a test send, disconnecting. */
export function WhatsAppConnectionRoute() {
  const { t } = useTranslation();
  return (
    <>
      <title>{`${t('whatsapp.tabs.connection')} · ${t('nav.whatsapp')} · ${t('app.name')}`}</title>
      <ConnectionPanel />
    </>
  );
}
