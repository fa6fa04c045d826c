import './whatsapp.css';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../../components/ui/alert.tsx';
import { Button } from '../../../components/ui/button.tsx';
import { LoadingState } from '../../../components/ui/spinner.tsx';
import { useWhatsAppAccount } from '../api/get-whatsapp-account.ts';
import { translateWhatsAppError } from '../utils/whatsapp-error.ts';
import { ConnectionForm } from './connection-form.tsx';
import { ConnectionStatus } from './connection-status.tsx';
import { TestMessageForm } from './test-message-form.tsx';
import { WebhookSetup } from './webhook-setup.tsx';

/** The Connection tab: status, the credentials form, the webhook to set up in Meta, a test send. */
export function ConnectionPanel() {
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
  return (
    <div className="wa-layout">
      <div className="wa-main">
        <ConnectionStatus account={account.data} />
        <ConnectionForm account={account.data} />
      </div>
      <div className="wa-side">
        <WebhookSetup account={account.data} />
        {account.data.connected ? (
          <TestMessageForm />
        ) : (
          <Alert tone="info">{t('whatsapp.test.connectFirst')}</Alert>
        )}
      </div>
    </div>
  );
}
