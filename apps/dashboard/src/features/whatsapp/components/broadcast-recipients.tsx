import type { Broadcast } from '@companero/contracts';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../../components/ui/alert.tsx';
import { Button } from '../../../components/ui/button.tsx';
import { Card } from '../../../components/ui/card.tsx';
import { EmptyState } from '../../../components/ui/empty-state.tsx';
import { Icon } from '../../../components/ui/icons.tsx';
import { LoadingState } from '../../../components/ui/spinner.tsx';
import { useFormat } from '../../../lib/format.ts';
import { useBroadcastRecipients } from '../api/get-broadcast-recipients.ts';
import { translateWhatsAppError } from '../utils/whatsapp-error.ts';
import { RecipientStatusBadge } from './broadcast-status-badge.tsx';

/** One broadcast, recipient by recipient: how far each message got, and why it did not when it failed. */
export function BroadcastRecipients({ broadcast, onClose }: { broadcast: Broadcast; onClose: () => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const recipients = useBroadcastRecipients(broadcast);
  const columns = {
    contact: t('whatsapp.recipients.columns.contact'),
    status: t('whatsapp.recipients.columns.status'),
    error: t('whatsapp.recipients.columns.error'),
    updated: t('whatsapp.recipients.columns.updated'),
  };
  return (
    <Card
      title={t('whatsapp.recipients.title', { name: broadcast.name })}
      subtitle={t('whatsapp.recipients.subtitle')}
      actions={
        <Button variant="ghost" size="sm" icon={<Icon name="close" size={16} />} onClick={onClose}>
          {t('whatsapp.recipients.close')}
        </Button>
      }
    >
      {recipients.isPending && <LoadingState />}
      {recipients.isError && (
        <Alert
          tone="error"
          action={
            <Button variant="secondary" size="sm" onClick={() => recipients.refetch()}>
              {t('common.retry')}
            </Button>
          }
        >
          {translateWhatsAppError(t, recipients.error)}
        </Alert>
      )}
      {recipients.isSuccess && recipients.data.length === 0 && (
        <EmptyState icon="user" title={t('whatsapp.recipients.empty')}>
          {t('whatsapp.recipients.emptyHint')}
        </EmptyState>
      )}
      {recipients.isSuccess && recipients.data.length > 0 && (
        <div className="table-wrap">
          <table className="table table-stack">
            <caption className="visually-hidden">
              {t('whatsapp.recipients.tableLabel', { name: broadcast.name })}
            </caption>
            <thead>
              <tr>
                <th scope="col">{columns.contact}</th>
                <th scope="col">{columns.status}</th>
                <th scope="col">{columns.error}</th>
                <th scope="col">{columns.updated}</th>
              </tr>
            </thead>
            <tbody>
              {recipients.data.map((recipient) => (
                <tr key={recipient.endUserId}>
                  <th scope="row" className="cell-name">
                    <span className="cell-strong">{recipient.displayName?.trim() || recipient.phone}</span>
                    {recipient.displayName?.trim() && (
                      <span className="cell-secondary wa-phone">{recipient.phone}</span>
                    )}
                  </th>
                  <td data-label={columns.status}>
                    <RecipientStatusBadge status={recipient.status} />
                  </td>
                  <td data-label={columns.error} className="wa-error-cell">
                    {recipient.error ?? <span className="muted">—</span>}
                  </td>
                  <td data-label={columns.updated} className="cell-nowrap">
                    {format.dateTime(recipient.updatedAt)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Card>
  );
}
