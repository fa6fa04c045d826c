import { useTranslation } from 'react-i18next';
import { NavLink, Outlet } from 'react-router';
import { PageHeader } from '../../components/ui/page-header.tsx';

/** The WhatsApp channel: its sections as tabs (each its own address), the section below. */
export function WhatsAppLayout() {
  const { t } = useTranslation();
  const tab = (to: string, label: string) => (
    <li>
      <NavLink to={to} className="tab">
        {label}
      </NavLink>
    </li>
  );
  return (
    <>
      <PageHeader title={t('nav.whatsapp')} subtitle={t('whatsapp.subtitle')} />
      <nav aria-label={t('whatsapp.tabsLabel')} className="tabs">
        <ul>
          {tab('/whatsapp/connection', t('whatsapp.tabs.connection'))}
          {tab('/whatsapp/templates', t('whatsapp.tabs.templates'))}
          {tab('/whatsapp/contacts', t('whatsapp.tabs.contacts'))}
          {tab('/whatsapp/broadcasts', t('whatsapp.tabs.broadcasts'))}
        </ul>
      </nav>
      <div className="stack-lg">
        <Outlet />
      </div>
    </>
  );
}
