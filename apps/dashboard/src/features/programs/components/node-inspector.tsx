import { type ProgramIssue, type ProgramNodeType, QUESTION_ANSWER_TYPES } from '@companero/contracts';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../../components/ui/button.tsx';
import { ChipInput } from '../../../components/ui/chip-input.tsx';
import { Icon } from '../../../components/ui/icons.tsx';
import { SelectField } from '../../../components/ui/select-field.tsx';
import { TextField } from '../../../components/ui/text-field.tsx';
import { TextareaField } from '../../../components/ui/textarea-field.tsx';
import { useEditorLabels, weekdayNames } from '../hooks/use-editor-labels.ts';
import { fieldKey } from '../utils/issues.ts';
import { type FlowNode, type FlowNodeOf, newId } from '../utils/program-graph.ts';
import { ChoicesEditor } from './choices-editor.tsx';
import { ConditionEditor } from './condition-editor.tsx';
import { INVALID, LooseTextField, NumberField, TemplateField } from './inspector-fields.tsx';
import { NodeTypeIcon } from './node-type-icon.tsx';

type DataOf<T extends ProgramNodeType> = FlowNodeOf<T>['data'];

/** Drops keys set to undefined, so an emptied optional field leaves the data (the schema is strict). */
function clean<T extends object>(data: T): T {
  return Object.fromEntries(Object.entries(data).filter(([, value]) => value !== undefined)) as T;
}

const optionalText = (text: string) => (text === '' ? undefined : text);

interface FormProps<T extends ProgramNodeType> {
  node: FlowNodeOf<T>;
  /** Merges `patch` into the data; `field` names the change so typing in one field is one undo step. */
  set: (patch: Partial<DataOf<T>>, field: string) => void;
  /** The translated error of a field (`prompt`, `choices[1].label`), if it has one. */
  error: (field: string) => string | undefined;
  variables: readonly string[];
}

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

function MessageForm({ node, set, error, variables }: FormProps<'message'>) {
  const { t } = useTranslation();
  const media = node.data.media;
  return (
    <>
      <TemplateField
        label={t('programs.editor.fields.text')}
        name="text"
        value={node.data.text}
        variables={variables}
        rows={5}
        error={error('text')}
        onChange={(text) => set({ text }, 'text')}
      />
      {media ? (
        <fieldset className="fieldset pinspector-card">
          <legend className="field-label">{t('programs.editor.fields.media')}</legend>
          <SelectField
            label={t('programs.editor.fields.mediaKind')}
            name="media-kind"
            value={media.kind}
            options={(['image', 'video', 'audio', 'document'] as const).map((kind) => ({
              value: kind,
              label: t(`programs.editor.media.kinds.${kind}`),
            }))}
            onChange={(event) =>
              set({ media: { ...media, kind: event.target.value as typeof media.kind } }, 'media.kind')
            }
          />
          <TextField
            label={t('programs.editor.fields.mediaUrl')}
            name="media-url"
            type="url"
            value={media.url}
            placeholder="https://"
            maxLength={2048}
            error={error('media')}
            onChange={(event) => set({ media: { ...media, url: event.target.value.trim() } }, 'media.url')}
          />
          <TextField
            label={t('programs.editor.fields.caption')}
            name="media-caption"
            value={media.caption ?? ''}
            maxLength={1024}
            isOptional
            onChange={(event) =>
              set({ media: clean({ ...media, caption: optionalText(event.target.value) }) }, 'media.caption')
            }
          />
          <Button
            variant="ghost"
            size="sm"
            icon={<Icon name="trash" size={16} />}
            onClick={() => set({ media: undefined }, 'media')}
          >
            {t('programs.editor.media.remove')}
          </Button>
        </fieldset>
      ) : (
        <Button
          variant="secondary"
          size="sm"
          icon={<Icon name="plus" size={16} />}
          onClick={() => set({ media: { kind: 'image', url: '' } }, 'media')}
        >
          {t('programs.editor.media.add')}
        </Button>
      )}
    </>
  );
}

function QuestionForm({
  node,
  set,
  error,
  exactError,
  variables,
}: FormProps<'question'> & { exactError: (field: string) => string | undefined }) {
  const { t } = useTranslation();
  const { defaultTexts } = useEditorLabels();
  const d = node.data;
  const isChoice = d.answerType === 'choice';
  /** Back to a choice question: the earlier choices, else a fresh yes / no. */
  const choicesFor = () => {
    if (d.choices && d.choices.length > 0) return d.choices;
    const texts = defaultTexts();
    return [
      { id: newId('c'), label: texts.yes },
      { id: newId('c'), label: texts.no },
    ];
  };
  const isText = d.answerType === 'text';
  const hasBounds = d.answerType === 'number' || d.answerType === 'scale' || isText;
  return (
    <>
      <TemplateField
        label={t('programs.editor.fields.prompt')}
        name="prompt"
        value={d.prompt}
        variables={variables.filter((v) => v !== d.variable)}
        error={error('prompt')}
        onChange={(prompt) => set({ prompt }, 'prompt')}
      />
      <SelectField
        label={t('programs.editor.fields.answerType')}
        name="answerType"
        value={d.answerType}
        options={QUESTION_ANSWER_TYPES.map((type) => ({
          value: type,
          label: t(`programs.editor.answerTypes.${type}`),
        }))}
        onChange={(event) => {
          const answerType = event.target.value as typeof d.answerType;
          set(
            answerType === 'choice'
              ? { answerType, choices: choicesFor(), min: undefined, max: undefined, pattern: undefined }
              : {
                  answerType,
                  choices: undefined,
                  display: undefined,
                  ...(answerType === 'text' ? {} : { pattern: undefined }),
                },
            'answerType',
          );
        }}
      />
      <TextField
        label={t('programs.editor.fields.variable')}
        name="variable"
        value={d.variable}
        maxLength={64}
        spellCheck={false}
        autoCapitalize="off"
        hint={t('programs.editor.fields.variableHint', { example: `{{${d.variable || 'sleep_hours'}}}` })}
        error={error('variable')}
        onChange={(event) => set({ variable: event.target.value.trim() }, 'variable')}
      />
      {isChoice && (
        <>
          <ChoicesEditor
            choices={d.choices ?? []}
            onChange={(choices) => set({ choices }, 'choices')}
            errorAt={(index) =>
              exactError(`choices[${index}].label`) ?? (index === 0 ? exactError('choices') : undefined)
            }
          />
          <SelectField
            label={t('programs.editor.fields.display')}
            name="display"
            value={d.display ?? 'buttons'}
            options={(['buttons', 'list'] as const).map((display) => ({
              value: display,
              label: t(`programs.editor.display.${display}`),
            }))}
            error={error('display')}
            onChange={(event) => set({ display: event.target.value as 'buttons' | 'list' }, 'display')}
          />
        </>
      )}
      {hasBounds && (
        <div className="pinspector-pair">
          <NumberField
            label={isText ? t('programs.editor.fields.minLength') : t('programs.editor.fields.min')}
            name="min"
            value={d.min}
            isInteger={isText}
            isOptional
            placeholder={d.answerType === 'scale' ? '1' : undefined}
            error={error('min')}
            onChange={(min) => set({ min }, 'min')}
          />
          <NumberField
            label={isText ? t('programs.editor.fields.maxLength') : t('programs.editor.fields.max')}
            name="max"
            value={d.max}
            isInteger={isText}
            isOptional
            placeholder={d.answerType === 'scale' ? '10' : undefined}
            error={error('max')}
            onChange={(max) => set({ max }, 'max')}
          />
        </div>
      )}
      {isText && (
        <TextField
          label={t('programs.editor.fields.pattern')}
          name="pattern"
          value={d.pattern ?? ''}
          maxLength={200}
          isOptional
          spellCheck={false}
          className="pinspector-mono"
          error={error('pattern')}
          onChange={(event) => set({ pattern: optionalText(event.target.value) }, 'pattern')}
        />
      )}
      <TemplateField
        label={t('programs.editor.fields.retryMessage')}
        name="retryMessage"
        value={d.retryMessage ?? ''}
        variables={variables}
        rows={2}
        isOptional
        error={error('retryMessage')}
        onChange={(text) => set({ retryMessage: optionalText(text) }, 'retryMessage')}
      />
      <NumberField
        label={t('programs.editor.fields.maxRetries')}
        name="maxRetries"
        value={d.maxRetries}
        min={0}
        max={10}
        isOptional
        placeholder="2"
        hint={t('programs.editor.fields.maxRetriesHint')}
        error={error('maxRetries')}
        onChange={(maxRetries) => set({ maxRetries }, 'maxRetries')}
      />
    </>
  );
}

function AiForm({ node, set, error, variables }: FormProps<'ai'>) {
  const { t } = useTranslation();
  const d = node.data;
  return (
    <>
      <TextareaField
        label={t('programs.editor.fields.goal')}
        name="goal"
        value={d.goal}
        rows={3}
        maxLength={1000}
        error={error('goal')}
        onChange={(event) => set({ goal: event.target.value }, 'goal')}
      />
      <TemplateField
        label={t('programs.editor.fields.opening')}
        name="opening"
        value={d.opening ?? ''}
        variables={variables}
        isOptional
        error={error('opening')}
        onChange={(opening) => set({ opening: optionalText(opening) }, 'opening')}
      />
      <NumberField
        label={t('programs.editor.fields.maxTurns')}
        name="maxTurns"
        value={d.exit.maxTurns}
        min={1}
        max={50}
        error={error('exit')}
        onChange={(maxTurns) =>
          set({ exit: clean({ ...d.exit, maxTurns: maxTurns as number }) }, 'exit.maxTurns')
        }
      />
      <ChipInput
        label={t('programs.editor.fields.keywords')}
        name="keywords"
        values={d.exit.keywords ?? []}
        maxItems={20}
        maxLength={60}
        isOptional
        onChange={(keywords) =>
          set(
            { exit: clean({ ...d.exit, keywords: keywords.length > 0 ? keywords : undefined }) },
            'exit.keywords',
          )
        }
      />
      <ChipInput
        label={t('programs.editor.fields.knowledgeTags')}
        name="knowledgeTags"
        values={d.knowledge?.tags ?? []}
        maxItems={50}
        maxLength={60}
        isOptional
        hint={t('programs.editor.fields.knowledgeHint')}
        onChange={(tags) => {
          const folderIds = d.knowledge?.folderIds ?? [];
          set(
            { knowledge: tags.length > 0 || folderIds.length > 0 ? { folderIds, tags } : undefined },
            'knowledge',
          );
        }}
      />
      <TextField
        label={t('programs.editor.fields.aiVariable')}
        name="variable"
        value={d.variable ?? ''}
        maxLength={64}
        isOptional
        spellCheck={false}
        autoCapitalize="off"
        error={error('variable')}
        onChange={(event) => set({ variable: optionalText(event.target.value.trim()) }, 'variable')}
      />
    </>
  );
}

function WaitForm({ node, set, error }: FormProps<'wait'>) {
  const { t } = useTranslation();
  const { locale } = useEditorLabels();
  const d = node.data;
  return (
    <>
      <SelectField
        label={t('programs.editor.fields.mode')}
        name="mode"
        value={d.mode}
        options={[
          { value: 'duration', label: t('programs.editor.wait.duration') },
          { value: 'until', label: t('programs.editor.wait.until') },
        ]}
        onChange={(event) =>
          set(
            event.target.value === 'until'
              ? { mode: 'until', time: d.time ?? '09:00', amount: undefined, unit: undefined }
              : {
                  mode: 'duration',
                  amount: d.amount ?? 1,
                  unit: d.unit ?? 'days',
                  time: undefined,
                  weekday: undefined,
                },
            'mode',
          )
        }
      />
      {d.mode === 'duration' ? (
        <div className="pinspector-pair">
          <NumberField
            label={t('programs.editor.fields.amount')}
            name="amount"
            value={d.amount}
            min={1}
            max={10_000}
            error={error('amount')}
            onChange={(amount) => set({ amount }, 'amount')}
          />
          <SelectField
            label={t('programs.editor.fields.unit')}
            name="unit"
            value={d.unit ?? 'days'}
            options={(['minutes', 'hours', 'days', 'weeks'] as const).map((unit) => ({
              value: unit,
              label: t(`programs.editor.units.${unit}`),
            }))}
            error={error('unit')}
            onChange={(event) => set({ unit: event.target.value as NonNullable<typeof d.unit> }, 'unit')}
          />
        </div>
      ) : (
        <div className="pinspector-pair">
          <TextField
            label={t('programs.editor.fields.time')}
            name="time"
            type="time"
            value={d.time ?? ''}
            error={error('time')}
            onChange={(event) => set({ time: optionalText(event.target.value) }, 'time')}
          />
          <SelectField
            label={t('programs.editor.fields.weekday')}
            name="weekday"
            value={d.weekday === undefined ? '' : String(d.weekday)}
            options={[
              { value: '', label: t('programs.editor.wait.anyDay') },
              ...weekdayNames(locale).map((name, day) => ({ value: String(day), label: name })),
            ]}
            onChange={(event) =>
              set({ weekday: event.target.value === '' ? undefined : Number(event.target.value) }, 'weekday')
            }
          />
        </div>
      )}
    </>
  );
}

function HabitForm({ node, set, error, variables }: FormProps<'habit'>) {
  const { t } = useTranslation();
  const d = node.data;
  return (
    <>
      <TextField
        label={t('programs.editor.fields.name')}
        name="name"
        value={d.name}
        maxLength={120}
        error={error('name')}
        onChange={(event) => set({ name: event.target.value }, 'name')}
      />
      <div className="pinspector-pair">
        <SelectField
          label={t('programs.editor.fields.frequency')}
          name="frequency"
          value={d.frequency}
          options={(['daily', 'weekly'] as const).map((f) => ({
            value: f,
            label: t(`programs.editor.frequencies.${f}`),
          }))}
          onChange={(event) => set({ frequency: event.target.value as 'daily' | 'weekly' }, 'frequency')}
        />
        <NumberField
          label={t('programs.editor.fields.target')}
          name="target"
          value={d.target}
          min={1}
          max={100}
          error={error('target')}
          onChange={(target) => set({ target: target as number }, 'target')}
        />
      </div>
      <TextField
        label={t('programs.editor.fields.reminderTime')}
        name="reminderTime"
        type="time"
        value={d.reminderTime ?? ''}
        isOptional
        error={error('reminderTime')}
        onChange={(event) => set({ reminderTime: optionalText(event.target.value) }, 'reminderTime')}
      />
      <TemplateField
        label={t('programs.editor.fields.message')}
        name="message"
        value={d.message ?? ''}
        variables={variables}
        isOptional
        onChange={(message) => set({ message: optionalText(message) }, 'message')}
      />
    </>
  );
}

function MilestoneForm({ node, set, error, variables }: FormProps<'milestone'>) {
  const { t } = useTranslation();
  const d = node.data;
  return (
    <>
      <TextField
        label={t('programs.editor.fields.name')}
        name="name"
        value={d.name}
        maxLength={120}
        error={error('name')}
        onChange={(event) => set({ name: event.target.value }, 'name')}
      />
      <div className="pinspector-pair">
        <NumberField
          label={t('programs.editor.fields.points')}
          name="points"
          value={d.points}
          min={0}
          max={100_000}
          error={error('points')}
          onChange={(points) => set({ points: points as number }, 'points')}
        />
        <TextField
          label={t('programs.editor.fields.badge')}
          name="badge"
          value={d.badge ?? ''}
          maxLength={60}
          isOptional
          onChange={(event) => set({ badge: optionalText(event.target.value) }, 'badge')}
        />
      </div>
      <TemplateField
        label={t('programs.editor.fields.message')}
        name="message"
        value={d.message ?? ''}
        variables={variables}
        isOptional
        onChange={(message) => set({ message: optionalText(message) }, 'message')}
      />
    </>
  );
}

function SetForm({
  node,
  set,
  exactError,
}: FormProps<'set'> & { exactError: (field: string) => string | undefined }) {
  const { t } = useTranslation();
  const d = node.data;
  type Assignment = (typeof d.assignments)[number];
  const update = (index: number, assignment: Assignment) =>
    set({ assignments: d.assignments.map((a, i) => (i === index ? assignment : a)) }, `assignments.${index}`);
  return (
    <>
      <fieldset className="fieldset pinspector-list">
        <legend className="field-label">{t('programs.editor.fields.assignments')}</legend>
        <ol className="stack">
          {d.assignments.map((assignment, index) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: assignments have no id; their position is who they are
            <li key={index} className="pinspector-card">
              <div className="pinspector-card-header">
                <span className="pinspector-card-title">
                  {t('programs.editor.set.assignment', { index: index + 1 })}
                </span>
                <button
                  type="button"
                  className="icon-button"
                  aria-label={t('programs.editor.set.remove', { index: index + 1 })}
                  onClick={() =>
                    set({ assignments: d.assignments.filter((_, i) => i !== index) }, 'assignments')
                  }
                >
                  <Icon name="trash" size={16} />
                </button>
              </div>
              <TextField
                label={t('programs.editor.set.variable')}
                name={`assignment-${index}-variable`}
                value={assignment.variable}
                maxLength={64}
                spellCheck={false}
                autoCapitalize="off"
                error={exactError(`assignments[${index}].variable`)}
                onChange={(event) => update(index, { ...assignment, variable: event.target.value.trim() })}
              />
              <div className="pinspector-pair">
                <SelectField
                  label={t('programs.editor.set.op')}
                  name={`assignment-${index}-op`}
                  value={assignment.op}
                  options={(['set', 'increment'] as const).map((op) => ({
                    value: op,
                    label: t(`programs.editor.set.ops.${op}`),
                  }))}
                  onChange={(event) => {
                    const op = event.target.value as 'set' | 'increment';
                    const asNumber = Number(assignment.value);
                    update(index, {
                      ...assignment,
                      op,
                      value:
                        op === 'increment'
                          ? Number.isFinite(asNumber)
                            ? asNumber
                            : 1
                          : String(assignment.value),
                    });
                  }}
                />
                <LooseTextField<Assignment['value']>
                  label={t('programs.editor.set.value')}
                  name={`assignment-${index}-value`}
                  value={assignment.value}
                  format={(value) => String(value)}
                  parse={(text) => {
                    if (assignment.op !== 'increment') return text;
                    const number = Number(text);
                    return text.trim() !== '' && Number.isFinite(number) ? number : INVALID;
                  }}
                  error={exactError(`assignments[${index}].value`)}
                  onChange={(value) => update(index, { ...assignment, value })}
                />
              </div>
            </li>
          ))}
        </ol>
        <Button
          variant="secondary"
          size="sm"
          icon={<Icon name="plus" size={16} />}
          disabled={d.assignments.length >= 50}
          onClick={() =>
            set({ assignments: [...d.assignments, { variable: '', op: 'set', value: '' }] }, 'assignments')
          }
        >
          {t('programs.editor.set.add')}
        </Button>
      </fieldset>
      <ChipInput
        label={t('programs.editor.fields.addTags')}
        name="addTags"
        values={d.addTags}
        maxItems={20}
        maxLength={60}
        isOptional
        onChange={(addTags) => set({ addTags }, 'addTags')}
      />
      <ChipInput
        label={t('programs.editor.fields.removeTags')}
        name="removeTags"
        values={d.removeTags}
        maxItems={20}
        maxLength={60}
        isOptional
        onChange={(removeTags) => set({ removeTags }, 'removeTags')}
      />
    </>
  );
}

function WebhookForm({ node, set, error }: FormProps<'webhook'>) {
  const { t } = useTranslation();
  return (
    <>
      <TextField
        label={t('programs.editor.fields.event')}
        name="event"
        value={node.data.event}
        maxLength={80}
        spellCheck={false}
        autoCapitalize="off"
        hint={t('programs.editor.fields.eventHint')}
        error={error('event')}
        onChange={(event) => set({ event: event.target.value.trim() }, 'event')}
      />
      <TextField
        label={t('programs.editor.fields.url')}
        name="url"
        type="url"
        value={node.data.url ?? ''}
        placeholder="https://"
        maxLength={2048}
        isOptional
        hint={t('programs.editor.fields.urlHint')}
        error={error('url')}
        onChange={(event) => set({ url: optionalText(event.target.value.trim()) }, 'url')}
      />
    </>
  );
}

function HandoffForm({ node, set, error, variables }: FormProps<'handoff'>) {
  const { t } = useTranslation();
  return (
    <>
      <TextareaField
        label={t('programs.editor.fields.reason')}
        name="reason"
        value={node.data.reason}
        rows={3}
        maxLength={500}
        error={error('reason')}
        onChange={(event) => set({ reason: event.target.value }, 'reason')}
      />
      <TemplateField
        label={t('programs.editor.fields.message')}
        name="message"
        value={node.data.message ?? ''}
        variables={variables}
        isOptional
        onChange={(message) => set({ message: optionalText(message) }, 'message')}
      />
    </>
  );
}

function EndForm({ node, set, variables }: FormProps<'end'>) {
  const { t } = useTranslation();
  return (
    <>
      <SelectField
        label={t('programs.editor.fields.outcome')}
        name="outcome"
        value={node.data.outcome}
        options={(['completed', 'exited'] as const).map((outcome) => ({
          value: outcome,
          label: t(`programs.editor.outcomes.${outcome}`),
        }))}
        onChange={(event) => set({ outcome: event.target.value as 'completed' | 'exited' }, 'outcome')}
      />
      <TemplateField
        label={t('programs.editor.fields.message')}
        name="message"
        value={node.data.message ?? ''}
        variables={variables}
        isOptional
        onChange={(message) => set({ message: optionalText(message) }, 'message')}
      />
    </>
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
