import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageHeader } from '../../components/ui/page-header.tsx';
import { DevMailbox } from '../../features/dev-mailbox/components/dev-mailbox.tsx';

export function DevMailboxRoute() {
  const { t } = useTranslation();
  return (
    <div className="stack">
      <title>{`${t('devMailbox.title')} · ${t('app.name')}`}</title>
      <PageHeader
        title={t('devMailbox.title')}
        subtitle={t('devMailbox.subtitle')}
        actions={
          <Link to="/login" className="btn btn-secondary btn-sm">
            {t('common.backToLogin')}
          </Link>
        }
      />
      <DevMailbox />
    </div>
  );
}
