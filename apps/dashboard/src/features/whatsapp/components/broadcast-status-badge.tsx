import { useTranslation } from 'react-i18next';

type RecipientStatus = 'queued' | 'sent' | 'delivered' | 'read' | 'failed' | 'skipped';

const BROADCAST_TONES = { sending: 'badge-info', done: 'badge-success' } as const;
const RECIPIENT_TONES: Record<RecipientStatus, string> = {
  queued: 'badge-muted',
  sent: 'badge-muted',
  delivered: 'badge-success',
  read: 'badge-info',
  failed: 'badge-danger',
  skipped: 'badge-warning',
};

export function BroadcastStatusBadge({ status }: { status: 'sending' | 'done' }) {
  const { t } = useTranslation();
  return (
    <span className={`badge ${BROADCAST_TONES[status]}`}>{t(`whatsapp.broadcasts.statuses.${status}`)}</span>
  );
}

export function RecipientStatusBadge({ status }: { status: RecipientStatus }) {
  const { t } = useTranslation();
  return (
    <span className={`badge ${RECIPIENT_TONES[status]}`}>
      {t(`whatsapp.broadcasts.recipientStatuses.${status}`)}
    </span>
  );
}
