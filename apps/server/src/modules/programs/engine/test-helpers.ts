import {
  type ProgramDefinition,
  type ProgramDefinitionInput,
  ProgramDefinitionSchema,
} from '@companero/contracts';
import { compileProgram } from './compile-program.ts';
import { initialState, runStep } from './run-step.ts';
import type {
  CompiledProgram,
  EngineUser,
  EnrollmentState,
  StepEffect,
  StepInput,
  StepKind,
} from './types.ts';

/** Test helpers for the engine (tiny programs written inline). Not used by production code. */

type NodeInput = ProgramDefinitionInput['nodes'][number];
type NodeType = NodeInput['type'];
type DataOf<T extends NodeType> = Extract<NodeInput, { type: T }>['data'];

export const NOW = new Date('2026-03-02T09:00:00Z'); // a Monday, 10:00 in Madrid

export function node<T extends NodeType>(id: string, type: T, data: DataOf<T>): NodeInput {
  return { id, type, data, position: { x: 0, y: 0 } } as NodeInput;
}

/** Edges as `[source, target, handle?]`. */
export function definition(
  nodes: NodeInput[],
  edges: [string, string, string?][],
  variables: ProgramDefinitionInput['variables'] = [],
): ProgramDefinition {
  return ProgramDefinitionSchema.parse({
    nodes,
    edges: edges.map(([source, target, handle], i) => ({
      id: `e${i}`,
      source,
      target,
      ...(handle ? { sourceHandle: handle } : {}),
    })),
    variables,
  });
}

export function program(...args: Parameters<typeof definition>): CompiledProgram {
  return compileProgram(definition(...args));
}

export function user(over: Partial<EngineUser> = {}): EngineUser {
  return {
    name: 'Ana María López',
    language: 'en',
    timeZone: 'Europe/Madrid',
    tags: [],
    sentiment: null,
    ...over,
  };
}

/** A small driver: keeps the state between inputs, the clock and the user. */
export class Driver {
  state: EnrollmentState;
  effects: StepEffect[] = [];
  applied = true;
  now: Date;

  constructor(
    readonly program: CompiledProgram,
    readonly who: EngineUser = user(),
    start: Date = NOW,
    variables: Record<string, string | number | boolean> = {},
  ) {
    this.now = start;
    this.state = initialState(start, variables);
  }

  send(input: StepInput, now: Date = this.now): this {
    this.now = now;
    const res = runStep(this.program, this.state, input, { user: this.who, now });
    this.state = res.state;
    this.effects = res.effects;
    this.applied = res.applied;
    return this;
  }

  start(now?: Date) {
    return this.send({ kind: 'start' }, now);
  }

  reply(text: string, now?: Date) {
    return this.send({ kind: 'reply', text }, now);
  }

  resume(now: Date) {
    return this.send({ kind: 'resume' }, now);
  }

  get texts(): string[] {
    return this.effects.flatMap((e) => (e.type === 'message' ? [e.output.text] : []));
  }

  steps(kind?: StepKind) {
    return this.effects.flatMap((e) =>
      e.type === 'step' && (kind === undefined || e.kind === kind) ? [e] : [],
    );
  }

  /** Node ids entered by the last input. */
  get entered(): string[] {
    return this.steps('entered').map((s) => s.nodeId);
  }

  events(name?: string) {
    return this.effects.flatMap((e) =>
      e.type === 'event' && (name === undefined || e.name === name) ? [e] : [],
    );
  }

  of<T extends StepEffect['type']>(type: T): Extract<StepEffect, { type: T }>[] {
    return this.effects.filter((e): e is Extract<StepEffect, { type: T }> => e.type === type);
  }
}
