import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../components/ui/empty-state.tsx';

/** `/inbox` with no conversation open. */
export function InboxRoute() {
  const { t } = useTranslation();
  return (
    <div className="inbox-pick">
      <EmptyState icon="inbox" title={t('inbox.pick')}>
        {t('inbox.pickBody')}
      </EmptyState>
    </div>
  );
}
