import type { WhatsAppAccount } from '@companero/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../../components/ui/button.tsx';
import { Card } from '../../../components/ui/card.tsx';
import { Icon } from '../../../components/ui/icons.tsx';
import { useNow } from '../../../hooks/use-now.ts';
import { useFormat } from '../../../lib/format.ts';
import { formatRelativeTime } from '../../../lib/relative-time.ts';
import { DisconnectDialog } from './disconnect-dialog.tsx';

/** Connected or not, which number, and whether Meta's webhook has reached us yet. */
export function ConnectionStatus({ account }: { account: WhatsAppAccount }) {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const now = useNow();
  const [isDisconnecting, setIsDisconnecting] = useState(false);
  const when = (iso: string | null) =>
    iso ? (
      <time dateTime={iso} title={format.dateTime(iso)}>
        {formatRelativeTime(iso, now, i18n.resolvedLanguage ?? 'en')}
      </time>
    ) : (
      t('common.never')
    );

  return (
    <Card
      title={t('whatsapp.status.title')}
      actions={
        account.connected ? (
          <Button variant="secondary" className="btn-danger-text" onClick={() => setIsDisconnecting(true)}>
            {t('whatsapp.status.disconnect')}
          </Button>
        ) : undefined
      }
    >
      <div className="wa-status">
        <span
          className={`wa-status-icon ${account.connected ? 'wa-status-on' : ''}`}
          data-testid="whatsapp-connection"
          data-connected={account.connected}
        >
          <Icon name="whatsapp" size={22} />
        </span>
        <div className="wa-status-main">
          <p className="wa-status-line">
            <span className={`badge ${account.connected ? 'badge-success' : 'badge-muted'}`}>
              {account.connected ? t('whatsapp.status.connected') : t('whatsapp.status.notConnected')}
            </span>
            {account.connected && account.displayPhone && (
              <span className="wa-status-phone">{account.displayPhone}</span>
            )}
          </p>
          {!account.connected && <p className="muted small">{t('whatsapp.status.notConnectedHint')}</p>}
          <dl className="wa-facts">
            {account.connected && (
              <div>
                <dt>{t('whatsapp.status.verifiedName')}</dt>
                <dd>{account.verifiedName ?? '—'}</dd>
              </div>
            )}
            <div>
              <dt>{t('whatsapp.status.lastWebhook')}</dt>
              <dd>{when(account.lastWebhookAt)}</dd>
            </div>
            <div>
              <dt>{t('whatsapp.status.lastTest')}</dt>
              <dd>{when(account.lastTestAt)}</dd>
            </div>
          </dl>
          {account.connected && !account.lastWebhookAt && (
            <p className="wa-status-note">
              <Icon name="info" size={16} />
              {t('whatsapp.status.noWebhookYet')}
            </p>
          )}
        </div>
      </div>
      <DisconnectDialog
        open={isDisconnecting}
        phone={account.displayPhone ?? account.phoneNumberId ?? ''}
        onClose={() => setIsDisconnecting(false)}
      />
    </Card>
  );
}
