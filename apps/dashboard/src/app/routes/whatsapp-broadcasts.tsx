import { useTranslation } from 'react-i18next';
import { BroadcastsPanel } from '../../features/whatsapp/components/broadcasts-panel.tsx';
import { RequireConnection } from '../../features/whatsapp/components/require-connection.tsx';

/** `/whatsapp/broadcasts`: approved templates sent to opted-in contacts, with a report per broadcast. */
export function WhatsAppBroadcastsRoute() {
  const { t } = useTranslation();
  return (
    <>
      <title>{`${t('whatsapp.tabs.broadcasts')} · ${t('nav.whatsapp')} · ${t('app.name')}`}</title>
      <RequireConnection>
        <BroadcastsPanel />
      </RequireConnection>
    </>
  );
}
