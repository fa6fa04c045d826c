import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { Alert } from '../../components/ui/alert.tsx';
import { Button } from '../../components/ui/button.tsx';
import { LoadingState } from '../../components/ui/spinner.tsx';
import { useDocument } from '../../features/knowledge/api/get-document.ts';
import { DocumentDetailsForm } from '../../features/knowledge/components/document-details-form.tsx';
import { DocumentHeader } from '../../features/knowledge/components/document-header.tsx';
import {
  DOCUMENT_TABS,
  type DocumentTab,
  DocumentTabs,
} from '../../features/knowledge/components/document-tabs.tsx';
import { UploadPanel } from '../../features/knowledge/components/upload-panel.tsx';
import { translateError } from '../../lib/form-errors.ts';

export function KnowledgeDocumentRoute() {
  const { t } = useTranslation();
  const { documentId = '' } = useParams();
  const [search, setSearch] = useSearchParams();
  const document = useDocument(documentId);
  const requested = search.get('tab');
  const tab: DocumentTab = DOCUMENT_TABS.includes(requested as DocumentTab)
    ? (requested as DocumentTab)
    : 'preview';

  if (document.isPending) return <LoadingState />;
  if (document.isError) {
    return (
      <>
        <title>{`${t('nav.knowledge')} · ${t('app.name')}`}</title>
        <Alert
          tone="error"
          action={
            <>
              <Button variant="secondary" size="sm" onClick={() => document.refetch()}>
                {t('common.retry')}
              </Button>
              <Link to="/knowledge">{t('knowledge.document.back')}</Link>
            </>
          }
        >
          {translateError(t, document.error)}
        </Alert>
      </>
    );
  }
  return (
    <>
      <title>{`${document.data.title} · ${t('nav.knowledge')} · ${t('app.name')}`}</title>
      <DocumentHeader document={document.data} />
      <div className="stack-lg">
        <DocumentTabs
          document={document.data}
          tab={tab}
          onTab={(next) => setSearch(next === 'preview' ? {} : { tab: next }, { replace: true })}
        />
        <DocumentDetailsForm document={document.data} />
      </div>
      <UploadPanel isFloating />
    </>
  );
}
