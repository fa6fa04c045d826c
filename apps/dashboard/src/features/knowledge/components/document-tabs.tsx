import type { KbDocument } from '@companero/contracts';
import { useTranslation } from 'react-i18next';
import { Card } from '../../../components/ui/card.tsx';
import { type TabItem, Tabs } from '../../../components/ui/tabs.tsx';
import { DocumentHistory } from './document-history.tsx';
import { DocumentChunks, DocumentPreview } from './document-preview.tsx';
import { EditContentPanel, isEditable } from './edit-content-form.tsx';
import { UploadVersionForm } from './upload-version-form.tsx';

export const DOCUMENT_TABS = ['preview', 'chunks', 'history', 'upload', 'edit'] as const;
export type DocumentTab = (typeof DOCUMENT_TABS)[number];

/** Preview, chunks, history (compare, restore), a new file, and in-browser editing for TXT/Markdown. */
export function DocumentTabs({
  document,
  tab,
  onTab,
}: {
  document: KbDocument;
  tab: DocumentTab;
  onTab: (tab: DocumentTab) => void;
}) {
  const { t } = useTranslation();
  const tabs: TabItem<DocumentTab>[] = [
    { id: 'preview', label: t('knowledge.tabs.preview') },
    { id: 'chunks', label: t('knowledge.tabs.chunks') },
    { id: 'history', label: t('knowledge.tabs.history') },
    { id: 'upload', label: t('knowledge.tabs.upload') },
    ...(isEditable(document) ? [{ id: 'edit' as const, label: t('knowledge.tabs.edit') }] : []),
  ];
  const selected = tabs.some((item) => item.id === tab) ? tab : 'preview';
  return (
    <Card className="doc-tabs-card">
      <Tabs label={t('knowledge.tabs.label')} tabs={tabs} selected={selected} onSelect={onTab}>
        {selected === 'preview' && <DocumentPreview document={document} />}
        {selected === 'chunks' && <DocumentChunks document={document} />}
        {selected === 'history' && <DocumentHistory document={document} />}
        {selected === 'upload' && <UploadVersionForm document={document} />}
        {selected === 'edit' && (
          <EditContentPanel document={document} onShowHistory={() => onTab('history')} />
        )}
      </Tabs>
    </Card>
  );
}
