import type { KbDocument } from '@companero/contracts';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Alert } from '../../../components/ui/alert.tsx';
import { Button } from '../../../components/ui/button.tsx';
import { EmptyState } from '../../../components/ui/empty-state.tsx';
import { Icon } from '../../../components/ui/icons.tsx';
import { LoadingState } from '../../../components/ui/spinner.tsx';
import { translateError } from '../../../lib/form-errors.ts';
import { useFormat } from '../../../lib/format.ts';
import { useDocuments } from '../api/get-documents.ts';
import type { DocumentFilters } from '../api/query-keys.ts';
import { useKnowledgeLabels } from '../hooks/use-knowledge-labels.ts';
import { formatSize } from '../utils/format-size.ts';
import { BulkTagsDialog } from './bulk-tags-dialog.tsx';
import { DocumentStatus } from './document-status.tsx';
import { MetaParts } from './meta-parts.tsx';
import { VisibilityBadge } from './visibility-badge.tsx';

/**
 * The documents of the chosen folder, with the filters applied; select some to
 * add or remove tags on all of them at once. Newest first, 50 at a time.
 */
export function DocumentTable({
  filters,
  hasFilters,
  isInFolder,
  onClearFilters,
}: {
  filters: DocumentFilters;
  hasFilters: boolean;
  isInFolder: boolean;
  onClearFilters: () => void;
}) {
  const { t } = useTranslation();
  const docs = useDocuments(filters);
  const items = docs.data?.pages.flatMap((page) => page.items) ?? [];
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [bulk, setBulk] = useState<'add' | 'remove'>();
  const [done, setDone] = useState<string>();

  // Documents deleted meanwhile drop out of the selection.
  const visibleIds = new Set(items.map((d) => d.id));
  const selection = [...selected].filter((id) => visibleIds.has(id));

  const toggle = (id: string) =>
    setSelected((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  if (docs.isPending) return <LoadingState />;
  if (docs.isError) {
    return (
      <Alert
        tone="error"
        action={
          <Button variant="secondary" size="sm" onClick={() => docs.refetch()}>
            {t('common.retry')}
          </Button>
        }
      >
        {translateError(t, docs.error)}
      </Alert>
    );
  }
  if (items.length === 0) {
    if (hasFilters) {
      return (
        <EmptyState
          icon="search"
          title={t('knowledge.documents.noMatch')}
          action={
            <Button variant="secondary" size="sm" onClick={onClearFilters}>
              {t('knowledge.filters.clear')}
            </Button>
          }
        />
      );
    }
    return (
      <EmptyState
        icon={isInFolder ? 'folder' : 'knowledge'}
        title={isInFolder ? t('knowledge.documents.emptyFolder') : t('knowledge.documents.empty')}
      >
        {t('knowledge.documents.emptyHint')}
      </EmptyState>
    );
  }

  return (
    <>
      {selection.length > 0 && (
        <div className="bulk-bar">
          <span className="bulk-count">{t('knowledge.bulk.selected', { count: selection.length })}</span>
          <Button
            variant="secondary"
            size="sm"
            icon={<Icon name="tag" size={16} />}
            onClick={() => setBulk('add')}
          >
            {t('knowledge.bulk.addTags')}
          </Button>
          <Button variant="secondary" size="sm" onClick={() => setBulk('remove')}>
            {t('knowledge.bulk.removeTags')}
          </Button>
          <Button variant="ghost" size="sm" onClick={() => setSelected(new Set())}>
            {t('knowledge.bulk.clear')}
          </Button>
        </div>
      )}
      {done && (
        <p className="inline-status bulk-done" role="status">
          {done}
        </p>
      )}
      <DocumentRows
        items={items}
        selected={selected}
        onToggle={toggle}
        onToggleAll={(ids, on) =>
          setSelected((current) => {
            const next = new Set(current);
            for (const id of ids) {
              if (on) next.add(id);
              else next.delete(id);
            }
            return next;
          })
        }
      />
      {docs.hasNextPage && (
        <div className="list-footer">
          <Button
            variant="secondary"
            isLoading={docs.isFetchingNextPage}
            onClick={() => docs.fetchNextPage()}
          >
            {docs.isFetchingNextPage ? t('common.loadingMore') : t('knowledge.documents.loadMore')}
          </Button>
        </div>
      )}
      <BulkTagsDialog
        mode={bulk}
        documentIds={selection}
        onClose={() => setBulk(undefined)}
        onDone={(message) => {
          setBulk(undefined);
          setSelected(new Set());
          setDone(message);
        }}
      />
    </>
  );
}

function DocumentRows({
  items,
  selected,
  onToggle,
  onToggleAll,
}: {
  items: KbDocument[];
  selected: ReadonlySet<string>;
  onToggle: (id: string) => void;
  onToggleAll: (ids: string[], on: boolean) => void;
}) {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const labels = useKnowledgeLabels();
  const allRef = useRef<HTMLInputElement>(null);
  const selectedHere = items.filter((d) => selected.has(d.id)).length;
  const isAll = selectedHere === items.length;

  useEffect(() => {
    if (allRef.current) allRef.current.indeterminate = selectedHere > 0 && !isAll;
  }, [selectedHere, isAll]);

  const columns = {
    name: t('knowledge.columns.name'),
    status: t('knowledge.columns.status'),
    visibility: t('knowledge.columns.visibility'),
    tags: t('knowledge.columns.tags'),
    updated: t('knowledge.columns.updated'),
  };

  return (
    <div className="table-wrap">
      <table className="table table-stack kb-table">
        <caption className="visually-hidden">{t('knowledge.documents.tableLabel')}</caption>
        <thead>
          <tr>
            <th scope="col" className="cell-check">
              <input
                ref={allRef}
                type="checkbox"
                className="checkbox-input"
                checked={isAll}
                aria-label={t('knowledge.bulk.selectAll')}
                onChange={(event) =>
                  onToggleAll(
                    items.map((d) => d.id),
                    event.target.checked,
                  )
                }
              />
            </th>
            <th scope="col">{columns.name}</th>
            <th scope="col">{columns.status}</th>
            <th scope="col">{columns.visibility}</th>
            <th scope="col">{columns.tags}</th>
            <th scope="col">{columns.updated}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((doc) => (
            <tr key={doc.id} className={selected.has(doc.id) ? 'row-selected' : undefined}>
              <td className="cell-check">
                <input
                  type="checkbox"
                  className="checkbox-input"
                  checked={selected.has(doc.id)}
                  aria-label={t('knowledge.bulk.selectNamed', { name: doc.title })}
                  onChange={() => onToggle(doc.id)}
                />
              </td>
              <th scope="row" className="cell-name">
                <Link to={`/knowledge/documents/${doc.id}`} className="doc-link cell-strong">
                  {doc.title}
                </Link>
                <span className="cell-secondary doc-meta">
                  <MetaParts
                    parts={[
                      labels.kind(doc.kind),
                      formatSize(doc.sizeBytes, i18n.resolvedLanguage ?? 'en'),
                      t('knowledge.versionShort', { version: doc.currentVersion ?? doc.latestVersion }),
                    ]}
                  />
                </span>
              </th>
              <td data-label={columns.status}>
                <DocumentStatus document={doc} label={doc.title} />
              </td>
              <td data-label={columns.visibility}>
                <VisibilityBadge visibility={doc.visibility} membersTag={doc.membersTag} />
              </td>
              <td data-label={columns.tags}>
                {doc.tags.length > 0 ? (
                  <ul className="chip-list">
                    {doc.tags.map((tag) => (
                      <li key={tag} className="chip">
                        {tag}
                      </li>
                    ))}
                  </ul>
                ) : (
                  <span className="muted">—</span>
                )}
              </td>
              <td data-label={columns.updated} className="cell-nowrap">
                <time dateTime={doc.updatedAt}>{format.date(doc.updatedAt)}</time>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
