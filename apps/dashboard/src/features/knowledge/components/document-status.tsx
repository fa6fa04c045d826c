import type { KbDocument } from '@companero/contracts';
import { useTranslation } from 'react-i18next';
import { Icon } from '../../../components/ui/icons.tsx';
import { ProgressBar } from '../../../components/ui/progress-bar.tsx';
import { useKnowledgeLabels } from '../hooks/use-knowledge-labels.ts';
import { isSettled } from '../utils/status.ts';

type StatusFields = Pick<KbDocument, 'status' | 'progress' | 'errorCode' | 'errorMessage'>;

/** A status badge; while processing, the stage and a progress bar; when failed, the reason. */
export function DocumentStatus({
  document,
  label,
  showReason = true,
}: {
  document: StatusFields;
  /** What the progress bar is about, for screen readers (the document's title). */
  label: string;
  showReason?: boolean;
}) {
  const { t } = useTranslation();
  const labels = useKnowledgeLabels();
  const { status } = document;
  if (status === 'ready') {
    return (
      <span className="badge badge-success">
        <Icon name="check" size={14} />
        {labels.status(status)}
      </span>
    );
  }
  if (status === 'failed') {
    return (
      <span className="doc-status">
        <span className="badge badge-danger">
          <Icon name="alert" size={14} />
          {labels.status(status)}
        </span>
        {showReason && (
          <span className="doc-status-reason">
            {labels.reason({ code: document.errorCode, message: document.errorMessage })}
          </span>
        )}
      </span>
    );
  }
  return (
    <span className="doc-status">
      <span className="badge badge-info">
        <span className="spinner" style={{ width: 10, height: 10 }} aria-hidden="true" />
        {labels.status(status)}
      </span>
      {!isSettled(status) && (
        <ProgressBar
          value={document.progress}
          label={t('knowledge.status.progressOf', { name: label })}
          valueText={`${labels.status(status)} · ${document.progress}%`}
        />
      )}
    </span>
  );
}
