import type { KbDocument } from '@companero/contracts';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../../components/ui/alert.tsx';
import { Button } from '../../../components/ui/button.tsx';
import { EmptyState } from '../../../components/ui/empty-state.tsx';
import { LoadingState } from '../../../components/ui/spinner.tsx';
import { translateError } from '../../../lib/form-errors.ts';
import { useChunks } from '../api/get-chunks.ts';
import { useVersionText } from '../api/get-version-text.ts';

/** Shown while no version is processed yet, or when the only one failed. */
function NotYet({ document }: { document: KbDocument }) {
  const { t } = useTranslation();
  return document.status === 'failed' ? (
    <EmptyState icon="alert" title={t('knowledge.preview.failedTitle')}>
      {t('knowledge.preview.failedHint')}
    </EmptyState>
  ) : (
    <EmptyState icon="file" title={t('knowledge.preview.pendingTitle')}>
      {t('knowledge.preview.pendingHint')}
    </EmptyState>
  );
}

/** The text extracted from the current version: what the AI coach reads. */
export function DocumentPreview({ document }: { document: KbDocument }) {
  const { t } = useTranslation();
  const text = useVersionText(document.id, document.currentVersion);
  if (document.currentVersion === null) return <NotYet document={document} />;
  if (text.isPending) return <LoadingState />;
  if (text.isError) {
    return (
      <Alert
        tone="error"
        action={
          <Button variant="secondary" size="sm" onClick={() => text.refetch()}>
            {t('common.retry')}
          </Button>
        }
      >
        {translateError(t, text.error)}
      </Alert>
    );
  }
  return (
    <div className="stack">
      <p className="tab-intro">
        {t('knowledge.preview.intro', { version: document.currentVersion })}
        {document.latestVersion !== document.currentVersion &&
          ` ${t('knowledge.preview.newerPending', { version: document.latestVersion })}`}
      </p>
      {text.data.text.trim() ? (
        <pre className="doc-text">{text.data.text}</pre>
      ) : (
        <EmptyState icon="file" title={t('knowledge.preview.emptyText')} />
      )}
    </div>
  );
}

/** The chunks of the current version, as search and the AI coach see them. */
export function DocumentChunks({ document }: { document: KbDocument }) {
  const { t } = useTranslation();
  const chunks = useChunks(document.id, document.currentVersion);
  if (document.currentVersion === null) return <NotYet document={document} />;
  if (chunks.isPending) return <LoadingState />;
  if (chunks.isError) {
    return (
      <Alert
        tone="error"
        action={
          <Button variant="secondary" size="sm" onClick={() => chunks.refetch()}>
            {t('common.retry')}
          </Button>
        }
      >
        {translateError(t, chunks.error)}
      </Alert>
    );
  }
  const items = chunks.data.items;
  return (
    <div className="stack">
      <p className="tab-intro">
        {t('knowledge.chunks.intro', {
          count: items.length,
          version: chunks.data.version ?? document.currentVersion,
        })}
      </p>
      {items.length === 0 ? (
        <EmptyState icon="file" title={t('knowledge.chunks.empty')} />
      ) : (
        <ol className="chunk-list">
          {items.map((chunk) => {
            const page =
              chunk.page === null
                ? undefined
                : chunk.pageEnd !== null && chunk.pageEnd !== chunk.page
                  ? t('knowledge.pagesShort', { from: chunk.page, to: chunk.pageEnd })
                  : t('knowledge.pageShort', { page: chunk.page });
            return (
              <li key={chunk.id} className="chunk">
                <p className="chunk-meta">
                  <span className="chunk-position">
                    {t('knowledge.chunks.position', { position: chunk.position + 1 })}
                  </span>
                  {page && <span>{page}</span>}
                  {chunk.headingPath.length > 0 && (
                    <span className="chunk-heading">{chunk.headingPath.join(' › ')}</span>
                  )}
                </p>
                <p className="chunk-content">{chunk.content}</p>
              </li>
            );
          })}
        </ol>
      )}
    </div>
  );
}
