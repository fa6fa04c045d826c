import type { ProgramNodeOf, ProgramNodeType } from '@companero/contracts';
import { type FlowNode, newId } from './program-graph.ts';

/** Words a new step starts with, in the creator's language. */
export interface DefaultTexts {
  yes: string;
  no: string;
  aiGoal: string;
  habitName: string;
  milestoneName: string;
  handoffReason: string;
}

type DataOf<T extends ProgramNodeType> = ProgramNodeOf<T>['data'];

/** `answer`, then `answer_2`, `answer_3`… whichever is free. */
export function freeVariable(base: string, taken: ReadonlySet<string>): string {
  if (!taken.has(base)) return base;
  for (let i = 2; ; i++) if (!taken.has(`${base}_${i}`)) return `${base}_${i}`;
}

/**
 * Data for a new step. Required fields get a value the contracts accept, so
 * the draft can be saved at once; what the creator still has to write (a
 * message's text, a question's prompt) starts empty and the live validation
 * points at it.
 */
export function defaultNodeData<T extends ProgramNodeType>(
  type: T,
  texts: DefaultTexts,
  takenVariables: ReadonlySet<string>,
): DataOf<T> {
  const byType: { [K in ProgramNodeType]: () => DataOf<K> } = {
    start: () => ({}),
    message: () => ({ text: '' }),
    question: () => ({
      prompt: '',
      answerType: 'choice',
      variable: freeVariable('answer', takenVariables),
      choices: [
        { id: newId('c'), label: texts.yes },
        { id: newId('c'), label: texts.no },
      ],
      display: 'buttons',
    }),
    condition: () => ({
      branches: [
        {
          id: newId('b'),
          match: 'all',
          clauses: [{ source: 'variable', variable: '', op: 'eq', value: '' }],
        },
      ],
    }),
    ai: () => ({ goal: texts.aiGoal, exit: { maxTurns: 6 } }),
    wait: () => ({ mode: 'duration', amount: 1, unit: 'days' }),
    habit: () => ({ name: texts.habitName, frequency: 'daily', target: 1 }),
    milestone: () => ({ name: texts.milestoneName, points: 10 }),
    set: () => ({ assignments: [], addTags: [], removeTags: [] }),
    webhook: () => ({ event: 'step_completed' }),
    handoff: () => ({ reason: texts.handoffReason }),
    end: () => ({ outcome: 'completed' }),
  };
  return byType[type]() as DataOf<T>;
}

export function createNode(
  type: ProgramNodeType,
  position: { x: number; y: number },
  texts: DefaultTexts,
  taken: { ids: ReadonlySet<string>; variables: ReadonlySet<string> },
): FlowNode {
  return {
    id: newId(type, taken.ids),
    type,
    position,
    data: defaultNodeData(type, texts, taken.variables),
    selected: true,
  } as FlowNode;
}
