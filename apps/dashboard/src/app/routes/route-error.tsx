import { useTranslation } from 'react-i18next';
import { useRouteError } from 'react-router';
import { AuthCard } from '../../components/auth-card.tsx';
import { Alert } from '../../components/ui/alert.tsx';
import { Button } from '../../components/ui/button.tsx';
import { translateError } from '../../lib/form-errors.ts';

/** Last resort for a page that crashed: say so in plain words and offer a reload. */
export function RouteError() {
  const { t } = useTranslation();
  const error = useRouteError();
  return (
    <div className="auth-page">
      <main id="main" className="auth-main">
        <AuthCard title={t('errors.INTERNAL')}>
          <div className="stack">
            <Alert tone="error">{translateError(t, error)}</Alert>
            <Button onClick={() => window.location.reload()}>{t('common.retry')}</Button>
          </div>
        </AuthCard>
      </main>
    </div>
  );
}
