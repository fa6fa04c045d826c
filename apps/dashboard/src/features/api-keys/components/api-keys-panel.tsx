import type { ApiKey } from '@companero/contracts';
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
import { useApiKeys } from '../api/get-api-keys.ts';
import { useScopeLabel } from '../hooks/use-scope-label.ts';
import { ApiKeyStatusBadge, statusOf } from './api-key-status-badge.tsx';
import { CreateApiKeyDialog } from './create-api-key-dialog.tsx';
import { RevokeApiKeyDialog } from './revoke-api-key-dialog.tsx';

export function ApiKeysPanel() {
  const { t } = useTranslation();
  const keys = useApiKeys();
  const [isCreating, setIsCreating] = useState(false);
  const [revoking, setRevoking] = useState<ApiKey>();

  const createButton = (
    <Button icon={<Icon name="plus" size={18} />} onClick={() => setIsCreating(true)}>
      {t('apiKeys.create')}
    </Button>
  );

  return (
    <Card title={t('apiKeys.title')} subtitle={t('apiKeys.subtitle')} actions={createButton}>
      {keys.isPending && <LoadingState />}
      {keys.isError && (
        <Alert
          tone="error"
          action={
            <Button variant="secondary" size="sm" onClick={() => keys.refetch()}>
              {t('common.retry')}
            </Button>
          }
        >
          {translateError(t, keys.error)}
        </Alert>
      )}
      {keys.isSuccess && keys.data.items.length === 0 && (
        <EmptyState icon="key" title={t('apiKeys.empty')}>
          {t('apiKeys.emptyHint')}
        </EmptyState>
      )}
      {keys.isSuccess && keys.data.items.length > 0 && (
        <ApiKeysTable items={keys.data.items} onRevoke={setRevoking} />
      )}
      <CreateApiKeyDialog open={isCreating} onClose={() => setIsCreating(false)} />
      <RevokeApiKeyDialog apiKey={revoking} onClose={() => setRevoking(undefined)} />
    </Card>
  );
}

function ApiKeysTable({ items, onRevoke }: { items: ApiKey[]; onRevoke: (key: ApiKey) => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const scopeLabel = useScopeLabel();
  const columns = {
    name: t('apiKeys.columns.name'),
    key: t('apiKeys.columns.key'),
    scopes: t('apiKeys.columns.scopes'),
    created: t('apiKeys.columns.created'),
    lastUsed: t('apiKeys.columns.lastUsed'),
    expires: t('apiKeys.columns.expires'),
    status: t('apiKeys.columns.status'),
    actions: t('apiKeys.columns.actions'),
  };
  return (
    <div className="table-wrap">
      <table className="table table-stack">
        <caption className="visually-hidden">{t('apiKeys.tableLabel')}</caption>
        <thead>
          <tr>
            <th scope="col">{columns.name}</th>
            <th scope="col">{columns.scopes}</th>
            <th scope="col">{columns.created}</th>
            <th scope="col">{columns.lastUsed}</th>
            <th scope="col">{columns.expires}</th>
            <th scope="col">{columns.status}</th>
            <th scope="col">
              <span className="visually-hidden">{columns.actions}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {items.map((key) => {
            const status = statusOf(key);
            return (
              <tr key={key.id} className={status === 'active' ? undefined : 'row-inactive'}>
                <th scope="row" className="cell-name">
                  <span className="cell-strong">{key.name}</span>
                  {/* The prefix identifies the key in the creator's own config without revealing it. */}
                  <span className="cell-secondary">
                    <span className="visually-hidden">{columns.key}: </span>
                    <code className="code-chip">{key.prefix}</code>
                  </span>
                </th>
                <td data-label={columns.scopes}>
                  <ul className="chip-list">
                    {key.scopes.map((scope) => (
                      <li key={scope} className="chip" title={scope}>
                        {scopeLabel(scope)}
                      </li>
                    ))}
                  </ul>
                </td>
                <td data-label={columns.created} className="cell-nowrap">
                  {format.date(key.createdAt)}
                </td>
                <td data-label={columns.lastUsed} className="cell-nowrap">
                  {key.lastUsedAt ? format.dateTime(key.lastUsedAt) : t('common.never')}
                </td>
                <td data-label={columns.expires} className="cell-nowrap">
                  {key.expiresAt ? format.date(key.expiresAt) : t('common.never')}
                </td>
                <td data-label={columns.status}>
                  <ApiKeyStatusBadge status={status} />
                </td>
                <td className="cell-actions">
                  {status === 'active' && (
                    <Button
                      variant="ghost"
                      size="sm"
                      className="btn-danger-text"
                      aria-label={t('apiKeys.revokeNamed', { name: key.name })}
                      onClick={() => onRevoke(key)}
                    >
                      {t('apiKeys.revoke')}
                    </Button>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
