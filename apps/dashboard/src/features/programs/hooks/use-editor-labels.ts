import type { ProgramIssue, ProgramNodeType } from '@companero/contracts';
import { useTranslation } from 'react-i18next';
import { fieldKey } from '../utils/issues.ts';
import type { DefaultTexts } from '../utils/node-defaults.ts';
import type { FlowNode, OutHandle } from '../utils/program-graph.ts';

const FIELD_KEYS = new Set([
  'label',
  'text',
  'media',
  'prompt',
  'answerType',
  'variable',
  'choices',
  'display',
  'min',
  'max',
  'pattern',
  'retryMessage',
  'maxRetries',
  'branches',
  'clauses',
  'goal',
  'opening',
  'exit',
  'mode',
  'amount',
  'unit',
  'time',
  'weekday',
  'name',
  'frequency',
  'target',
  'reminderTime',
  'message',
  'points',
  'badge',
  'assignments',
  'addTags',
  'removeTags',
  'event',
  'url',
  'reason',
  'outcome',
  'next',
  'default',
  'invalid',
  'id',
  'sourceHandle',
  'source',
]);

/** Weekday names in the interface language (0 = Sunday), from the browser's own tables. */
export function weekdayNames(locale: string): string[] {
  const format = new Intl.DateTimeFormat(locale, { weekday: 'long', timeZone: 'UTC' });
  // 2023-01-01 was a Sunday.
  return Array.from({ length: 7 }, (_, day) => format.format(new Date(Date.UTC(2023, 0, 1 + day))));
}

/** The editor's words for node types, exits, one-line summaries and problems. */
export function useEditorLabels() {
  const { t, i18n } = useTranslation();
  const locale = i18n.resolvedLanguage ?? 'en';

  const typeLabel = (type: ProgramNodeType) => t(`programs.editor.nodeTypes.${type}`);

  const handleLabel = (node: FlowNode, handle: OutHandle): string => {
    switch (handle.kind) {
      case 'choice':
        return handle.label?.trim() || t('programs.editor.node.handles.choice', { index: handle.index });
      case 'branch':
        return handle.label?.trim() || t('programs.editor.node.handles.branch', { index: handle.index });
      case 'default':
        return t('programs.editor.node.handles.default');
      case 'invalid':
        return t('programs.editor.node.handles.invalid');
      case 'next':
        return node.type === 'ai'
          ? t('programs.editor.node.handles.whenDone')
          : t('programs.editor.node.handles.next');
    }
  };

  const duration = (amount: number | undefined, unit: 'minutes' | 'hours' | 'days' | 'weeks' | undefined) =>
    t(`programs.editor.durations.${unit ?? 'days'}`, { count: amount ?? 1 });

  /** What the step says or does, in one line (the canvas shows it under the step's name). */
  const summary = (node: FlowNode): string => {
    switch (node.type) {
      case 'start':
        return t('programs.editor.node.summary.start');
      case 'message':
        return node.data.text.trim() || node.data.media?.url || t('programs.editor.node.summary.noText');
      case 'question':
        return node.data.prompt.trim() || t('programs.editor.node.summary.noPrompt');
      case 'condition':
        return t('programs.editor.node.summary.branches', { count: node.data.branches.length });
      case 'ai':
        return node.data.goal;
      case 'wait': {
        if (node.data.mode === 'duration')
          return t('programs.editor.node.summary.waitFor', {
            duration: duration(node.data.amount, node.data.unit),
          });
        const time = node.data.time ?? '--:--';
        const weekday = node.data.weekday;
        return weekday === undefined
          ? t('programs.editor.node.summary.waitUntil', { time })
          : t('programs.editor.node.summary.waitUntilDay', { time, weekday: weekdayNames(locale)[weekday] });
      }
      case 'habit':
        return node.data.name;
      case 'milestone':
        return node.data.name;
      case 'set': {
        const parts = [
          node.data.assignments.length > 0 &&
            t('programs.editor.node.summary.assignments', { count: node.data.assignments.length }),
          node.data.addTags.length + node.data.removeTags.length > 0 &&
            t('programs.editor.node.summary.tags', {
              count: node.data.addTags.length + node.data.removeTags.length,
            }),
        ].filter(Boolean);
        return parts.length > 0 ? parts.join(' · ') : t('programs.editor.node.summary.nothingSet');
      }
      case 'webhook':
        return node.data.event;
      case 'handoff':
        return node.data.reason;
      case 'end':
        return node.data.message?.trim() || t(`programs.editor.outcomes.${node.data.outcome}`);
    }
  };

  /** A second, quieter line: the settings that matter at a glance. */
  const details = (node: FlowNode): string | undefined => {
    switch (node.type) {
      case 'question':
        return t('programs.editor.node.summary.question', {
          answerType: t(`programs.editor.answerTypes.${node.data.answerType}`),
          variable: node.data.variable,
        });
      case 'ai':
        return t('programs.editor.node.summary.turns', { count: node.data.exit.maxTurns });
      case 'habit':
        return t('programs.editor.node.summary.habit', {
          frequency: t(`programs.editor.frequencies.${node.data.frequency}`),
          count: node.data.target,
        });
      case 'milestone':
        return t('programs.editor.node.summary.points', { count: node.data.points });
      case 'end':
        return node.data.message?.trim() ? t(`programs.editor.outcomes.${node.data.outcome}`) : undefined;
      default:
        return undefined;
    }
  };

  /** The name of a step in lists: its label, else its type. */
  const stepName = (node: FlowNode | undefined): string =>
    node ? node.data.label?.trim() || typeLabel(node.type) : t('programs.editor.issues.program');

  const fieldLabel = (field: string | undefined): string | undefined => {
    const key = fieldKey(field);
    if (!key) return undefined;
    return FIELD_KEYS.has(key) ? t(`programs.editor.fields.${key}` as 'programs.editor.fields.label') : key;
  };

  const issueText = (issue: Pick<ProgramIssue, 'code'>): string =>
    t(`programs.editor.issues.codes.${issue.code}`);

  const defaultTexts = (): DefaultTexts => {
    const [yes = 'Yes', no = 'No'] = t('programs.editor.defaults.choices').split(/,\s*/);
    return {
      yes,
      no,
      aiGoal: t('programs.editor.defaults.aiGoal'),
      habitName: t('programs.editor.defaults.habitName'),
      milestoneName: t('programs.editor.defaults.milestoneName'),
      handoffReason: t('programs.editor.defaults.handoffReason'),
    };
  };

  return { typeLabel, handleLabel, summary, details, stepName, fieldLabel, issueText, defaultTexts, locale };
}
