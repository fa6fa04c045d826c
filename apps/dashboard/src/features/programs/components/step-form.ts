import type { ProgramNodeType } from '@companero/contracts';
import type { FlowNodeOf } from '../utils/program-graph.ts';

// What every step form of the inspector receives, and two helpers they share.

export type DataOf<T extends ProgramNodeType> = FlowNodeOf<T>['data'];

/** Drops keys set to undefined, so an emptied optional field leaves the data (the schema is strict). */
export function clean<T extends object>(data: T): T {
  return Object.fromEntries(Object.entries(data).filter(([, value]) => value !== undefined)) as T;
}

export const optionalText = (text: string) => (text === '' ? undefined : text);

export interface FormProps<T extends ProgramNodeType> {
  node: FlowNodeOf<T>;
  /** Merges `patch` into the data; `field` names the change so typing in one field is one undo step. */
  set: (patch: Partial<DataOf<T>>, field: string) => void;
  /** The translated error of a field (`prompt`, `choices[1].label`), if it has one. */
  error: (field: string) => string | undefined;
  variables: readonly string[];
}
