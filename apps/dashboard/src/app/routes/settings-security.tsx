import { useTranslation } from 'react-i18next';
import { AuditLogList } from '../../features/audit-log/components/audit-log-list.tsx';

export function SettingsSecurityRoute() {
  const { t } = useTranslation();
  return (
    <>
      <title>{`${t('settings.tabs.security')} · ${t('app.name')}`}</title>
      <AuditLogList />
    </>
  );
}
