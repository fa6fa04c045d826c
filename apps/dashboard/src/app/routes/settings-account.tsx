import { useTranslation } from 'react-i18next';
import { ChangePasswordForm } from '../../features/account/components/change-password-form.tsx';
import { ProfileForm } from '../../features/account/components/profile-form.tsx';

export function SettingsAccountRoute() {
  const { t } = useTranslation();
  return (
    <>
      <title>{`${t('settings.tabs.account')} · ${t('app.name')}`}</title>
      <ProfileForm />
      <ChangePasswordForm />
    </>
  );
}
