import type { DevMail } from '@companero/contracts';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Alert } from '../../../components/ui/alert.tsx';
import { Button } from '../../../components/ui/button.tsx';
import { EmptyState } from '../../../components/ui/empty-state.tsx';
import { Icon } from '../../../components/ui/icons.tsx';
import { LoadingState } from '../../../components/ui/spinner.tsx';
import { translateError } from '../../../lib/form-errors.ts';
import { useFormat } from '../../../lib/format.ts';
import { usePublicConfig } from '../../../lib/public-config.ts';
import { useDevMailbox } from '../api/get-dev-mailbox.ts';

/** Dashboard pages that mail links lead to; such links open here, in this tab. */
const IN_APP_PATHS = {
  '/verify-email': 'devMailbox.linkVerify',
  '/reset-password': 'devMailbox.linkReset',
} as const;

function inAppTarget(href: string) {
  try {
    const url = new URL(href);
    const label = IN_APP_PATHS[url.pathname as keyof typeof IN_APP_PATHS];
    // Mail links use the server's PUBLIC_URL, which may differ from the origin this
    // page is on (the Vite dev server, a random test port): open them in this app.
    return label ? { to: `${url.pathname}${url.search}`, label } : undefined;
  } catch {
    return undefined;
  }
}

export function DevMailbox() {
  const { t } = useTranslation();
  const config = usePublicConfig();
  const mailbox = useDevMailbox({ enabled: config.data?.devMailbox === true });

  if (config.isPending) return <LoadingState />;
  if (config.isError) return <Alert tone="error">{translateError(t, config.error)}</Alert>;
  if (!config.data.devMailbox) return <Alert tone="info">{t('devMailbox.disabled')}</Alert>;
  if (mailbox.isPending) return <LoadingState />;
  if (mailbox.isError) {
    return (
      <Alert
        tone="error"
        action={
          <Button variant="secondary" size="sm" onClick={() => mailbox.refetch()}>
            {t('common.retry')}
          </Button>
        }
      >
        {translateError(t, mailbox.error)}
      </Alert>
    );
  }
  return (
    <div className="stack">
      <p className="muted small">
        <Icon name="info" size={16} className="inline-icon" /> {t('devMailbox.autoRefresh')}
      </p>
      {mailbox.data.items.length === 0 ? (
        <EmptyState icon="mail" title={t('devMailbox.empty')}>
          {t('devMailbox.emptyHint')}
        </EmptyState>
      ) : (
        <ol className="mail-list" aria-label={t('devMailbox.title')}>
          {mailbox.data.items.map((mail) => (
            <MailItem key={mail.id} mail={mail} />
          ))}
        </ol>
      )}
    </div>
  );
}

function MailItem({ mail }: { mail: DevMail }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <li className="mail">
      <article aria-labelledby={`mail-${mail.id}`}>
        <header className="mail-header">
          <h2 id={`mail-${mail.id}`} className="mail-subject">
            {mail.subject}
          </h2>
          <dl className="mail-meta">
            <div>
              <dt>{t('devMailbox.to')}</dt>
              <dd>{mail.to}</dd>
            </div>
            <div>
              <dt>{t('devMailbox.sentAt')}</dt>
              <dd>
                <time dateTime={mail.sentAt}>{format.dateTime(mail.sentAt)}</time>
              </dd>
            </div>
          </dl>
        </header>
        {mail.links.length > 0 && (
          <ul className="mail-links" aria-label={t('devMailbox.links')}>
            {mail.links.map((href) => {
              const target = inAppTarget(href);
              return (
                <li key={href}>
                  {target ? (
                    <Link to={target.to} className="btn btn-primary btn-sm">
                      {t(target.label)}
                    </Link>
                  ) : (
                    <a href={href} className="btn btn-secondary btn-sm" target="_blank" rel="noreferrer">
                      {t('devMailbox.linkOther')}
                      <Icon name="external" size={16} />
                    </a>
                  )}
                  <code className="mail-url">{href}</code>
                </li>
              );
            })}
          </ul>
        )}
        <details className="mail-text">
          <summary>{t('devMailbox.showText')}</summary>
          <pre>{mail.text}</pre>
        </details>
      </article>
    </li>
  );
}
