import { isApiError } from '@companero/api-client';
import type { KbDocument } from '@companero/contracts';
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../../components/ui/alert.tsx';
import { Button } from '../../../components/ui/button.tsx';
import { Dialog } from '../../../components/ui/dialog.tsx';
import { Icon } from '../../../components/ui/icons.tsx';
import { SelectField } from '../../../components/ui/select-field.tsx';
import { LoadingState } from '../../../components/ui/spinner.tsx';
import { translateError } from '../../../lib/form-errors.ts';
import { useFormat } from '../../../lib/format.ts';
import { useDownloadVersion } from '../api/download-version.ts';
import { useVersions } from '../api/get-versions.ts';
import { useRestoreVersion } from '../api/version-mutations.ts';
import { DocumentStatus } from './document-status.tsx';
import { VersionDiff } from './version-diff.tsx';

/** `creator:<id>` → "You"; `api_key:<id>` → "An API key". */
function useAuthorLabel() {
  const { t } = useTranslation();
  return (createdBy: string) => {
    const type = createdBy.split(':')[0];
    if (type === 'creator') return t('knowledge.history.byCreator');
    if (type === 'api_key') return t('knowledge.history.byApiKey');
    return t('knowledge.history.bySystem');
  };
}

/** Every version with who, when and why; compare two, restore an old one, download any. */
export function DocumentHistory({ document }: { document: KbDocument }) {
  const { t } = useTranslation();
  const format = useFormat();
  const authorOf = useAuthorLabel();
  const compareTitleId = useId();
  const versions = useVersions(document.id);
  const download = useDownloadVersion();
  const [compare, setCompare] = useState<{ from: number; to: number }>();
  const [restoring, setRestoring] = useState<number>();

  if (versions.isPending) return <LoadingState />;
  if (versions.isError) {
    return (
      <Alert
        tone="error"
        action={
          <Button variant="secondary" size="sm" onClick={() => versions.refetch()}>
            {t('common.retry')}
          </Button>
        }
      >
        {translateError(t, versions.error)}
      </Alert>
    );
  }
  const items = versions.data.items;
  const options = items.map((v) => ({
    value: String(v.version),
    label: t('knowledge.versionLong', { version: v.version }),
  }));

  function onCompare(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setCompare({ from: Number(form.get('from')), to: Number(form.get('to')) });
  }

  return (
    <div className="stack-lg">
      {download.error && <Alert tone="error">{translateError(t, download.error)}</Alert>}
      <div className="table-wrap history-table-wrap">
        <table className="table table-stack">
          <caption className="visually-hidden">{t('knowledge.history.tableLabel')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('knowledge.history.version')}</th>
              <th scope="col">{t('knowledge.history.status')}</th>
              <th scope="col">{t('knowledge.history.by')}</th>
              <th scope="col">{t('knowledge.history.when')}</th>
              <th scope="col">{t('knowledge.history.note')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('knowledge.history.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {items.map((v) => (
              <tr key={v.version} className={v.isCurrent ? 'row-current' : undefined}>
                <th scope="row" className="cell-name">
                  <span className="version-label">
                    <span className="cell-strong">{t('knowledge.versionLong', { version: v.version })}</span>
                    {v.isCurrent && (
                      <span className="badge badge-success">{t('knowledge.history.current')}</span>
                    )}
                  </span>
                  <span className="cell-secondary doc-meta" title={v.originalFilename}>
                    {v.originalFilename}
                  </span>
                </th>
                <td data-label={t('knowledge.history.status')}>
                  <DocumentStatus document={v} label={t('knowledge.versionLong', { version: v.version })} />
                </td>
                <td data-label={t('knowledge.history.by')} className="cell-nowrap">
                  {authorOf(v.createdBy)}
                </td>
                <td data-label={t('knowledge.history.when')} className="cell-nowrap">
                  <time dateTime={v.createdAt}>{format.dateTime(v.createdAt)}</time>
                </td>
                <td data-label={t('knowledge.history.note')}>
                  {v.changeNote || <span className="muted">—</span>}
                </td>
                <td className="cell-actions">
                  <Button
                    variant="ghost"
                    size="sm"
                    icon={<Icon name="download" size={16} />}
                    aria-label={t('knowledge.history.downloadNamed', { version: v.version })}
                    onClick={() => download.mutate({ id: document.id, version: v.version })}
                  >
                    {t('knowledge.history.download')}
                  </Button>
                  {!v.isCurrent && (
                    <Button
                      variant="ghost"
                      size="sm"
                      icon={<Icon name="history" size={16} />}
                      aria-label={t('knowledge.history.restoreNamed', { version: v.version })}
                      onClick={() => setRestoring(v.version)}
                    >
                      {t('knowledge.history.restore')}
                    </Button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <section aria-labelledby={compareTitleId} className="compare">
        <h3 id={compareTitleId} className="subsection-title">
          {t('knowledge.compare.title')}
        </h3>
        {items.length < 2 ? (
          <p className="muted">{t('knowledge.compare.needTwo')}</p>
        ) : (
          <form className="compare-form" onSubmit={onCompare}>
            <SelectField
              label={t('knowledge.compare.from')}
              name="from"
              defaultValue={String(items[1]?.version)}
              options={options}
            />
            <SelectField
              label={t('knowledge.compare.to')}
              name="to"
              defaultValue={String(items[0]?.version)}
              options={options}
            />
            <Button type="submit" variant="secondary">
              {t('knowledge.compare.submit')}
            </Button>
          </form>
        )}
        {compare && <VersionDiff documentId={document.id} from={compare.from} to={compare.to} />}
      </section>

      <RestoreVersionDialog document={document} version={restoring} onClose={() => setRestoring(undefined)} />
    </div>
  );
}

function RestoreVersionDialog({
  document,
  version,
  onClose,
}: {
  document: KbDocument;
  version: number | undefined;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const restore = useRestoreVersion({ mutationConfig: { onSuccess: onClose } });
  const close = () => {
    restore.reset();
    onClose();
  };
  return (
    <Dialog
      open={version !== undefined}
      onClose={close}
      title={t('knowledge.restore.title', { version: version ?? 0 })}
      description={t('knowledge.restore.body', { version: version ?? 0, next: document.latestVersion + 1 })}
    >
      {restore.error && (
        <div className="dialog-body">
          <Alert tone="error">
            {isApiError(restore.error, 'QUOTA_EXCEEDED')
              ? t('errors.QUOTA_EXCEEDED')
              : translateError(t, restore.error)}
          </Alert>
        </div>
      )}
      <footer className="dialog-footer">
        <Button variant="secondary" onClick={close}>
          {t('common.cancel')}
        </Button>
        <Button
          isLoading={restore.isPending}
          onClick={() => {
            if (version !== undefined) restore.mutate({ id: document.id, version });
          }}
        >
          {t('knowledge.restore.confirm', { version: version ?? 0 })}
        </Button>
      </footer>
    </Dialog>
  );
}
