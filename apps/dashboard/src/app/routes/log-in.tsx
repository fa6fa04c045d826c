import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { AuthCard } from '../../components/auth-card.tsx';
import { LogInForm } from '../../features/auth/components/log-in-form.tsx';
import { DevMailboxLink } from '../../features/dev-mailbox/components/dev-mailbox-link.tsx';
import { useSession } from '../../lib/api.ts';

export function LogInRoute() {
  const { t } = useTranslation();
  const session = useSession();
  const hasExpired = session.status === 'signed-out' && session.reason === 'expired';
  return (
    <AuthCard
      title={t('auth.login.title')}
      subtitle={t('auth.login.subtitle')}
      footer={
        <>
          <p>
            {t('auth.login.noAccount')} <Link to="/signup">{t('auth.login.signUp')}</Link>
          </p>
          <DevMailboxLink />
        </>
      }
    >
      <LogInForm notice={hasExpired ? t('auth.login.sessionEnded') : undefined} />
    </AuthCard>
  );
}
