import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Alert } from '../../../components/ui/alert.tsx';
import { Button } from '../../../components/ui/button.tsx';
import { EmptyState } from '../../../components/ui/empty-state.tsx';
import { LoadingState } from '../../../components/ui/spinner.tsx';
import { useWhatsAppAccount } from '../api/get-whatsapp-account.ts';
import { translateWhatsAppError } from '../utils/whatsapp-error.ts';

/** Templates, contacts and broadcasts all live in the WhatsApp account: without one, say how to connect. */
export function RequireConnection({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const account = useWhatsAppAccount();
  if (account.isPending) return <LoadingState />;
  if (account.isError) {
    return (
      <Alert
        tone="error"
        action={
          <Button variant="secondary" size="sm" onClick={() => account.refetch()}>
            {t('common.retry')}
          </Button>
        }
      >
        {translateWhatsAppError(t, account.error)}
      </Alert>
    );
  }
  if (!account.data.connected) {
    return (
      <div className="card">
        <EmptyState
          icon="whatsapp"
          title={t('whatsapp.notConnected.title')}
          action={
            <Link to="/whatsapp/connection" className="btn btn-primary">
              {t('whatsapp.notConnected.action')}
            </Link>
          }
        >
          {t('whatsapp.notConnected.body')}
        </EmptyState>
      </div>
    );
  }
  return children;
}
