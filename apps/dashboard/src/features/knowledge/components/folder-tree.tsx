import type { KbFolder } from '@companero/contracts';
import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../../components/ui/alert.tsx';
import { Button } from '../../../components/ui/button.tsx';
import { Icon } from '../../../components/ui/icons.tsx';
import { LoadingState } from '../../../components/ui/spinner.tsx';
import { translateError } from '../../../lib/form-errors.ts';
import { useFolders } from '../api/get-folders.ts';
import { buildFolderTree, type FolderNode } from '../utils/folder-tree.ts';
import { DeleteFolderDialog, FolderNameDialog, MoveFolderDialog } from './folder-dialogs.tsx';

type Editing =
  | { kind: 'create' }
  | { kind: 'rename'; folder: KbFolder }
  | { kind: 'move'; folder: KbFolder }
  | { kind: 'delete'; folder: KbFolder };

/** The folders on the left: choose one to list its documents; create, rename, move or delete folders. */
export function FolderTree({
  selectedId,
  onSelect,
}: {
  selectedId: string | null;
  onSelect: (id: string | null) => void;
}) {
  const { t } = useTranslation();
  const titleId = useId();
  const folders = useFolders();
  const items = folders.data?.items ?? [];
  const tree = useMemo(() => buildFolderTree(items), [items]);
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(new Set());
  const [editing, setEditing] = useState<Editing>();
  const selected = items.find((f) => f.id === selectedId);
  const close = () => setEditing(undefined);

  const toggle = (id: string) =>
    setCollapsed((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  const renderNode = (node: FolderNode) => {
    const { folder } = node;
    const isOpen = !collapsed.has(folder.id);
    const hasChildren = node.children.length > 0;
    return (
      <li key={folder.id}>
        <div className="folder-row" style={{ paddingLeft: `${node.depth * 16}px` }}>
          {hasChildren ? (
            <button
              type="button"
              className="folder-toggle"
              aria-expanded={isOpen}
              aria-label={t(isOpen ? 'knowledge.folders.collapse' : 'knowledge.folders.expand', {
                name: folder.name,
              })}
              onClick={() => toggle(folder.id)}
            >
              <Icon name={isOpen ? 'chevronDown' : 'chevronRight'} size={16} />
            </button>
          ) : (
            <span className="folder-toggle-spacer" />
          )}
          <button
            type="button"
            className="folder-item"
            aria-current={folder.id === selectedId ? 'true' : undefined}
            onClick={() => onSelect(folder.id)}
          >
            <Icon name="folder" size={18} />
            <span className="folder-name">{folder.name}</span>
            <span className="folder-count">
              <span className="visually-hidden">
                {t('knowledge.folders.documentCount', { count: folder.documentCount })}
              </span>
              <span aria-hidden="true">{folder.documentCount}</span>
            </span>
          </button>
        </div>
        {hasChildren && isOpen && <ul>{node.children.map(renderNode)}</ul>}
      </li>
    );
  };

  return (
    <section className="kb-folders" aria-labelledby={titleId}>
      <h2 id={titleId} className="kb-side-title">
        {t('knowledge.folders.title')}
      </h2>
      {folders.isPending && <LoadingState />}
      {folders.isError && (
        <Alert
          tone="error"
          action={
            <Button variant="secondary" size="sm" onClick={() => folders.refetch()}>
              {t('common.retry')}
            </Button>
          }
        >
          {translateError(t, folders.error)}
        </Alert>
      )}
      {folders.isSuccess && (
        <nav aria-label={t('knowledge.folders.title')}>
          <ul className="folder-tree">
            <li>
              <div className="folder-row">
                <button
                  type="button"
                  className="folder-item"
                  aria-current={selectedId === null ? 'true' : undefined}
                  onClick={() => onSelect(null)}
                >
                  <Icon name="knowledge" size={18} />
                  <span className="folder-name">{t('knowledge.folders.all')}</span>
                </button>
              </div>
            </li>
            {tree.map(renderNode)}
          </ul>
          {items.length === 0 && <p className="kb-side-hint">{t('knowledge.folders.empty')}</p>}
        </nav>
      )}
      <Button
        variant="ghost"
        size="sm"
        className="folder-new"
        icon={<Icon name="folderPlus" size={16} />}
        onClick={() => setEditing({ kind: 'create' })}
      >
        {t('knowledge.folders.new')}
      </Button>
      {selected && (
        <div className="folder-actions">
          <p className="visually-hidden">{t('knowledge.folders.actionsFor', { name: selected.name })}</p>
          <Button
            variant="ghost"
            size="sm"
            icon={<Icon name="edit" size={16} />}
            onClick={() => setEditing({ kind: 'rename', folder: selected })}
          >
            {t('knowledge.folders.rename')}
          </Button>
          <Button
            variant="ghost"
            size="sm"
            icon={<Icon name="folder" size={16} />}
            onClick={() => setEditing({ kind: 'move', folder: selected })}
          >
            {t('knowledge.folders.move')}
          </Button>
          <Button
            variant="ghost"
            size="sm"
            className="btn-danger-text"
            icon={<Icon name="trash" size={16} />}
            onClick={() => setEditing({ kind: 'delete', folder: selected })}
          >
            {t('knowledge.folders.delete')}
          </Button>
        </div>
      )}
      <FolderNameDialog
        open={editing?.kind === 'create' || editing?.kind === 'rename'}
        folder={editing?.kind === 'rename' ? editing.folder : undefined}
        defaultParentId={selectedId}
        folders={items}
        onClose={close}
        onSaved={(folder) => {
          close();
          onSelect(folder.id);
        }}
      />
      <MoveFolderDialog
        folder={editing?.kind === 'move' ? editing.folder : undefined}
        folders={items}
        onClose={close}
      />
      <DeleteFolderDialog
        folder={editing?.kind === 'delete' ? editing.folder : undefined}
        folders={items}
        onClose={close}
        onDeleted={() => {
          close();
          onSelect(null);
        }}
      />
    </section>
  );
}
