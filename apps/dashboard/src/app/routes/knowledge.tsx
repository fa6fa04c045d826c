import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/ui/page-header.tsx';
import { useFolders } from '../../features/knowledge/api/get-folders.ts';
import { DocumentTable } from '../../features/knowledge/components/document-table.tsx';
import { FolderTree } from '../../features/knowledge/components/folder-tree.tsx';
import { KnowledgeToolbar } from '../../features/knowledge/components/knowledge-toolbar.tsx';
import { SearchResults } from '../../features/knowledge/components/search-results.tsx';
import { UploadDropZone } from '../../features/knowledge/components/upload-drop-zone.tsx';
import { UploadPanel } from '../../features/knowledge/components/upload-panel.tsx';
import { useKnowledgeParams } from '../../features/knowledge/hooks/use-knowledge-params.ts';
import { folderPath } from '../../features/knowledge/utils/folder-tree.ts';

export function KnowledgeRoute() {
  const { t } = useTranslation();
  const params = useKnowledgeParams();
  const folders = useFolders();
  const path = folderPath(folders.data?.items ?? [], params.folderId);
  const folderName = path.at(-1) ?? null;
  const heading = params.q ? t('knowledge.search.title') : (folderName ?? t('knowledge.folders.all'));

  return (
    <>
      <title>{`${t('nav.knowledge')} · ${t('app.name')}`}</title>
      <PageHeader title={t('nav.knowledge')} subtitle={t('areas.knowledge.description')} />
      <div className="kb-layout">
        <aside className="kb-side">
          <FolderTree
            selectedId={params.folderId}
            onSelect={(id) => params.update({ folder: id }, { push: true })}
          />
        </aside>
        <div className="kb-main">
          <UploadDropZone folderId={params.folderId} folderName={folderName} />
          <UploadPanel />
          <section className="card kb-docs" aria-labelledby="kb-docs-title">
            <header className="kb-docs-header">
              <h2 id="kb-docs-title" className="card-title">
                {heading}
              </h2>
              {path.length > 1 && !params.q && <p className="kb-path">{path.join(' / ')}</p>}
            </header>
            <KnowledgeToolbar params={params} />
            {params.q ? (
              <SearchResults params={params.search} />
            ) : (
              <DocumentTable
                key={JSON.stringify(params.filters)}
                filters={params.filters}
                hasFilters={params.hasFilters}
                isInFolder={params.folderId !== null}
                onClearFilters={() => params.update({ kind: '', status: '', visibility: '', tag: '' })}
              />
            )}
          </section>
        </div>
      </div>
    </>
  );
}
