import type { Program, ProgramVersion } from '@companero/contracts';
import { type ReactNode, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Button } from '../../../components/ui/button.tsx';
import { Icon } from '../../../components/ui/icons.tsx';
import { Spinner } from '../../../components/ui/spinner.tsx';
import type { SaveStatus } from '../hooks/use-autosave.ts';
import type { IssueReport } from '../utils/issues.ts';
import { ToolIcon } from './node-type-icon.tsx';

/**
 * The editor's top: back to the list, the program's name (edited in place),
 * its published state, the tools (undo, redo, tidy up, zoom to fit), the
 * validation count, the save status, versions and publish.
 */
export function EditorHeader({
  program,
  lastPublished,
  status,
  onRename,
  onRetrySave,
  canUndo,
  canRedo,
  onUndo,
  onRedo,
  onTidyUp,
  onFit,
  report,
  issuesId,
  isIssuesOpen,
  onToggleIssues,
  onVersions,
  onPublish,
}: {
  program: Program;
  lastPublished: ProgramVersion | undefined;
  status: SaveStatus;
  onRename: (name: string) => void;
  onRetrySave: () => void;
  canUndo: boolean;
  canRedo: boolean;
  onUndo: () => void;
  onRedo: () => void;
  onTidyUp: () => void;
  onFit: () => void;
  report: IssueReport;
  issuesId: string;
  isIssuesOpen: boolean;
  onToggleIssues: () => void;
  onVersions: () => void;
  onPublish: () => void;
}) {
  const { t } = useTranslation();
  const published = Math.max(program.publishedVersion ?? 0, lastPublished?.version ?? 0) || undefined;
  // Right after publishing, until the program is fetched again, the new version has no changes yet.
  const hasChanges = program.publishedVersion === published && program.hasUnpublishedChanges;

  const tool = (label: string, icon: ReactNode, onClick: () => void, disabled = false) => (
    <button
      type="button"
      className="icon-button ptool"
      aria-label={label}
      title={label}
      onClick={onClick}
      disabled={disabled}
    >
      {icon}
    </button>
  );

  return (
    <header className="peditor-header">
      <div className="peditor-title-row">
        <Link to="/programs" className="peditor-back">
          <Icon name="arrowLeft" size={16} />
          {t('programs.nav.back')}
        </Link>
        <ProgramName name={program.name} onRename={onRename} />
        {published ? (
          <span className="badge badge-success">
            {t('programs.editor.status.published', { version: published })}
          </span>
        ) : (
          <span className="badge badge-muted">{t('programs.editor.status.draft')}</span>
        )}
        {published && hasChanges && (
          <span className="badge badge-warning">{t('programs.editor.status.unpublishedChanges')}</span>
        )}
      </div>
      <div className="peditor-toolbar" role="toolbar" aria-label={t('programs.editor.toolbar.label')}>
        <div className="ptool-group">
          {tool(t('programs.editor.toolbar.undo'), <ToolIcon name="undo" />, onUndo, !canUndo)}
          {tool(t('programs.editor.toolbar.redo'), <ToolIcon name="redo" />, onRedo, !canRedo)}
          <span className="ptool-divider" aria-hidden="true" />
          {tool(t('programs.editor.toolbar.layout'), <ToolIcon name="layout" />, onTidyUp)}
          {tool(t('programs.editor.toolbar.fit'), <ToolIcon name="fit" />, onFit)}
          <span className="ptool-hint visually-hidden">{t('programs.editor.toolbar.shortcuts')}</span>
        </div>
        <button
          type="button"
          className="pissues-toggle"
          data-state={report.errorCount > 0 ? 'error' : report.warningCount > 0 ? 'warning' : 'ok'}
          aria-expanded={isIssuesOpen}
          aria-controls={issuesId}
          title={isIssuesOpen ? t('programs.editor.issues.hide') : t('programs.editor.issues.show')}
          onClick={onToggleIssues}
        >
          <Icon name={report.errorCount + report.warningCount > 0 ? 'alert' : 'check'} size={16} />
          <span>
            {report.errorCount + report.warningCount === 0
              ? t('programs.editor.issues.none')
              : [
                  report.errorCount > 0 && t('programs.editor.issues.errors', { count: report.errorCount }),
                  report.warningCount > 0 &&
                    t('programs.editor.issues.warnings', { count: report.warningCount }),
                ]
                  .filter(Boolean)
                  .join(' · ')}
          </span>
        </button>
        <SaveIndicator status={status} onRetry={onRetrySave} />
        <div className="ptool-end">
          <Button variant="secondary" size="sm" icon={<Icon name="history" size={16} />} onClick={onVersions}>
            {t('programs.editor.toolbar.versions')}
          </Button>
          <Button
            size="sm"
            icon={<ToolIcon name="publish" size={16} />}
            onClick={onPublish}
            disabled={report.errorCount > 0 || status === 'conflict'}
            title={
              report.errorCount > 0
                ? t('programs.editor.publish.blocked', { count: report.errorCount })
                : undefined
            }
          >
            {t('programs.editor.toolbar.publish')}
          </Button>
        </div>
      </div>
    </header>
  );
}

function SaveIndicator({ status, onRetry }: { status: SaveStatus; onRetry: () => void }) {
  const { t } = useTranslation();
  const text = {
    saved: t('programs.editor.save.saved'),
    saving: t('programs.editor.save.saving'),
    unsaved: t('programs.editor.save.unsaved'),
    conflict: t('programs.editor.save.conflict'),
    error: t('programs.editor.save.error'),
    invalid: t('programs.editor.save.invalid'),
  }[status];
  return (
    <div className="psave" data-status={status}>
      <span role="status" className="psave-text">
        {status === 'saving' ? <Spinner size={12} /> : <span className="psave-dot" aria-hidden="true" />}
        {text}
      </span>
      {status === 'error' && (
        <button type="button" className="link-button" onClick={onRetry}>
          {t('programs.editor.save.retry')}
        </button>
      )}
    </div>
  );
}

/**
 * The name, edited in place: the heading shows it; a click (or Enter) turns
 * it into a field where Enter or leaving renames and Escape cancels.
 */
function ProgramName({ name, onRename }: { name: string; onRename: (name: string) => void }) {
  const { t } = useTranslation();
  const [saved, setSaved] = useState(name);
  const [draft, setDraft] = useState<string>();
  const heading = useRef<HTMLHeadingElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  // Like every page's h1: focused on arrival, so screen readers start here.
  useEffect(() => {
    heading.current?.focus({ preventScroll: true });
  }, []);
  const stop = (commit: boolean) => {
    const trimmed = draft?.trim() ?? '';
    if (commit && trimmed && trimmed !== saved) {
      setSaved(trimmed);
      onRename(trimmed);
    }
    setDraft(undefined);
    requestAnimationFrame(() => button.current?.focus());
  };
  return (
    <h1 ref={heading} tabIndex={-1} className="peditor-name">
      {draft === undefined ? (
        <button
          ref={button}
          type="button"
          className="peditor-name-button"
          title={t('programs.editor.rename')}
          onClick={() => setDraft(saved)}
        >
          <span>{saved}</span>
          <Icon name="edit" size={15} />
        </button>
      ) : (
        <input
          className="peditor-name-input"
          aria-label={t('programs.editor.nameLabel')}
          title={t('programs.editor.renameHint')}
          value={draft}
          maxLength={200}
          size={Math.max(12, Math.min(draft.length + 2, 48))}
          // biome-ignore lint/a11y/noAutofocus: the field appears because the creator asked to rename
          autoFocus
          onFocus={(event) => event.currentTarget.select()}
          onChange={(event) => setDraft(event.target.value)}
          onBlur={() => stop(true)}
          onKeyDown={(event) => {
            if (event.key === 'Enter') {
              event.preventDefault();
              stop(true);
            } else if (event.key === 'Escape') {
              event.preventDefault();
              stop(false);
            }
          }}
        />
      )}
    </h1>
  );
}
