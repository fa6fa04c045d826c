import { useTranslation } from 'react-i18next';
import { ApiKeysPanel } from '../../features/api-keys/components/api-keys-panel.tsx';

export function SettingsApiKeysRoute() {
  const { t } = useTranslation();
  return (
    <>
      <title>{`${t('settings.tabs.apiKeys')} · ${t('app.name')}`}</title>
      <ApiKeysPanel />
    </>
  );
}
