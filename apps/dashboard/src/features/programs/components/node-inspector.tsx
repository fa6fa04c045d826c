import type { ProgramIssue } from '@companero/contracts';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../../components/ui/button.tsx';
import { Icon } from '../../../components/ui/icons.tsx';
import { TextField } from '../../../components/ui/text-field.tsx';
import { useEditorLabels } from '../hooks/use-editor-labels.ts';
import { fieldKey } from '../utils/issues.ts';
import type { FlowNode } from '../utils/program-graph.ts';
import { ConditionEditor } from './condition-editor.tsx';
import { AiForm, EndForm, HandoffForm, MessageForm, QuestionForm } from './conversation-step-forms.tsx';
import { HabitForm, MilestoneForm, SetForm, WaitForm, WebhookForm } from './flow-step-forms.tsx';
import { NodeTypeIcon } from './node-type-icon.tsx';
import { clean, optionalText } from './step-form.ts';

/**
 * The form for the selected step: its name and every setting of its type.
 * Changes apply at once (the canvas, validation and autosave follow).
 */
export function NodeInspector({
  node,
  issues,
  variables,
  onChange,
  onDelete,
  onDuplicate,
  onShowIssue,
}: {
  node: FlowNode;
  issues: readonly ProgramIssue[];
  variables: readonly string[];
  onChange: (data: FlowNode['data'], field: string) => void;
  onDelete: () => void;
  onDuplicate: () => void;
  onShowIssue?: (issue: ProgramIssue) => void;
}) {
  const { t } = useTranslation();
  const labels = useEditorLabels();

  const error = (field: string): string | undefined => {
    const issue = issues.find(
      (i) =>
        i.field !== undefined && (i.field.replace(/^data\./, '') === field || fieldKey(i.field) === field),
    );
    if (!issue) return undefined;
    return issue.code === 'missing_field' ? t('fieldErrors.required') : labels.issueText(issue);
  };
  // Exact paths first (a choice's label), then the field as a whole (`choices`).
  const exactError = (field: string): string | undefined => {
    const issue = issues.find((i) => i.field?.replace(/^data\./, '') === field);
    if (!issue) return undefined;
    return issue.code === 'missing_field' ? t('fieldErrors.required') : labels.issueText(issue);
  };

  const set = (patch: object, field: string) =>
    onChange(clean({ ...node.data, ...patch }) as FlowNode['data'], `${node.id}:${field}`);
  const form = { set, error, variables } as const;

  return (
    <div className="pinspector">
      <header className="pinspector-header" data-type={node.type}>
        <span className="pinspector-icon">
          <NodeTypeIcon type={node.type} size={18} />
        </span>
        <div className="pinspector-heading">
          <h2 className="pinspector-title">{labels.typeLabel(node.type)}</h2>
          <p className="small muted">{t('programs.editor.inspector.stepId', { id: node.id })}</p>
        </div>
        {node.type !== 'start' && (
          <div className="pinspector-actions">
            <Button variant="ghost" size="sm" icon={<Icon name="copy" size={16} />} onClick={onDuplicate}>
              {t('programs.editor.inspector.duplicate')}
            </Button>
            <Button variant="ghost" size="sm" icon={<Icon name="trash" size={16} />} onClick={onDelete}>
              {t('programs.editor.inspector.delete')}
            </Button>
          </div>
        )}
      </header>

      {issues.length > 0 && (
        <section className="pinspector-problems" aria-label={t('programs.editor.inspector.problems')}>
          <ul>
            {issues.map((issue, index) => {
              const field = labels.fieldLabel(issue.field);
              return (
                // biome-ignore lint/suspicious/noArrayIndexKey: issues are recomputed as a whole; the index is stable within one list
                <li key={index} data-severity={issue.severity}>
                  <Icon name="alert" size={14} />
                  <span>
                    {labels.issueText(issue)}
                    {field && (
                      <span className="muted"> {t('programs.editor.issues.inField', { field })}</span>
                    )}
                  </span>
                  {onShowIssue && issue.edgeId && (
                    <button type="button" className="link-button" onClick={() => onShowIssue(issue)}>
                      {t('programs.editor.issues.connection')}
                    </button>
                  )}
                </li>
              );
            })}
          </ul>
        </section>
      )}

      <div className="form pinspector-form">
        <TextField
          label={t('programs.editor.fields.label')}
          name="label"
          value={node.data.label ?? ''}
          maxLength={120}
          isOptional
          hint={t('programs.editor.fields.labelHint')}
          error={error('label')}
          onChange={(event) => set({ label: optionalText(event.target.value) }, 'label')}
        />
        {node.type === 'start' && <p className="field-hint">{t('programs.editor.inspector.startNote')}</p>}
        {node.type === 'message' && <MessageForm node={node} {...form} />}
        {node.type === 'question' && <QuestionForm node={node} {...form} exactError={exactError} />}
        {node.type === 'condition' && (
          <ConditionEditor
            branches={node.data.branches}
            onChange={(branches) => set({ branches }, 'branches')}
            errorAt={(b, field) => exactError(`branches[${b}].${field}`)}
          />
        )}
        {node.type === 'ai' && <AiForm node={node} {...form} />}
        {node.type === 'wait' && <WaitForm node={node} {...form} />}
        {node.type === 'habit' && <HabitForm node={node} {...form} />}
        {node.type === 'milestone' && <MilestoneForm node={node} {...form} />}
        {node.type === 'set' && <SetForm node={node} {...form} exactError={exactError} />}
        {node.type === 'webhook' && <WebhookForm node={node} {...form} />}
        {node.type === 'handoff' && <HandoffForm node={node} {...form} />}
        {node.type === 'end' && <EndForm node={node} {...form} />}
      </div>
    </div>
  );
}

/** The selected connection: where it goes, and a button to delete it. */
export function EdgeInspector({
  from,
  handle,
  to,
  onDelete,
}: {
  from: string;
  handle: string;
  to: string;
  onDelete: () => void;
}): ReactNode {
  const { t } = useTranslation();
  return (
    <div className="pinspector">
      <header className="pinspector-header">
        <div className="pinspector-heading">
          <h2 className="pinspector-title">{t('programs.editor.inspector.edgeTitle')}</h2>
          <p className="small muted">{t('programs.editor.inspector.edgeFrom', { from, handle, to })}</p>
        </div>
      </header>
      <div>
        <Button variant="secondary" size="sm" icon={<Icon name="trash" size={16} />} onClick={onDelete}>
          {t('programs.editor.edge.delete')}
        </Button>
      </div>
    </div>
  );
}
