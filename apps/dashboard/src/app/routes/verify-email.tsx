import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { AuthCard } from '../../components/auth-card.tsx';
import { Alert } from '../../components/ui/alert.tsx';
import { VerifyEmailStatus } from '../../features/auth/components/verify-email-status.tsx';

export function VerifyEmailRoute() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const token = params.get('token');
  return (
    <AuthCard title={t('auth.verify.title')}>
      {token ? (
        <VerifyEmailStatus token={token} />
      ) : (
        <div className="stack">
          <Alert tone="error">{t('auth.verify.missingToken')}</Alert>
          <Link to="/login" className="btn btn-secondary btn-block">
            {t('common.backToLogin')}
          </Link>
        </div>
      )}
    </AuthCard>
  );
}
