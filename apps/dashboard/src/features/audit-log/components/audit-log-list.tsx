import type { AuditEntry } from '@companero/contracts';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../../components/ui/alert.tsx';
import { Button } from '../../../components/ui/button.tsx';
import { Card } from '../../../components/ui/card.tsx';
import { EmptyState } from '../../../components/ui/empty-state.tsx';
import { Icon, type IconName } from '../../../components/ui/icons.tsx';
import { LoadingState } from '../../../components/ui/spinner.tsx';
import { translateError } from '../../../lib/form-errors.ts';
import { useFormat } from '../../../lib/format.ts';
import { useAuditLog } from '../api/get-audit-log.ts';

const ICON_OF_GROUP: Record<string, IconName> = {
  creator: 'user',
  auth: 'shield',
  api_key: 'key',
  end_user: 'user',
};

/** "Chrome on macOS"-style summary of a user agent; the full string stays in the tooltip. */
function deviceOf(userAgent: string | null): string {
  if (!userAgent) return '—';
  const browser = /Edg\//.test(userAgent)
    ? 'Edge'
    : /OPR\//.test(userAgent)
      ? 'Opera'
      : /Firefox\//.test(userAgent)
        ? 'Firefox'
        : /Chrome\//.test(userAgent)
          ? 'Chrome'
          : /Safari\//.test(userAgent)
            ? 'Safari'
            : undefined;
  const os = /Windows/.test(userAgent)
    ? 'Windows'
    : /Android/.test(userAgent)
      ? 'Android'
      : /iPhone|iPad/.test(userAgent)
        ? 'iOS'
        : /Mac OS X/.test(userAgent)
          ? 'macOS'
          : /Linux/.test(userAgent)
            ? 'Linux'
            : undefined;
  if (browser && os) return `${browser} · ${os}`;
  return browser ?? os ?? (userAgent.length > 40 ? `${userAgent.slice(0, 40)}…` : userAgent);
}

/** The name an entry is about (an API key's name), when it has one. */
const subjectOf = (entry: AuditEntry) => (typeof entry.data.name === 'string' ? entry.data.name : undefined);

export function AuditLogList() {
  const { t } = useTranslation();
  const format = useFormat();
  const log = useAuditLog();
  const entries = log.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <Card title={t('audit.title')} subtitle={t('audit.subtitle')}>
      {log.isPending && <LoadingState />}
      {log.isError && (
        <Alert
          tone="error"
          action={
            <Button variant="secondary" size="sm" onClick={() => log.refetch()}>
              {t('common.retry')}
            </Button>
          }
        >
          {translateError(t, log.error)}
        </Alert>
      )}
      {log.isSuccess && entries.length === 0 && <EmptyState icon="shield" title={t('audit.empty')} />}
      {entries.length > 0 && (
        <div className="table-wrap">
          <table className="table table-stack">
            <caption className="visually-hidden">{t('audit.tableLabel')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('audit.columns.event')}</th>
                <th scope="col">{t('audit.columns.when')}</th>
                <th scope="col">{t('audit.columns.by')}</th>
                <th scope="col">{t('audit.columns.ip')}</th>
                <th scope="col">{t('audit.columns.device')}</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((entry) => {
                const subject = subjectOf(entry);
                const failed = entry.action === 'auth.login_failed' || entry.action === 'auth.refresh_reused';
                return (
                  <tr key={entry.id}>
                    <th scope="row" data-label={t('audit.columns.event')} className="cell-strong">
                      <span className={failed ? 'event event-warning' : 'event'}>
                        <span className="event-icon">
                          <Icon name={ICON_OF_GROUP[entry.action.split('.')[0] ?? ''] ?? 'info'} size={16} />
                        </span>
                        <span>
                          {t(`audit.actions.${entry.action}`)}
                          {subject && <span className="event-subject"> · {subject}</span>}
                        </span>
                      </span>
                    </th>
                    <td data-label={t('audit.columns.when')} className="cell-nowrap">
                      <time dateTime={entry.createdAt}>{format.dateTime(entry.createdAt)}</time>
                    </td>
                    <td data-label={t('audit.columns.by')} className="cell-nowrap">
                      {t(`audit.actors.${entry.actorType}`)}
                    </td>
                    <td data-label={t('audit.columns.ip')} className="cell-nowrap">
                      {entry.ip ? <code className="code-plain">{entry.ip}</code> : '—'}
                    </td>
                    <td
                      data-label={t('audit.columns.device')}
                      className="cell-nowrap"
                      title={entry.userAgent ?? undefined}
                    >
                      {deviceOf(entry.userAgent)}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {log.hasNextPage && (
        <div className="list-footer">
          <Button variant="secondary" isLoading={log.isFetchingNextPage} onClick={() => log.fetchNextPage()}>
            {log.isFetchingNextPage ? t('common.loadingMore') : t('common.showMore')}
          </Button>
        </div>
      )}
      {log.isSuccess && entries.length > 0 && !log.hasNextPage && (
        <p className="list-end">{t('audit.end')}</p>
      )}
    </Card>
  );
}
