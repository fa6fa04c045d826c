import type { ProgramIssue } from '@companero/contracts';
import { useTranslation } from 'react-i18next';
import { Icon } from '../../../components/ui/icons.tsx';
import { useEditorLabels } from '../hooks/use-editor-labels.ts';
import type { IssueReport } from '../utils/issues.ts';
import type { FlowNode } from '../utils/program-graph.ts';

/** Errors first, then warnings; each keeps its order from the validator. */
const bySeverity = (issues: readonly ProgramIssue[]) =>
  [...issues].sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1));

/**
 * The live validation's findings. Each one names its step and what is wrong;
 * clicking it selects the step (or connection) and brings it into view.
 */
export function IssuesPanel({
  id,
  report,
  nodesById,
  onShow,
}: {
  id: string;
  report: IssueReport;
  nodesById: ReadonlyMap<string, FlowNode>;
  onShow: (issue: ProgramIssue) => void;
}) {
  const { t } = useTranslation();
  const labels = useEditorLabels();
  return (
    <section id={id} className="pissues" aria-label={t('programs.editor.issues.title')}>
      <h2 className="pissues-title">{t('programs.editor.issues.title')}</h2>
      {report.issues.length === 0 ? (
        <p className="pissues-clear" role="status">
          <Icon name="check" size={16} />
          {t('programs.editor.issues.allClear')}
        </p>
      ) : (
        <ul className="pissues-list">
          {bySeverity(report.issues).map((issue, index) => {
            const node = issue.nodeId ? nodesById.get(issue.nodeId) : undefined;
            const where =
              issue.edgeId && !node ? t('programs.editor.issues.connection') : labels.stepName(node);
            const field = labels.fieldLabel(issue.field);
            const canShow = node !== undefined || issue.edgeId !== undefined;
            return (
              // biome-ignore lint/suspicious/noArrayIndexKey: the list is recomputed as a whole on each change
              <li key={index}>
                <button
                  type="button"
                  className="pissues-item"
                  data-severity={issue.severity}
                  disabled={!canShow}
                  onClick={() => onShow(issue)}
                >
                  <span className="pissues-severity">
                    <Icon name={issue.severity === 'error' ? 'alert' : 'info'} size={14} />
                    <span className="visually-hidden">
                      {issue.severity === 'error'
                        ? t('programs.editor.issues.error')
                        : t('programs.editor.issues.warning')}
                    </span>
                  </span>
                  <span className="pissues-where">{where}</span>
                  <span className="pissues-text">
                    {labels.issueText(issue)}
                    {field && (
                      <span className="muted"> {t('programs.editor.issues.inField', { field })}</span>
                    )}
                  </span>
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
