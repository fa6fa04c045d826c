import './whatsapp.css';
import type { WhatsAppTemplate } from '@companero/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../../components/ui/alert.tsx';
import { Button } from '../../../components/ui/button.tsx';
import { Card } from '../../../components/ui/card.tsx';
import { EmptyState } from '../../../components/ui/empty-state.tsx';
import { Icon } from '../../../components/ui/icons.tsx';
import { LoadingState } from '../../../components/ui/spinner.tsx';
import { useTemplates } from '../api/get-templates.ts';
import { useSyncTemplates } from '../api/sync-templates.ts';
import { translateWhatsAppError } from '../utils/whatsapp-error.ts';
import { CreateTemplateDialog } from './create-template-dialog.tsx';
import { TemplateBodyPreview } from './template-body-preview.tsx';
import { TemplateStatusBadge } from './template-status-badge.tsx';

/**
 * The message templates of the WhatsApp Business account: what Meta approved
 * (the only messages allowed outside the 24-hour window, and in broadcasts),
 * what it is still reviewing and what it rejected, and why.
 */
export function TemplatesPanel() {
  const { t } = useTranslation();
  const templates = useTemplates();
  const [isCreating, setIsCreating] = useState(false);
  const [submitted, setSubmitted] = useState<WhatsAppTemplate>();
  const sync = useSyncTemplates({ mutationConfig: { onMutate: () => setSubmitted(undefined) } });

  const actions = (
    <div className="wa-card-actions">
      <Button
        variant="secondary"
        icon={<Icon name="history" size={16} />}
        isLoading={sync.isPending}
        onClick={() => sync.mutate(undefined)}
      >
        {sync.isPending ? t('whatsapp.templates.syncing') : t('whatsapp.templates.sync')}
      </Button>
      <Button icon={<Icon name="plus" size={18} />} onClick={() => setIsCreating(true)}>
        {t('whatsapp.templates.create')}
      </Button>
    </div>
  );

  return (
    <Card title={t('whatsapp.templates.title')} subtitle={t('whatsapp.templates.subtitle')} actions={actions}>
      <div className="stack">
        {sync.isError && <Alert tone="error">{translateWhatsAppError(t, sync.error)}</Alert>}
        {sync.isSuccess && (
          <p className="inline-status" role="status">
            {t('whatsapp.templates.synced', { count: sync.data.length })}
          </p>
        )}
        {submitted && (
          <Alert tone="success" title={t('whatsapp.templates.submittedTitle', { name: submitted.name })}>
            {t('whatsapp.templates.submittedBody')}
          </Alert>
        )}
        {templates.isPending && <LoadingState />}
        {templates.isError && (
          <Alert
            tone="error"
            action={
              <Button variant="secondary" size="sm" onClick={() => templates.refetch()}>
                {t('common.retry')}
              </Button>
            }
          >
            {translateWhatsAppError(t, templates.error)}
          </Alert>
        )}
        {templates.isSuccess && templates.data.length === 0 && (
          <EmptyState icon="file" title={t('whatsapp.templates.empty')}>
            {t('whatsapp.templates.emptyHint')}
          </EmptyState>
        )}
        {templates.isSuccess && templates.data.length > 0 && <TemplatesTable items={templates.data} />}
      </div>
      <CreateTemplateDialog
        open={isCreating}
        onClose={() => setIsCreating(false)}
        onCreated={(template) => {
          setIsCreating(false);
          sync.reset();
          setSubmitted(template);
        }}
      />
    </Card>
  );
}

function TemplatesTable({ items }: { items: WhatsAppTemplate[] }) {
  const { t } = useTranslation();
  const columns = {
    name: t('whatsapp.templates.columns.name'),
    language: t('whatsapp.templates.columns.language'),
    category: t('whatsapp.templates.columns.category'),
    status: t('whatsapp.templates.columns.status'),
    body: t('whatsapp.templates.columns.body'),
  };
  // Categories Meta adds later show as Meta names them.
  const categoryLabels: Partial<Record<string, string>> = {
    MARKETING: t('whatsapp.templates.categories.MARKETING'),
    UTILITY: t('whatsapp.templates.categories.UTILITY'),
    AUTHENTICATION: t('whatsapp.templates.categories.AUTHENTICATION'),
  };
  return (
    <div className="table-wrap">
      <table className="table table-stack wa-templates">
        <caption className="visually-hidden">{t('whatsapp.templates.tableLabel')}</caption>
        <thead>
          <tr>
            <th scope="col">{columns.name}</th>
            <th scope="col">{columns.language}</th>
            <th scope="col">{columns.category}</th>
            <th scope="col">{columns.status}</th>
            <th scope="col">{columns.body}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((template) => (
            <tr key={template.id}>
              <th scope="row" className="cell-name">
                <code className="wa-template-name">{template.name}</code>
              </th>
              <td data-label={columns.language}>
                <code className="code-chip">{template.language}</code>
              </td>
              <td data-label={columns.category} className="cell-nowrap">
                {categoryLabels[template.category] ?? template.category}
              </td>
              <td data-label={columns.status}>
                <TemplateStatusBadge status={template.status} />
                {template.status === 'REJECTED' && template.rejectedReason && (
                  <span className="wa-rejected">{template.rejectedReason}</span>
                )}
              </td>
              <td data-label={columns.body} className="wa-body-cell">
                <TemplateBodyPreview body={template.body} isClamped />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
