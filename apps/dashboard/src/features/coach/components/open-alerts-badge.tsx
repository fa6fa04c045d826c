import { useTranslation } from 'react-i18next';
import { useOpenAlertCount } from '../api/get-alerts.ts';

/** The number of open alerts beside a link to them; nothing when there are none (or they cannot be read). */
export function OpenAlertsBadge() {
  const { t } = useTranslation();
  const open = useOpenAlertCount();
  const count = open.data?.count ?? 0;
  if (count === 0) return null;
  const shown = open.data?.hasMore || count > 99 ? '99+' : String(count);
  return (
    <span className="count-badge">
      <span aria-hidden="true">{shown}</span>
      <span className="visually-hidden">{t('coach.alerts.openCount', { count })}</span>
    </span>
  );
}
