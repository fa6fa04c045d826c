import './whatsapp.css';
import type { Broadcast } from '@companero/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { Alert } from '../../../components/ui/alert.tsx';
import { Button } from '../../../components/ui/button.tsx';
import { Card } from '../../../components/ui/card.tsx';
import { EmptyState } from '../../../components/ui/empty-state.tsx';
import { Icon } from '../../../components/ui/icons.tsx';
import { LoadingState } from '../../../components/ui/spinner.tsx';
import { useFormat } from '../../../lib/format.ts';
import { useBroadcasts } from '../api/get-broadcasts.ts';
import { translateWhatsAppError } from '../utils/whatsapp-error.ts';
import { BroadcastCounts } from './broadcast-counts.tsx';
import { BroadcastRecipients } from './broadcast-recipients.tsx';
import { BroadcastStatusBadge } from './broadcast-status-badge.tsx';
import { CreateBroadcastDialog } from './create-broadcast-dialog.tsx';

/**
 * Broadcasts: an approved template sent to every opted-in contact with some
 * tags. Each one's progress updates while it sends; its recipients report
 * opens below the list (`?broadcast=<id>`, so it survives a reload).
 */
export function BroadcastsPanel() {
  const { t } = useTranslation();
  const broadcasts = useBroadcasts();
  const [params, setParams] = useSearchParams();
  const [isCreating, setIsCreating] = useState(false);
  const selectedId = params.get('broadcast');
  const selected = broadcasts.data?.find((broadcast) => broadcast.id === selectedId);
  const select = (id: string | undefined) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (id) next.set('broadcast', id);
        else next.delete('broadcast');
        return next;
      },
      { replace: true },
    );

  const createButton = (
    <Button icon={<Icon name="plus" size={18} />} onClick={() => setIsCreating(true)}>
      {t('whatsapp.broadcasts.create')}
    </Button>
  );

  return (
    <>
      <Card
        title={t('whatsapp.broadcasts.title')}
        subtitle={t('whatsapp.broadcasts.subtitle')}
        actions={createButton}
      >
        {broadcasts.isPending && <LoadingState />}
        {broadcasts.isError && (
          <Alert
            tone="error"
            action={
              <Button variant="secondary" size="sm" onClick={() => broadcasts.refetch()}>
                {t('common.retry')}
              </Button>
            }
          >
            {translateWhatsAppError(t, broadcasts.error)}
          </Alert>
        )}
        {broadcasts.isSuccess && broadcasts.data.length === 0 && (
          <EmptyState icon="send" title={t('whatsapp.broadcasts.empty')}>
            {t('whatsapp.broadcasts.emptyHint')}
          </EmptyState>
        )}
        {broadcasts.isSuccess && broadcasts.data.length > 0 && (
          <BroadcastsTable items={broadcasts.data} selectedId={selected?.id} onSelect={select} />
        )}
        <CreateBroadcastDialog
          open={isCreating}
          onClose={() => setIsCreating(false)}
          onCreated={(broadcast) => {
            setIsCreating(false);
            select(broadcast.id);
          }}
        />
      </Card>
      {selected && (
        <BroadcastRecipients key={selected.id} broadcast={selected} onClose={() => select(undefined)} />
      )}
    </>
  );
}

function BroadcastsTable({
  items,
  selectedId,
  onSelect,
}: {
  items: Broadcast[];
  selectedId: string | undefined;
  onSelect: (id: string) => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const columns = {
    name: t('whatsapp.broadcasts.columns.name'),
    template: t('whatsapp.broadcasts.columns.template'),
    audience: t('whatsapp.broadcasts.columns.audience'),
    status: t('whatsapp.broadcasts.columns.status'),
    progress: t('whatsapp.broadcasts.columns.progress'),
    actions: t('whatsapp.broadcasts.columns.actions'),
  };
  return (
    <div className="table-wrap">
      <table className="table table-stack">
        <caption className="visually-hidden">{t('whatsapp.broadcasts.tableLabel')}</caption>
        <thead>
          <tr>
            <th scope="col">{columns.name}</th>
            <th scope="col">{columns.template}</th>
            <th scope="col">{columns.audience}</th>
            <th scope="col">{columns.status}</th>
            <th scope="col">{columns.progress}</th>
            <th scope="col">
              <span className="visually-hidden">{columns.actions}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {items.map((broadcast) => (
            <tr key={broadcast.id} aria-current={broadcast.id === selectedId || undefined}>
              <th scope="row" className="cell-name">
                <span className="cell-strong">{broadcast.name}</span>
                <span className="cell-secondary muted small">{format.dateTime(broadcast.createdAt)}</span>
              </th>
              <td data-label={columns.template}>
                <code className="wa-template-name">{broadcast.templateName}</code>{' '}
                <code className="code-chip">{broadcast.language}</code>
              </td>
              <td data-label={columns.audience}>
                {broadcast.tags.length > 0 ? (
                  <ul className="chip-list">
                    {broadcast.tags.map((tag) => (
                      <li key={tag} className="chip">
                        {tag}
                      </li>
                    ))}
                  </ul>
                ) : (
                  <span className="muted">{t('whatsapp.broadcasts.everyone')}</span>
                )}
              </td>
              <td data-label={columns.status}>
                <BroadcastStatusBadge status={broadcast.status} />
              </td>
              <td data-label={columns.progress} className="wa-progress-cell">
                <BroadcastCounts counts={broadcast.counts} />
              </td>
              <td className="cell-actions">
                <Button
                  variant="ghost"
                  size="sm"
                  aria-label={t('whatsapp.broadcasts.viewRecipientsOf', { name: broadcast.name })}
                  aria-pressed={broadcast.id === selectedId}
                  onClick={() => onSelect(broadcast.id)}
                >
                  {t('whatsapp.broadcasts.viewRecipients')}
                </Button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
