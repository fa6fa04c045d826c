import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Icon } from '../../../components/ui/icons.tsx';
import { usePublicConfig } from '../../../lib/public-config.ts';

/** "Open dev mailbox", only on servers that keep mail instead of sending it. */
export function DevMailboxLink({ className = 'dev-mailbox-link' }: { className?: string }) {
  const { t } = useTranslation();
  const config = usePublicConfig();
  if (!config.data?.devMailbox) return null;
  return (
    <Link to="/dev/mailbox" className={className}>
      <Icon name="mail" size={18} />
      {t('devMailbox.open')}
    </Link>
  );
}
