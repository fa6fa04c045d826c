import { useTranslation } from 'react-i18next';
import { ContactsPanel } from '../../features/whatsapp/components/contacts-panel.tsx';
import { RequireConnection } from '../../features/whatsapp/components/require-connection.tsx';

/** `/whatsapp/contacts`: who writes to the number, their consent and 24-hour window. */
export function WhatsAppContactsRoute() {
  const { t } = useTranslation();
  return (
    <>
      <title>{`${t('whatsapp.tabs.contacts')} · ${t('nav.whatsapp')} · ${t('app.name')}`}</title>
      <RequireConnection>
        <ContactsPanel />
      </RequireConnection>
    </>
  );
}
