import { useTranslation } from 'react-i18next';
import { NavLink, Outlet } from 'react-router';
import { PageHeader } from '../../components/ui/page-header.tsx';

export function SettingsLayout() {
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
      <PageHeader title={t('settings.title')} subtitle={t('settings.subtitle')} />
      <nav aria-label={t('settings.tabsLabel')} className="tabs">
        <ul>
          {tab('/settings/account', t('settings.tabs.account'))}
          {tab('/settings/api-keys', t('settings.tabs.apiKeys'))}
          {tab('/settings/security', t('settings.tabs.security'))}
        </ul>
      </nav>
      <div className="stack-lg">
        <Outlet />
      </div>
    </>
  );
}
