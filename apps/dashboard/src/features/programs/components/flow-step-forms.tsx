import { useTranslation } from 'react-i18next';
import { Button } from '../../../components/ui/button.tsx';
import { ChipInput } from '../../../components/ui/chip-input.tsx';
import { Icon } from '../../../components/ui/icons.tsx';
import { SelectField } from '../../../components/ui/select-field.tsx';
import { TextField } from '../../../components/ui/text-field.tsx';
import { useEditorLabels, weekdayNames } from '../hooks/use-editor-labels.ts';
import { INVALID, LooseTextField, NumberField, TemplateField } from './inspector-fields.tsx';
import { type FormProps, optionalText } from './step-form.ts';

// Inspector forms of the steps that shape the flow: wait, habit, milestone, set data, event.

export function WaitForm({ node, set, error }: FormProps<'wait'>) {
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

export function HabitForm({ node, set, error, variables }: FormProps<'habit'>) {
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

export function MilestoneForm({ node, set, error, variables }: FormProps<'milestone'>) {
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

export function SetForm({
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

export function WebhookForm({ node, set, error }: FormProps<'webhook'>) {
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
