import type { WhatsAppAccount } from '@companero/contracts';
import { Trans, useTranslation } from 'react-i18next';
import { Card } from '../../../components/ui/card.tsx';
import { CopyField } from './copy-field.tsx';

/**
 * What to paste into Meta's App Dashboard so WhatsApp delivers the number's
 * messages here: the callback URL, the verify token, and the steps.
 */
export function WebhookSetup({ account }: { account: WhatsAppAccount }) {
  const { t } = useTranslation();
  return (
    <Card title={t('whatsapp.webhook.title')} subtitle={t('whatsapp.webhook.subtitle')}>
      <div className="stack">
        <CopyField
          label={t('whatsapp.webhook.url')}
          value={account.webhookUrl}
          copyLabel={t('whatsapp.webhook.copyUrl')}
        />
        {account.verifyToken ? (
          <CopyField
            label={t('whatsapp.webhook.verifyToken')}
            value={account.verifyToken}
            copyLabel={t('whatsapp.webhook.copyToken')}
          />
        ) : (
          // The server makes the token when the number is first saved.
          <p className="field-hint">{t('whatsapp.webhook.tokenAfterConnect')}</p>
        )}
        <ol className="wa-steps">
          <li>{t('whatsapp.webhook.steps.1')}</li>
          <li>{t('whatsapp.webhook.steps.2')}</li>
          <li>
            <Trans i18nKey="whatsapp.webhook.steps.3" components={{ code: <code className="code-chip" /> }} />
          </li>
        </ol>
      </div>
    </Card>
  );
}
