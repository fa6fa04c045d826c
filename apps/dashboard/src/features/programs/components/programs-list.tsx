import type { ProgramSummary } from '@companero/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Alert } from '../../../components/ui/alert.tsx';
import { Button } from '../../../components/ui/button.tsx';
import { Card } from '../../../components/ui/card.tsx';
import { Dialog } from '../../../components/ui/dialog.tsx';
import { EmptyState } from '../../../components/ui/empty-state.tsx';
import { Icon } from '../../../components/ui/icons.tsx';
import { LoadingState } from '../../../components/ui/spinner.tsx';
import { translateError } from '../../../lib/form-errors.ts';
import { useFormat } from '../../../lib/format.ts';
import type { ProgramFilters } from '../api/program-keys.ts';
import { useArchiveProgram } from '../api/use-archive-program.ts';
import { useDeleteProgram } from '../api/use-delete-program.ts';
import { usePrograms } from '../api/use-programs-list.ts';
import { NewProgramButton } from './new-program-dialog.tsx';

type StatusFilter = NonNullable<ProgramFilters['status']> | 'all';
const FILTERS: readonly StatusFilter[] = ['all', 'draft', 'published', 'archived'];

/**
 * The creator's programs: status, published version, unpublished changes, who is in
 * them now; each opens the editor. Archive or delete from here, after a confirmation.
 */
export function ProgramsList() {
  const { t } = useTranslation();
  const [filter, setFilter] = useState<StatusFilter>('all');
  const programs = usePrograms(filter === 'all' ? {} : { status: filter });
  const items = programs.data?.pages.flatMap((page) => page.items) ?? [];
  const [archiving, setArchiving] = useState<ProgramSummary>();
  const [deleting, setDeleting] = useState<ProgramSummary>();
  const [done, setDone] = useState<string>();

  return (
    <Card
      title={t('programs.list.title')}
      subtitle={t('programs.list.subtitle')}
      actions={
        // biome-ignore lint/a11y/useSemanticElements: a group of toggle buttons, not a form's fieldset
        <div className="segmented" role="group" aria-label={t('programs.list.filterLabel')}>
          {FILTERS.map((value) => (
            <Button
              key={value}
              variant={filter === value ? 'primary' : 'secondary'}
              size="sm"
              aria-pressed={filter === value}
              onClick={() => setFilter(value)}
            >
              {t(`programs.list.filters.${value}`)}
            </Button>
          ))}
        </div>
      }
    >
      {done && (
        <p className="inline-status programs-done" role="status">
          {done}
        </p>
      )}
      {programs.isPending && <LoadingState />}
      {programs.isError && (
        <Alert
          tone="error"
          action={
            <Button variant="secondary" size="sm" onClick={() => programs.refetch()}>
              {t('common.retry')}
            </Button>
          }
        >
          {translateError(t, programs.error)}
        </Alert>
      )}
      {programs.isSuccess && items.length === 0 && (
        <EmptyState
          icon="programs"
          title={filter === 'all' ? t('programs.list.empty') : t(`programs.list.emptyFiltered.${filter}`)}
          action={filter === 'all' ? <NewProgramButton variant="secondary" /> : undefined}
        >
          {filter === 'all' ? t('programs.list.emptyHint') : undefined}
        </EmptyState>
      )}
      {items.length > 0 && (
        <ProgramsTable
          items={items}
          onArchive={setArchiving}
          onDelete={setDeleting}
          onRestored={(program) => setDone(t('programs.list.restored', { name: program.name }))}
        />
      )}
      {programs.hasNextPage && (
        <div className="list-footer">
          <Button
            variant="secondary"
            isLoading={programs.isFetchingNextPage}
            onClick={() => programs.fetchNextPage()}
          >
            {programs.isFetchingNextPage ? t('common.loadingMore') : t('common.showMore')}
          </Button>
        </div>
      )}
      <ArchiveProgramDialog
        program={archiving}
        onClose={() => setArchiving(undefined)}
        onDone={(program) => {
          setArchiving(undefined);
          setDone(t('programs.list.archived', { name: program.name }));
        }}
      />
      <DeleteProgramDialog
        program={deleting}
        onClose={() => setDeleting(undefined)}
        onDone={(program) => {
          setDeleting(undefined);
          setDone(t('programs.list.deleted', { name: program.name }));
        }}
      />
    </Card>
  );
}

export function ProgramStatusBadge({ status }: { status: ProgramSummary['status'] }) {
  const { t } = useTranslation();
  const tone = status === 'published' ? 'badge-success' : status === 'draft' ? 'badge-info' : 'badge-muted';
  return <span className={`badge ${tone}`}>{t(`programs.list.status.${status}`)}</span>;
}

function ProgramsTable({
  items,
  onArchive,
  onDelete,
  onRestored,
}: {
  items: ProgramSummary[];
  onArchive: (program: ProgramSummary) => void;
  onDelete: (program: ProgramSummary) => void;
  onRestored: (program: ProgramSummary) => void;
}) {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const restore = useArchiveProgram({ mutationConfig: { onSuccess: (program) => onRestored(program) } });
  const count = new Intl.NumberFormat(i18n.resolvedLanguage ?? 'en');
  const columns = {
    name: t('programs.list.columns.name'),
    status: t('programs.list.columns.status'),
    version: t('programs.list.columns.version'),
    enrollments: t('programs.list.columns.enrollments'),
    updated: t('programs.list.columns.updated'),
    actions: t('programs.list.columns.actions'),
  };
  return (
    <>
      {restore.error && <Alert tone="error">{translateError(t, restore.error)}</Alert>}
      <div className="table-wrap">
        <table className="table table-stack programs-table">
          <caption className="visually-hidden">{t('programs.list.tableLabel')}</caption>
          <thead>
            <tr>
              <th scope="col">{columns.name}</th>
              <th scope="col">{columns.status}</th>
              <th scope="col">{columns.version}</th>
              <th scope="col" className="programs-num">
                {columns.enrollments}
              </th>
              <th scope="col">{columns.updated}</th>
              <th scope="col">
                <span className="visually-hidden">{columns.actions}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {items.map((program) => (
              <tr key={program.id} className={program.status === 'archived' ? 'row-inactive' : undefined}>
                <th scope="row" className="cell-name">
                  <Link to={`/programs/${program.id}`} className="doc-link cell-strong">
                    {program.name}
                  </Link>
                  <span className="cell-secondary muted small programs-meta">
                    {[program.description, t(`language.${program.language}`)].filter(Boolean).join(' · ')}
                  </span>
                </th>
                <td data-label={columns.status}>
                  <span className="programs-status">
                    <ProgramStatusBadge status={program.status} />
                    {program.hasUnpublishedChanges && program.publishedVersion !== null && (
                      <span className="badge badge-warning" title={t('programs.list.unpublishedHint')}>
                        {t('programs.list.unpublished')}
                      </span>
                    )}
                  </span>
                </td>
                <td data-label={columns.version} className="cell-nowrap">
                  {program.publishedVersion === null ? (
                    <span className="muted">{t('programs.list.notPublished')}</span>
                  ) : (
                    t('programs.list.versionShort', { version: program.publishedVersion })
                  )}
                </td>
                <td data-label={columns.enrollments} className="programs-num">
                  {count.format(program.activeEnrollments)}
                </td>
                <td data-label={columns.updated} className="cell-nowrap">
                  <time dateTime={program.updatedAt}>{format.date(program.updatedAt)}</time>
                </td>
                <td className="cell-actions">
                  {program.status === 'archived' ? (
                    <Button
                      variant="ghost"
                      size="sm"
                      aria-label={t('programs.list.restoreNamed', { name: program.name })}
                      isLoading={restore.isPending && restore.variables?.id === program.id}
                      onClick={() => restore.mutate({ id: program.id, isArchived: false })}
                    >
                      {t('programs.list.restore')}
                    </Button>
                  ) : (
                    <Button
                      variant="ghost"
                      size="sm"
                      aria-label={t('programs.list.archiveNamed', { name: program.name })}
                      onClick={() => onArchive(program)}
                    >
                      {t('programs.list.archive')}
                    </Button>
                  )}
                  <Button
                    variant="ghost"
                    size="sm"
                    className="btn-danger-text"
                    icon={<Icon name="trash" size={16} />}
                    aria-label={t('programs.list.deleteNamed', { name: program.name })}
                    onClick={() => onDelete(program)}
                  >
                    {t('programs.list.delete')}
                  </Button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

function ArchiveProgramDialog({
  program,
  onClose,
  onDone,
}: {
  program: ProgramSummary | undefined;
  onClose: () => void;
  onDone: (program: ProgramSummary) => void;
}) {
  const { t } = useTranslation();
  const archive = useArchiveProgram({ mutationConfig: { onSuccess: (updated) => onDone(updated) } });
  const close = () => {
    archive.reset();
    onClose();
  };
  return (
    <Dialog
      open={program !== undefined}
      onClose={close}
      title={t('programs.list.archiveDialog.title', { name: program?.name ?? '' })}
      description={
        program && program.activeEnrollments > 0
          ? t('programs.list.archiveDialog.bodyEnrolled', { count: program.activeEnrollments })
          : t('programs.list.archiveDialog.body')
      }
    >
      {archive.error && (
        <div className="dialog-body">
          <Alert tone="error">{translateError(t, archive.error)}</Alert>
        </div>
      )}
      <footer className="dialog-footer">
        <Button variant="secondary" onClick={close}>
          {t('common.cancel')}
        </Button>
        <Button
          isLoading={archive.isPending}
          onClick={() => {
            if (program) archive.mutate({ id: program.id, isArchived: true });
          }}
        >
          {archive.isPending
            ? t('programs.list.archiveDialog.confirming')
            : t('programs.list.archiveDialog.confirm')}
        </Button>
      </footer>
    </Dialog>
  );
}

function DeleteProgramDialog({
  program,
  onClose,
  onDone,
}: {
  program: ProgramSummary | undefined;
  onClose: () => void;
  onDone: (program: ProgramSummary) => void;
}) {
  const { t } = useTranslation();
  const remove = useDeleteProgram({
    mutationConfig: {
      onSuccess: () => {
        if (program) onDone(program);
      },
    },
  });
  const close = () => {
    remove.reset();
    onClose();
  };
  const hasPeople = (program?.activeEnrollments ?? 0) > 0;
  return (
    <Dialog
      open={program !== undefined}
      onClose={close}
      title={t('programs.list.deleteDialog.title', { name: program?.name ?? '' })}
      description={t('programs.list.deleteDialog.body')}
    >
      {(hasPeople || remove.error) && (
        <div className="dialog-body">
          {hasPeople && (
            <Alert tone="warning">
              {t('programs.list.deleteDialog.enrolled', { count: program?.activeEnrollments ?? 0 })}
            </Alert>
          )}
          {remove.error && <Alert tone="error">{translateError(t, remove.error)}</Alert>}
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
            if (program) remove.mutate(program.id);
          }}
        >
          {remove.isPending
            ? t('programs.list.deleteDialog.confirming')
            : t('programs.list.deleteDialog.confirm')}
        </Button>
      </footer>
    </Dialog>
  );
}
