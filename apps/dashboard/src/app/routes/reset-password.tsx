import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { AuthCard } from '../../components/auth-card.tsx';
import { Alert } from '../../components/ui/alert.tsx';
import { ResetPasswordForm } from '../../features/auth/components/reset-password-form.tsx';

export function ResetPasswordRoute() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const token = params.get('token');
  return (
    <AuthCard title={t('auth.reset.title')} subtitle={token ? t('auth.reset.subtitle') : undefined}>
      {token ? (
        <ResetPasswordForm token={token} />
      ) : (
        <div className="stack">
          <Alert tone="error">{t('auth.reset.missingToken')}</Alert>
          <Link to="/forgot-password" className="btn btn-primary btn-block">
            {t('auth.reset.requestNew')}
          </Link>
        </div>
      )}
    </AuthCard>
  );
}
