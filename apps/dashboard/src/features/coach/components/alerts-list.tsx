import type { Alert as CoachAlert } from '@companero/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../../components/ui/alert.tsx';
import { Button } from '../../../components/ui/button.tsx';
import { Card } from '../../../components/ui/card.tsx';
import { EmptyState } from '../../../components/ui/empty-state.tsx';
import { Icon } from '../../../components/ui/icons.tsx';
import { LoadingState } from '../../../components/ui/spinner.tsx';
import { translateError } from '../../../lib/form-errors.ts';
import { useFormat } from '../../../lib/format.ts';
import { type AlertFilter, useAlerts } from '../api/get-alerts.ts';
import { useResolveAlert } from '../api/resolve-alert.ts';
import { useCoachLabels } from '../hooks/use-coach-labels.ts';

/** Crisis phrases and requests for a human, newest first; open ones until the creator marks them handled. */
export function AlertsList() {
  const { t } = useTranslation();
  const [filter, setFilter] = useState<AlertFilter>('open');
  const alerts = useAlerts(filter);
  const items = alerts.data?.pages.flatMap((page) => page.items) ?? [];

  const filterButton = (value: AlertFilter, label: string) => (
    <Button
      variant={filter === value ? 'primary' : 'secondary'}
      size="sm"
      aria-pressed={filter === value}
      onClick={() => setFilter(value)}
    >
      {label}
    </Button>
  );

  return (
    <Card
      title={t('coach.alerts.title')}
      subtitle={t('coach.alerts.subtitle')}
      actions={
        // biome-ignore lint/a11y/useSemanticElements: a group of toggle buttons, not a form's fieldset
        <div className="segmented" role="group" aria-label={t('coach.alerts.filterLabel')}>
          {filterButton('open', t('coach.alerts.open'))}
          {filterButton('all', t('coach.alerts.all'))}
        </div>
      }
    >
      {alerts.isPending && <LoadingState />}
      {alerts.isError && (
        <Alert
          tone="error"
          action={
            <Button variant="secondary" size="sm" onClick={() => alerts.refetch()}>
              {t('common.retry')}
            </Button>
          }
        >
          {translateError(t, alerts.error)}
        </Alert>
      )}
      {alerts.isSuccess && items.length === 0 && (
        <EmptyState
          icon="shield"
          title={filter === 'open' ? t('coach.alerts.emptyOpen') : t('coach.alerts.empty')}
        >
          {t('coach.alerts.emptyBody')}
        </EmptyState>
      )}
      {items.length > 0 && (
        <ul className="record-list" aria-label={t('coach.alerts.listLabel')}>
          {items.map((alert) => (
            <AlertRecord key={alert.id} alert={alert} />
          ))}
        </ul>
      )}
      {alerts.hasNextPage && (
        <div className="list-footer">
          <Button
            variant="secondary"
            isLoading={alerts.isFetchingNextPage}
            onClick={() => alerts.fetchNextPage()}
          >
            {alerts.isFetchingNextPage ? t('common.loadingMore') : t('common.showMore')}
          </Button>
        </div>
      )}
    </Card>
  );
}

function AlertRecord({ alert }: { alert: CoachAlert }) {
  const { t } = useTranslation();
  const format = useFormat();
  const labels = useCoachLabels();
  const resolve = useResolveAlert();
  const isOpen = alert.resolvedAt === null;
  return (
    <li className="record" data-resolved={!isOpen || undefined}>
      <header className="record-header">
        <span className={alert.kind === 'handoff_request' ? 'badge badge-warning' : 'badge badge-danger'}>
          <Icon name="alert" size={14} />
          {labels.alertKind(alert.kind)}
        </span>
        <time dateTime={alert.createdAt} className="muted small">
          {format.dateTime(alert.createdAt)}
        </time>
      </header>
      <blockquote className="record-excerpt">{alert.excerpt}</blockquote>
      <footer className="record-footer">
        {isOpen ? (
          <>
            <span className="muted small">{t('coach.alerts.needsYou')}</span>
            <Button
              variant="secondary"
              size="sm"
              icon={<Icon name="check" size={16} />}
              isLoading={resolve.isPending}
              onClick={() => resolve.mutate(alert.id)}
            >
              {t('coach.alerts.resolve')}
            </Button>
          </>
        ) : (
          <span className="badge badge-success">
            <Icon name="check" size={14} />
            {t('coach.alerts.resolvedAt', { when: format.dateTime(alert.resolvedAt ?? alert.createdAt) })}
          </span>
        )}
      </footer>
      {resolve.error && (
        <p className="field-error" role="alert">
          {translateError(t, resolve.error)}
        </p>
      )}
    </li>
  );
}
