import {
  CONDITION_OPERATORS,
  CONDITION_SOURCES,
  type ConditionBranch,
  type ConditionClause,
} from '@companero/contracts';
import { useTranslation } from 'react-i18next';
import { Button } from '../../../components/ui/button.tsx';
import { Icon } from '../../../components/ui/icons.tsx';
import { SelectField } from '../../../components/ui/select-field.tsx';
import { TextField } from '../../../components/ui/text-field.tsx';
import { newId } from '../utils/program-graph.ts';
import { type INVALID, LooseTextField } from './inspector-fields.tsx';

type Source = ConditionClause['source'];
type Op = ConditionClause['op'];

const NUMERIC_OPS: readonly Op[] = ['eq', 'neq', 'gt', 'gte', 'lt', 'lte', 'in'];
const TAG_OPS: readonly Op[] = ['exists', 'not_exists'];
const SENTIMENT_OPS: readonly Op[] = ['eq', 'neq'];
const SENTIMENTS = ['positive', 'neutral', 'negative'] as const;
const NO_VALUE: ReadonlySet<Op> = new Set(['exists', 'not_exists']);

/** A fresh test of `source`, valid as it stands except for what the creator must name. */
function clauseFor(source: Source): ConditionClause {
  switch (source) {
    case 'variable':
      return { source, variable: '', op: 'eq', value: '' };
    case 'tag':
      return { source, op: 'exists', value: '' };
    case 'sentiment':
      return { source, op: 'eq', value: 'negative' };
    case 'time':
      return { source, field: 'weekday', op: 'eq', value: 1 };
  }
}

const formatValue = (value: ConditionClause['value']) =>
  value === undefined ? '' : Array.isArray(value) ? value.join(', ') : String(value);

/** `in` takes a list; comparisons take a number when the text is one; anything else stays text. */
function parseValue(text: string, op: Op, isNumeric: boolean): ConditionClause['value'] | typeof INVALID {
  if (op === 'in') {
    const items = text
      .split(',')
      .map((item) => item.trim())
      .filter(Boolean);
    return items;
  }
  const trimmed = text.trim();
  const asNumber = trimmed === '' ? Number.NaN : Number(trimmed);
  if (isNumeric || op === 'gt' || op === 'gte' || op === 'lt' || op === 'lte')
    return Number.isFinite(asNumber) ? asNumber : trimmed === '' ? undefined : text;
  return text;
}

/**
 * A condition's branches, tried in order: each has a name, how its tests
 * combine (all / any) and its tests (what to check, an operator, a value).
 * Removing a branch removes its connection on the canvas too.
 */
export function ConditionEditor({
  branches,
  onChange,
  errorAt,
}: {
  branches: readonly ConditionBranch[];
  onChange: (branches: ConditionBranch[]) => void;
  /** The error of a field under `data.branches[b]` (`label`, `clauses[c].variable`…), already translated. */
  errorAt: (branch: number, field: string) => string | undefined;
}) {
  const { t } = useTranslation();
  const setBranch = (index: number, branch: ConditionBranch) =>
    onChange(branches.map((b, i) => (i === index ? branch : b)));
  const setClause = (b: number, c: number, clause: ConditionClause) => {
    const branch = branches[b];
    if (branch) setBranch(b, { ...branch, clauses: branch.clauses.map((x, i) => (i === c ? clause : x)) });
  };

  return (
    <fieldset className="fieldset pinspector-list">
      <legend className="field-label">{t('programs.editor.fields.branches')}</legend>
      <p className="field-hint">{t('programs.editor.condition.order')}</p>
      <ol className="stack">
        {branches.map((branch, b) => (
          <li key={branch.id} className="pinspector-card">
            <div className="pinspector-card-header">
              <span className="pinspector-card-title">
                {t('programs.editor.condition.branch', { index: b + 1 })}
              </span>
              {b > 0 && (
                <button
                  type="button"
                  className="icon-button"
                  aria-label={t('programs.editor.condition.moveUp', { index: b + 1 })}
                  onClick={() => {
                    const next = [...branches];
                    const [moved] = next.splice(b, 1);
                    if (moved) next.splice(b - 1, 0, moved);
                    onChange(next);
                  }}
                >
                  <Icon name="chevronDown" size={16} style={{ transform: 'rotate(180deg)' }} />
                </button>
              )}
              <button
                type="button"
                className="icon-button"
                aria-label={t('programs.editor.condition.removeBranch', { index: b + 1 })}
                onClick={() => onChange(branches.filter((_, i) => i !== b))}
              >
                <Icon name="trash" size={16} />
              </button>
            </div>
            <TextField
              label={t('programs.editor.condition.branchName', { index: b + 1 })}
              name={`branch-${branch.id}-label`}
              value={branch.label ?? ''}
              maxLength={120}
              isOptional
              error={errorAt(b, 'label')}
              onChange={(event) =>
                setBranch(b, { ...branch, label: event.target.value === '' ? undefined : event.target.value })
              }
            />
            {branch.clauses.length > 1 && (
              <SelectField
                label={t('programs.editor.condition.match')}
                name={`branch-${branch.id}-match`}
                value={branch.match}
                options={[
                  { value: 'all', label: t('programs.editor.condition.matchAll') },
                  { value: 'any', label: t('programs.editor.condition.matchAny') },
                ]}
                onChange={(event) => setBranch(b, { ...branch, match: event.target.value as 'all' | 'any' })}
              />
            )}
            <ol className="stack">
              {branch.clauses.map((clause, c) => (
                <ClauseRow
                  // biome-ignore lint/suspicious/noArrayIndexKey: tests have no id; their position is who they are
                  key={c}
                  clause={clause}
                  index={c}
                  idPrefix={`branch-${branch.id}-${c}`}
                  canRemove={branch.clauses.length > 1}
                  errorAt={(field) => errorAt(b, `clauses[${c}].${field}`)}
                  onChange={(next) => setClause(b, c, next)}
                  onRemove={() =>
                    setBranch(b, { ...branch, clauses: branch.clauses.filter((_, i) => i !== c) })
                  }
                />
              ))}
            </ol>
            <Button
              variant="ghost"
              size="sm"
              icon={<Icon name="plus" size={16} />}
              disabled={branch.clauses.length >= 20}
              onClick={() => setBranch(b, { ...branch, clauses: [...branch.clauses, clauseFor('variable')] })}
            >
              {t('programs.editor.condition.addTest')}
            </Button>
          </li>
        ))}
      </ol>
      <Button
        variant="secondary"
        size="sm"
        icon={<Icon name="plus" size={16} />}
        disabled={branches.length >= 20}
        onClick={() =>
          onChange([
            ...branches,
            {
              id: newId('b', new Set(branches.map((x) => x.id))),
              match: 'all',
              clauses: [clauseFor('variable')],
            },
          ])
        }
      >
        {t('programs.editor.condition.addBranch')}
      </Button>
    </fieldset>
  );
}

function ClauseRow({
  clause,
  index,
  idPrefix,
  canRemove,
  errorAt,
  onChange,
  onRemove,
}: {
  clause: ConditionClause;
  index: number;
  idPrefix: string;
  canRemove: boolean;
  errorAt: (field: string) => string | undefined;
  onChange: (clause: ConditionClause) => void;
  onRemove: () => void;
}) {
  const { t } = useTranslation();
  const ops =
    clause.source === 'tag'
      ? TAG_OPS
      : clause.source === 'sentiment'
        ? SENTIMENT_OPS
        : clause.source === 'time'
          ? NUMERIC_OPS
          : CONDITION_OPERATORS;
  const opLabel = (op: Op) =>
    clause.source === 'tag' && (op === 'exists' || op === 'not_exists')
      ? t(`programs.editor.condition.tagOps.${op}`)
      : t(`programs.editor.condition.ops.${op}`);

  return (
    <li className="pinspector-clause">
      <div className="pinspector-card-header">
        <span className="small muted">{t('programs.editor.condition.test', { index: index + 1 })}</span>
        {canRemove && (
          <button
            type="button"
            className="icon-button"
            aria-label={t('programs.editor.condition.removeTest', { index: index + 1 })}
            onClick={onRemove}
          >
            <Icon name="close" size={16} />
          </button>
        )}
      </div>
      <SelectField
        label={t('programs.editor.condition.source')}
        name={`${idPrefix}-source`}
        value={clause.source}
        options={CONDITION_SOURCES.map((source) => ({
          value: source,
          label: t(`programs.editor.condition.sources.${source}`),
        }))}
        onChange={(event) => onChange(clauseFor(event.target.value as Source))}
      />
      {clause.source === 'variable' && (
        <TextField
          label={t('programs.editor.condition.variable')}
          name={`${idPrefix}-variable`}
          value={clause.variable ?? ''}
          maxLength={80}
          spellCheck={false}
          error={errorAt('variable')}
          onChange={(event) => onChange({ ...clause, variable: event.target.value.trim() })}
        />
      )}
      {clause.source === 'time' && (
        <SelectField
          label={t('programs.editor.condition.timeField')}
          name={`${idPrefix}-field`}
          value={clause.field ?? 'weekday'}
          options={(['weekday', 'hour', 'days_enrolled'] as const).map((field) => ({
            value: field,
            label: t(`programs.editor.condition.timeFields.${field}`),
          }))}
          onChange={(event) =>
            onChange({ ...clause, field: event.target.value as NonNullable<ConditionClause['field']> })
          }
        />
      )}
      <SelectField
        label={t('programs.editor.condition.op')}
        name={`${idPrefix}-op`}
        value={clause.op}
        options={ops.map((op) => ({ value: op, label: opLabel(op) }))}
        error={errorAt('op')}
        onChange={(event) => {
          const op = event.target.value as Op;
          if (clause.source === 'tag') return onChange({ ...clause, op });
          if (NO_VALUE.has(op)) {
            const { value: _dropped, ...rest } = clause;
            return onChange({ ...rest, op });
          }
          const value = clause.value ?? '';
          const listed =
            op === 'in'
              ? Array.isArray(value)
                ? value
                : formatValue(value)
                  ? [formatValue(value)]
                  : []
              : Array.isArray(value)
                ? value.join(', ')
                : value;
          onChange({ ...clause, op, value: listed });
        }}
      />
      {clause.source === 'sentiment' ? (
        <SelectField
          label={t('programs.editor.condition.value')}
          name={`${idPrefix}-value`}
          value={typeof clause.value === 'string' ? clause.value : 'neutral'}
          options={SENTIMENTS.map((s) => ({
            value: s,
            label: t(`programs.editor.condition.sentiments.${s}`),
          }))}
          onChange={(event) => onChange({ ...clause, value: event.target.value })}
        />
      ) : (
        (clause.source === 'tag' || !NO_VALUE.has(clause.op)) && (
          <LooseTextField<ConditionClause['value']>
            label={t('programs.editor.condition.value')}
            name={`${idPrefix}-value`}
            value={clause.value}
            format={formatValue}
            parse={(text) =>
              clause.source === 'tag' ? text.trim() : parseValue(text, clause.op, clause.source === 'time')
            }
            hint={clause.op === 'in' ? t('programs.editor.condition.listHint') : undefined}
            error={errorAt('value')}
            onChange={(value) => onChange({ ...clause, value })}
          />
        )
      )}
    </li>
  );
}
