import type { KbDocument } from '@companero/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { Alert } from '../../../components/ui/alert.tsx';
import { Button } from '../../../components/ui/button.tsx';
import { Dialog } from '../../../components/ui/dialog.tsx';
import { Icon } from '../../../components/ui/icons.tsx';
import { PageHeader } from '../../../components/ui/page-header.tsx';
import { ProgressBar } from '../../../components/ui/progress-bar.tsx';
import { translateError } from '../../../lib/form-errors.ts';
import { useDeleteDocument } from '../api/delete-document.ts';
import { useDownloadVersion } from '../api/download-version.ts';
import { useKnowledgeLabels } from '../hooks/use-knowledge-labels.ts';
import { getUploadQueue } from '../hooks/use-upload-queue.ts';
import { formatSize } from '../utils/format-size.ts';
import { isSettled } from '../utils/status.ts';
import { DocumentStatus } from './document-status.tsx';
import { MetaParts } from './meta-parts.tsx';
import { VisibilityBadge } from './visibility-badge.tsx';

/** Title, what the document is, where its processing stands, and the download and delete actions. */
export function DocumentHeader({ document }: { document: KbDocument }) {
  const { t, i18n } = useTranslation();
  const labels = useKnowledgeLabels();
  const [isDeleting, setIsDeleting] = useState(false);
  const download = useDownloadVersion();
  const downloadVersion = document.currentVersion ?? document.latestVersion;
  const isProcessing = !isSettled(document.status);

  return (
    <>
      <Link to="/knowledge" className="back-link">
        <Icon name="arrowLeft" size={16} />
        {t('knowledge.document.back')}
      </Link>
      <PageHeader
        title={document.title}
        subtitle={
          <span className="doc-header-meta">
            <span>
              <MetaParts
                parts={[
                  labels.kind(document.kind),
                  formatSize(document.sizeBytes, i18n.resolvedLanguage ?? 'en'),
                  document.currentVersion !== null
                    ? t('knowledge.document.currentVersion', { version: document.currentVersion })
                    : t('knowledge.document.noCurrentVersion'),
                ]}
              />
            </span>
            <DocumentStatus document={document} label={document.title} showReason={false} />
            <VisibilityBadge visibility={document.visibility} membersTag={document.membersTag} />
          </span>
        }
        actions={
          <>
            <Button
              variant="secondary"
              icon={<Icon name="download" size={18} />}
              isLoading={download.isPending}
              onClick={() => download.mutate({ id: document.id, version: downloadVersion })}
            >
              {t('knowledge.document.download')}
            </Button>
            <Button
              variant="ghost"
              className="btn-danger-text"
              icon={<Icon name="trash" size={18} />}
              onClick={() => setIsDeleting(true)}
            >
              {t('knowledge.document.delete')}
            </Button>
          </>
        }
      />
      {download.error && <Alert tone="error">{translateError(t, download.error)}</Alert>}
      {isProcessing && (
        <div className="doc-processing" role="status">
          <p>
            {t('knowledge.document.processing', {
              version: document.latestVersion,
              stage: labels.status(document.status),
            })}
          </p>
          <ProgressBar
            value={document.progress}
            label={t('knowledge.status.progressOf', { name: document.title })}
            valueText={`${labels.status(document.status)} · ${document.progress}%`}
          />
        </div>
      )}
      {document.status === 'failed' && (
        <Alert tone="error" title={t('knowledge.document.failedTitle', { version: document.latestVersion })}>
          {labels.reason({ code: document.errorCode, message: document.errorMessage })}
        </Alert>
      )}
      <DeleteDocumentDialog
        document={isDeleting ? document : undefined}
        onClose={() => setIsDeleting(false)}
      />
    </>
  );
}

function DeleteDocumentDialog({
  document,
  onClose,
}: {
  document: KbDocument | undefined;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const remove = useDeleteDocument({
    mutationConfig: {
      onSuccess: (_data, id) => {
        getUploadQueue().forgetDocument(id);
        navigate('/knowledge', { replace: true });
      },
    },
  });
  const close = () => {
    remove.reset();
    onClose();
  };
  return (
    <Dialog
      open={document !== undefined}
      onClose={close}
      title={t('knowledge.document.deleteTitle')}
      description={document ? t('knowledge.document.deleteBody', { title: document.title }) : undefined}
    >
      {remove.error && (
        <div className="dialog-body">
          <Alert tone="error">{translateError(t, remove.error)}</Alert>
        </div>
      )}
      <footer className="dialog-footer">
        <Button variant="secondary" onClick={close}>
          {t('common.cancel')}
        </Button>
        <Button
          variant="danger"
          isLoading={remove.isPending}
          onClick={() => {
            if (document) remove.mutate(document.id);
          }}
        >
          {t('knowledge.document.deleteConfirm')}
        </Button>
      </footer>
    </Dialog>
  );
}
