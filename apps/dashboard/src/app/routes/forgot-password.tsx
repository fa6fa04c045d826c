import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { AuthCard } from '../../components/auth-card.tsx';
import { DonePanel } from '../../components/ui/done-panel.tsx';
import { ForgotPasswordForm } from '../../features/auth/components/forgot-password-form.tsx';
import { DevMailboxLink } from '../../features/dev-mailbox/components/dev-mailbox-link.tsx';

export function ForgotPasswordRoute() {
  const { t } = useTranslation();
  const [sentTo, setSentTo] = useState<string>();
  const backLine = (
    <p>
      <Link to="/login">{t('common.backToLogin')}</Link>
    </p>
  );
  if (sentTo) {
    return (
      <AuthCard key="sent" title={t('auth.forgot.sentTitle')} footer={backLine}>
        <DonePanel icon="mail" actions={<DevMailboxLink className="btn btn-secondary btn-sm" />}>
          <p>{t('auth.forgot.sentBody', { email: sentTo })}</p>
        </DonePanel>
      </AuthCard>
    );
  }
  return (
    <AuthCard title={t('auth.forgot.title')} subtitle={t('auth.forgot.subtitle')} footer={backLine}>
      <ForgotPasswordForm onSent={setSentTo} />
    </AuthCard>
  );
}
