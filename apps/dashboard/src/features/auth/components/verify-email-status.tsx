import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Alert } from '../../../components/ui/alert.tsx';
import { DonePanel } from '../../../components/ui/done-panel.tsx';
import { LoadingState } from '../../../components/ui/spinner.tsx';
import { translateError } from '../../../lib/form-errors.ts';
import { useVerifyEmail } from '../api/verify-email.ts';

export function VerifyEmailStatus({ token }: { token: string }) {
  const { t } = useTranslation();
  const verify = useVerifyEmail(token);

  if (verify.isPending) return <LoadingState label={t('auth.verify.pending')} />;
  if (verify.isError) {
    return (
      <div className="stack">
        <Alert tone="error" title={t('auth.verify.failedTitle')}>
          {translateError(t, verify.error)}
        </Alert>
        <Link to="/login" className="btn btn-secondary btn-block">
          {t('common.backToLogin')}
        </Link>
      </div>
    );
  }
  return (
    <DonePanel icon="check" tone="success" title={t('auth.verify.successTitle')}>
      <p>{t('auth.verify.successBody')}</p>
      <Link to="/login" className="btn btn-primary btn-block">
        {t('auth.verify.logIn')}
      </Link>
    </DonePanel>
  );
}
