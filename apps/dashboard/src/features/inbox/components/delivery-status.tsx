import type { Delivery } from '@companero/contracts';
import { useTranslation } from 'react-i18next';
import { Icon, type IconName } from '../../../components/ui/icons.tsx';
import { useFormat } from '../../../lib/format.ts';

const ICONS: Record<Delivery['status'], IconName> = {
  queued: 'clock',
  sent: 'check',
  delivered: 'checks',
  read: 'checks',
  failed: 'alert',
  held: 'pause',
};

/** Graph error codes whose own message is cryptic; the rest show Meta's (or the server's) words. */
const KNOWN_CODES = new Set([131026, 131047, 131049]);

/**
 * Where a message to WhatsApp stands, as the client's phone would show it:
 * a clock while queued, one tick sent, two delivered, two blue read; a
 * failure (red) or a hold (amber, e.g. outside the 24-hour window or opted
 * out) says why.
 */
export function DeliveryStatus({ delivery }: { delivery: Delivery }) {
  const { t } = useTranslation();
  const format = useFormat();
  const { status, error } = delivery;
  const reason =
    error?.code != null && KNOWN_CODES.has(error.code)
      ? t(`inbox.delivery.codes.${error.code as 131026 | 131047 | 131049}`)
      : error?.message;
  const problem = status === 'failed' || status === 'held' ? status : undefined;
  return (
    <p
      className={`inbox-msg-foot inbox-delivery inbox-delivery-${status}`}
      data-testid="delivery-status"
      data-status={status}
      title={`${t(`inbox.delivery.${status}`)} · ${format.dateTime(delivery.at)}${
        error?.code != null ? ` · ${t('inbox.delivery.code', { code: error.code })}` : ''
      }`}
      role={problem ? 'status' : undefined}
    >
      <Icon name={ICONS[status]} size={problem ? 14 : 16} />
      <span>
        {problem && reason ? t(`inbox.delivery.${problem}With`, { reason }) : t(`inbox.delivery.${status}`)}
      </span>
    </p>
  );
}
