import type { ProgramDefinition, SimulationResult, SimulationRun } from '@companero/contracts';
import { type FormEvent, useId, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../../components/ui/alert.tsx';
import { Button } from '../../../components/ui/button.tsx';
import { ChipInput } from '../../../components/ui/chip-input.tsx';
import { Icon } from '../../../components/ui/icons.tsx';
import { SelectField } from '../../../components/ui/select-field.tsx';
import { TextField } from '../../../components/ui/text-field.tsx';
import { TextareaField } from '../../../components/ui/textarea-field.tsx';
import { useFocusFirstInvalid } from '../../../hooks/use-focus-first-invalid.ts';
import { translateError } from '../../../lib/form-errors.ts';
import { useSimulateProgram } from '../api/use-simulate-program.ts';
import { nodeName } from '../utils/node-names.ts';
import {
  browserTimeZone,
  formatDuration,
  formatRealTime,
  isTimeZone,
  parseAnswers,
  zonedTimeToIso,
} from '../utils/simulation.ts';
import { SimulationTranscript, VariablesList } from './simulation-transcript.tsx';

type Mode = 'script' | 'all_branches';
type Sentiment = 'positive' | 'neutral' | 'negative';
type Outcome = SimulationRun['outcome'];

/** The time zones this browser knows, for the field's suggestions (when it can list them). */
const TIME_ZONES: readonly string[] = (() => {
  try {
    return Intl.supportedValuesOf('timeZone');
  } catch {
    return [];
  }
})();

/** What the virtual user was, kept with the result so it reads right after the form changes. */
interface Ran {
  result: SimulationResult;
  mode: Mode;
  userName: string;
  timeZone: string;
  /** The definition that ran, to tell when the draft has changed since. */
  definitionJson: string;
}

/**
 * Runs the program as a virtual user before publishing, on a virtual clock (three weeks
 * of waits pass in milliseconds). "Script" plays the answers given, in order; "Test every
 * branch" tries each branch and lists the steps no run reached. Always runs the
 * definition on screen, saved or not; nothing is stored and no one is messaged.
 */
export function SimulatorPanel({
  programId,
  definition,
  onSelectNode,
}: {
  programId: string;
  definition: ProgramDefinition;
  onSelectNode?: (nodeId: string) => void;
}) {
  const { t } = useTranslation();
  const formRef = useRef<HTMLFormElement>(null);
  const modeHintId = useId();
  const [mode, setMode] = useState<Mode>('script');
  const [answers, setAnswers] = useState('');
  const [userName, setUserName] = useState(() => t('programs.simulator.defaultUserName'));
  const [timeZone, setTimeZone] = useState(browserTimeZone);
  const [tags, setTags] = useState<string[]>([]);
  const [sentiment, setSentiment] = useState<Sentiment>('neutral');
  const [startAt, setStartAt] = useState('');
  const [errors, setErrors] = useState<{ timeZone?: string; startAt?: string }>({});
  const [ran, setRan] = useState<Ran>();
  const definitionJson = useMemo(() => JSON.stringify(definition), [definition]);
  const simulate = useSimulateProgram();
  useFocusFirstInvalid(formRef, errors);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const zone = timeZone.trim() || 'UTC';
    const start = startAt ? zonedTimeToIso(startAt, zone) : undefined;
    const found: typeof errors = {};
    if (!isTimeZone(zone)) found.timeZone = t('programs.simulator.timeZoneInvalid');
    else if (startAt && !start) found.startAt = t('fieldErrors.invalid');
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    const name = userName.trim() || t('programs.simulator.defaultUserName');
    const sent = { mode, userName: name, timeZone: zone, definitionJson };
    simulate.mutate(
      {
        programId,
        body: {
          definition,
          mode,
          answers: parseAnswers(answers),
          user: { name, timeZone: zone, tags, sentiment },
          ...(start ? { startAt: start } : {}),
        },
      },
      { onSuccess: (result) => setRan({ ...sent, result }) },
    );
  }

  return (
    <div className="programs-simulator stack">
      <form ref={formRef} className="form programs-sim-form" onSubmit={onSubmit} noValidate>
        <fieldset className="fieldset programs-sim-mode">
          <legend className="field-label">{t('programs.simulator.mode')}</legend>
          <div className="segmented">
            {(['script', 'all_branches'] as const).map((value) => (
              <label key={value} className="programs-radio">
                <input
                  type="radio"
                  name="mode"
                  value={value}
                  checked={mode === value}
                  aria-describedby={modeHintId}
                  onChange={() => setMode(value)}
                />
                <span>{t(`programs.simulator.modes.${value}`)}</span>
              </label>
            ))}
          </div>
          <p id={modeHintId} className="field-hint">
            {t(`programs.simulator.modeHints.${mode}`)}
          </p>
        </fieldset>
        <TextareaField
          label={t('programs.simulator.answers')}
          name="answers"
          rows={5}
          value={answers}
          onChange={(event) => setAnswers(event.target.value)}
          placeholder={t('programs.simulator.answersPlaceholder')}
          hint={
            mode === 'script'
              ? t('programs.simulator.answersHint')
              : t('programs.simulator.answersHintBranches')
          }
          isOptional
        />
        <div className="programs-sim-grid">
          <TextField
            label={t('programs.simulator.userName')}
            name="userName"
            value={userName}
            maxLength={120}
            autoComplete="off"
            onChange={(event) => setUserName(event.target.value)}
          />
          <TextField
            label={t('programs.simulator.timeZone')}
            name="timeZone"
            value={timeZone}
            list={TIME_ZONES.length > 0 ? `${modeHintId}-zones` : undefined}
            autoComplete="off"
            spellCheck={false}
            onChange={(event) => setTimeZone(event.target.value)}
            error={errors.timeZone}
          />
          <TextField
            label={t('programs.simulator.startAt')}
            name="startAt"
            type="datetime-local"
            value={startAt}
            onChange={(event) => setStartAt(event.target.value)}
            hint={t('programs.simulator.startAtHint')}
            error={errors.startAt}
            isOptional
          />
          <SelectField
            label={t('programs.simulator.sentiment')}
            name="sentiment"
            value={sentiment}
            onChange={(event) => setSentiment(event.target.value as Sentiment)}
            options={(['neutral', 'positive', 'negative'] as const).map((value) => ({
              value,
              label: t(`programs.simulator.sentiments.${value}`),
            }))}
          />
        </div>
        {TIME_ZONES.length > 0 && (
          <datalist id={`${modeHintId}-zones`}>
            {TIME_ZONES.map((zone) => (
              <option key={zone} value={zone} />
            ))}
          </datalist>
        )}
        <ChipInput
          label={t('programs.simulator.tags')}
          name="tags"
          values={tags}
          onChange={setTags}
          maxItems={50}
          maxLength={60}
          isOptional
          hint={t('programs.simulator.tagsHint')}
        />
        {simulate.error && <Alert tone="error">{translateError(t, simulate.error)}</Alert>}
        <div className="form-actions">
          <Button type="submit" isLoading={simulate.isPending} icon={<Icon name="send" size={18} />}>
            {simulate.isPending ? t('programs.simulator.running') : t('programs.simulator.run')}
          </Button>
          <p className="field-hint">{t('programs.simulator.nothingSent')}</p>
        </div>
      </form>
      {ran && (
        <SimulationResults
          ran={ran}
          definition={definition}
          isStale={ran.definitionJson !== definitionJson}
          onSelectNode={onSelectNode}
        />
      )}
    </div>
  );
}

function SimulationResults({
  ran,
  definition,
  isStale,
  onSelectNode,
}: {
  ran: Ran;
  definition: ProgramDefinition;
  isStale: boolean;
  onSelectNode: ((nodeId: string) => void) | undefined;
}) {
  const { t, i18n } = useTranslation();
  const locale = i18n.resolvedLanguage ?? 'en';
  const headingId = useId();
  const { result } = ran;
  const names = new Map(definition.nodes.map((node) => [node.id, nodeName(node)]));
  const nameOf = (nodeId: string | undefined) => (nodeId ? (names.get(nodeId) ?? nodeId) : undefined);
  const errors = result.validation.issues.filter((issue) => issue.severity === 'error');
  const real = formatRealTime(result.durationMs, locale);
  const first = result.runs[0];

  return (
    <section className="programs-sim-results" aria-labelledby={headingId}>
      <h3 id={headingId} className="subsection-title">
        {t('programs.simulator.resultTitle')}
      </h3>
      {isStale && <Alert tone="info">{t('programs.simulator.stale')}</Alert>}
      {errors.length > 0 && (
        <Alert tone="warning" title={t('programs.simulator.issues', { count: errors.length })}>
          <ul className="programs-issues">
            {errors.map((issue, index) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: issues have no id and never reorder
              <li key={index}>
                {issue.nodeId && (
                  <NodeRef nodeId={issue.nodeId} name={nameOf(issue.nodeId) ?? ''} onSelect={onSelectNode} />
                )}
                {issue.nodeId && ': '}
                {issue.message}
              </li>
            ))}
          </ul>
        </Alert>
      )}
      {ran.mode === 'script' && first && (
        <>
          <div className="programs-sim-summary" role="status">
            <OutcomeBadge outcome={first.outcome} />
            <span>
              {t('programs.simulator.elapsed', { virtual: formatDuration(first.elapsedMs, locale), real })}
            </span>
            <span className="muted">{t('programs.simulator.stepsTaken', { count: first.path.length })}</span>
          </div>
          <RunDetails run={first} ran={ran} />
        </>
      )}
      {ran.mode === 'all_branches' && (
        <>
          <div className="programs-sim-summary" role="status">
            <span className="cell-strong">{t('programs.simulator.runs', { count: result.runs.length })}</span>
            <span>{t('programs.simulator.runsIn', { real })}</span>
            {result.unreachedNodeIds.length === 0 ? (
              <span className="badge badge-success">
                <Icon name="check" size={14} />
                {t('programs.simulator.allReached')}
              </span>
            ) : (
              <span className="badge badge-warning">
                {t('programs.simulator.unreachedCount', { count: result.unreachedNodeIds.length })}
              </span>
            )}
          </div>
          {result.unreachedNodeIds.length > 0 && (
            <div className="programs-unreached">
              <h4 className="programs-small-title">{t('programs.simulator.unreachedTitle')}</h4>
              <p className="field-hint">{t('programs.simulator.unreachedHint')}</p>
              <ul className="chip-list programs-unreached-list">
                {result.unreachedNodeIds.map((nodeId) => (
                  <li key={nodeId}>
                    <NodeRef nodeId={nodeId} name={nameOf(nodeId) ?? nodeId} onSelect={onSelectNode} isChip />
                  </li>
                ))}
              </ul>
            </div>
          )}
          {result.runs.length > 0 && (
            <ol className="programs-runs" aria-label={t('programs.simulator.runsLabel')}>
              {result.runs.map((run, index) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: runs have no id; the order is the server's
                <li key={index}>
                  <details className="programs-run">
                    <summary className="programs-run-summary">
                      <Icon name="chevronRight" size={16} className="programs-run-chevron" />
                      <span className="cell-strong">
                        {t('programs.simulator.runNumber', { number: index + 1 })}
                      </span>
                      <OutcomeBadge outcome={run.outcome} />
                      <span className="muted small programs-run-answers">
                        {run.answersUsed && run.answersUsed.length > 0
                          ? t('programs.simulator.answersUsed', { answers: run.answersUsed.join(' · ') })
                          : t('programs.simulator.noAnswersUsed')}
                      </span>
                      <span className="muted small">{formatDuration(run.elapsedMs, locale)}</span>
                    </summary>
                    <RunDetails run={run} ran={ran} />
                  </details>
                </li>
              ))}
            </ol>
          )}
        </>
      )}
    </section>
  );
}

function RunDetails({ run, ran }: { run: SimulationRun; ran: Ran }) {
  const { t } = useTranslation();
  return (
    <div className="programs-run-body">
      <SimulationTranscript run={run} userName={ran.userName} timeZone={ran.timeZone} />
      <div>
        <h4 className="programs-small-title">{t('programs.simulator.variables')}</h4>
        <VariablesList variables={run.variables} />
      </div>
    </div>
  );
}

const OUTCOME_TONES: Record<Outcome, string> = {
  completed: 'badge-success',
  exited: 'badge-muted',
  awaiting_input: 'badge-info',
  step_limit: 'badge-danger',
  handoff: 'badge-warning',
};

export function OutcomeBadge({ outcome }: { outcome: Outcome }) {
  const { t } = useTranslation();
  return (
    <span
      className={`badge ${OUTCOME_TONES[outcome]}`}
      title={t(`programs.simulator.outcomeHints.${outcome}`)}
    >
      {t(`programs.simulator.outcomes.${outcome}`)}
    </span>
  );
}

/** A step by name; a button that shows it in the editor when the editor listens. */
function NodeRef({
  nodeId,
  name,
  onSelect,
  isChip = false,
}: {
  nodeId: string;
  name: string;
  onSelect: ((nodeId: string) => void) | undefined;
  isChip?: boolean;
}) {
  const { t } = useTranslation();
  if (!onSelect) return <span className={isChip ? 'chip' : 'cell-strong'}>{name}</span>;
  return (
    <button
      type="button"
      className={isChip ? 'chip programs-node-chip' : 'link-button'}
      title={t('programs.simulator.showStep')}
      onClick={() => onSelect(nodeId)}
    >
      {name}
    </button>
  );
}
