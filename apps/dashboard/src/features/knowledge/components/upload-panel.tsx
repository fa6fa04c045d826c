import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Button } from '../../../components/ui/button.tsx';
import { Icon } from '../../../components/ui/icons.tsx';
import { ProgressBar } from '../../../components/ui/progress-bar.tsx';
import { translateError } from '../../../lib/form-errors.ts';
import { useKnowledgeLabels } from '../hooks/use-knowledge-labels.ts';
import { getUploadQueue, useIngestionPolling, useUploadItems } from '../hooks/use-upload-queue.ts';
import { formatSize } from '../utils/format-size.ts';
import { summarize, type UploadItem } from '../utils/upload-queue.ts';

/** "2 being sent · 1 processing · 3 ready": counts by phase, in words. */
function useSummaryLine(items: readonly UploadItem[]) {
  const { t } = useTranslation();
  const summary = summarize(items);
  const line = [
    summary.sending > 0 && t('knowledge.uploads.sending', { count: summary.sending }),
    summary.processing > 0 && t('knowledge.uploads.processing', { count: summary.processing }),
    summary.ready > 0 && t('knowledge.uploads.ready', { count: summary.ready }),
    summary.failed > 0 && t('knowledge.uploads.failed', { count: summary.failed }),
  ]
    .filter(Boolean)
    .join(' · ');
  return { summary, line };
}

/**
 * Runs for the whole knowledge area, whatever page is open: follows the
 * server's processing of uploaded files, announces progress to screen readers
 * (phases only, never every percent), and warns before leaving the page while
 * files are still being sent.
 */
export function UploadTracker() {
  const items = useUploadItems();
  const { summary, line } = useSummaryLine(items);
  useIngestionPolling();

  useEffect(() => {
    if (summary.sending === 0) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [summary.sending]);

  return (
    <p className="visually-hidden" aria-live="polite" aria-atomic="true">
      {items.length > 0 ? line : ''}
    </p>
  );
}

/**
 * Every file of this session's uploads: progress while it is sent, then the
 * server's stage until ready or failed (with the reason). Inline under the
 * drop zone on the list; a floating panel on other knowledge pages.
 */
export function UploadPanel({ isFloating = false }: { isFloating?: boolean }) {
  const { t } = useTranslation();
  const titleId = useId();
  const listId = useId();
  const items = useUploadItems();
  const { summary, line } = useSummaryLine(items);
  // Floating over a document page, it starts folded unless files are still going.
  const [isOpen, setIsOpen] = useState(() => !isFloating || summary.isBusy);

  return (
    <>
      {items.length > 0 && (
        <section
          className={isFloating ? 'upload-panel upload-panel-floating' : 'upload-panel'}
          aria-labelledby={titleId}
        >
          <header className="upload-panel-header">
            <div className="upload-panel-heading">
              <h2 id={titleId} className="upload-panel-title">
                {summary.isBusy && (
                  <span className="spinner" style={{ width: 14, height: 14 }} aria-hidden="true" />
                )}
                {t('knowledge.uploads.title')}
              </h2>
              <p className="upload-panel-summary">{line}</p>
            </div>
            <Button
              variant="ghost"
              size="sm"
              onClick={() => getUploadQueue().clearFinished()}
              disabled={summary.total === summary.sending + summary.processing}
            >
              {t('knowledge.uploads.clear')}
            </Button>
            <button
              type="button"
              className="icon-button"
              aria-expanded={isOpen}
              aria-controls={listId}
              aria-label={isOpen ? t('knowledge.uploads.hide') : t('knowledge.uploads.show')}
              onClick={() => setIsOpen((open) => !open)}
            >
              <Icon name={isOpen ? 'chevronDown' : 'chevronRight'} />
            </button>
          </header>
          <ul id={listId} className="upload-list" hidden={!isOpen}>
            {items.map((item) => (
              <UploadRow key={item.id} item={item} />
            ))}
          </ul>
        </section>
      )}
    </>
  );
}

function UploadRow({ item }: { item: UploadItem }) {
  const { t, i18n } = useTranslation();
  const labels = useKnowledgeLabels();
  const queue = getUploadQueue();
  const document = item.document;
  const filename = item.name.split('/').at(-1);

  let stage: string;
  let value: number | undefined;
  let tone: 'primary' | 'success' | 'danger' | 'muted' = 'primary';
  switch (item.phase) {
    case 'queued':
      stage = t('knowledge.uploads.waiting');
      value = 0;
      tone = 'muted';
      break;
    case 'uploading':
      // All bytes out, answer not in yet: the server is checking the file.
      stage =
        item.uploadPercent >= 100
          ? t('knowledge.uploads.checking')
          : t('knowledge.uploads.uploading', { percent: item.uploadPercent });
      value = item.uploadPercent;
      break;
    case 'processing':
      stage = document
        ? `${labels.status(document.status)} · ${document.progress}%`
        : labels.status('uploaded');
      value = document?.progress;
      break;
    case 'ready':
      stage = labels.status('ready');
      value = 100;
      tone = 'success';
      break;
    case 'failed':
      stage = t('knowledge.uploads.failedBecause', { reason: labels.reason(item.reason, { filename }) });
      value = 100;
      tone = 'danger';
      break;
    case 'rejected':
      stage = t('knowledge.uploads.rejectedBecause', { reason: labels.reason(item.reason, { filename }) });
      value = 100;
      tone = 'danger';
      break;
    case 'error':
      stage = t('knowledge.uploads.errorBecause', { reason: translateError(t, item.error) });
      value = item.uploadPercent;
      tone = 'danger';
      break;
    case 'cancelled':
      stage = t('knowledge.uploads.cancelled');
      value = 0;
      tone = 'muted';
      break;
  }

  return (
    <li className="upload-row" data-phase={item.phase}>
      <div className="upload-row-top">
        <Icon name="file" size={16} className="upload-row-icon" />
        <span className="upload-name" title={item.name}>
          {document && (item.phase === 'ready' || item.phase === 'processing' || item.phase === 'failed') ? (
            <Link to={`/knowledge/documents/${document.id}`}>{item.name}</Link>
          ) : (
            item.name
          )}
        </span>
        <span className="upload-size">{formatSize(item.size, i18n.resolvedLanguage ?? 'en')}</span>
        {(item.phase === 'queued' || item.phase === 'uploading') && (
          <button
            type="button"
            className="icon-button icon-button-sm"
            aria-label={t('knowledge.uploads.cancelNamed', { name: item.name })}
            onClick={() => queue.cancel(item.id)}
          >
            <Icon name="close" size={16} />
          </button>
        )}
        {(item.phase === 'error' || item.phase === 'cancelled') && (
          <Button
            variant="ghost"
            size="sm"
            aria-label={t('knowledge.uploads.retryNamed', { name: item.name })}
            onClick={() => queue.retry(item.id)}
          >
            {t('common.retry')}
          </Button>
        )}
      </div>
      <ProgressBar value={value} label={item.name} valueText={stage} tone={tone} />
      <p className="upload-stage">{stage}</p>
    </li>
  );
}
