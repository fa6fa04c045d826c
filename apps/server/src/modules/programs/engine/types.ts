import type {
  EnrollmentStatus,
  Locale,
  ProgramDefinition,
  ProgramEdge,
  ProgramNode,
  ProgramNodeType,
  ProgramOutput,
  Variables,
} from '@companero/contracts';

/**
 * The program engine is a pure interpreter: given a compiled program, an
 * enrollment's state, one input and the clock, it returns the next state and
 * the effects to carry out. The service persists the state and performs the
 * effects inside one tenant transaction (so a step is all-or-nothing); the
 * simulator performs them in memory with a virtual clock.
 */

/** A program definition indexed for execution (built once per published version). */
export interface CompiledProgram {
  definition: ProgramDefinition;
  nodes: ReadonlyMap<string, ProgramNode>;
  startNodeId: string;
  /** Outgoing edges by source node id, then by handle (`next`, `invalid`, `choice:<id>`, `branch:<id>`, `default`). */
  outgoing: ReadonlyMap<string, ReadonlyMap<string, ProgramEdge>>;
  /** 0..100 per node: how far along a user at this node is (shortest path from start vs. to an end). */
  progress: ReadonlyMap<string, number>;
}

/** What the engine remembers about one user's walk through one program version. */
export interface EnrollmentState {
  /** null once completed/exited. */
  currentNodeId: string | null;
  /** active: waiting for the user's reply (question / ai step); waiting: on a wait step until resumeAt. */
  status: EnrollmentStatus;
  variables: Variables;
  /** Invalid replies given at the current question. */
  retries: number;
  /** User turns taken at the current ai step. */
  aiTurns: number;
  /** ISO time a wait step resumes (status waiting). */
  resumeAt: string | null;
  /** ISO time of enrollment (for `days_enrolled` conditions). */
  enrolledAt: string;
}

/** Facts about the end user the engine may read (conditions, `{{user.*}}` variables, local time). */
export interface EngineUser {
  name: string | null;
  language: Locale;
  timeZone: string;
  tags: readonly string[];
  /** Sentiment of the user's latest message, when known. */
  sentiment: 'positive' | 'neutral' | 'negative' | null;
}

export type StepInput =
  /** Enter the start node and run until the program needs the user or the clock. */
  | { kind: 'start' }
  /** The user said something (answer to a question, a turn of an ai step). */
  | { kind: 'reply'; text: string }
  /** A wait step's time has come (the worker's scheduled job). */
  | { kind: 'resume' };

export type StepEffect =
  /** Say this to the user (in order). */
  | { type: 'message'; output: ProgramOutput }
  /** A history entry for the enrollment (transcript, funnel, drop-off). */
  | {
      type: 'step';
      nodeId: string;
      nodeType: ProgramNodeType;
      kind: StepKind;
      detail?: Record<string, unknown>;
    }
  /** Resume the enrollment at this time (a wait step). */
  | { type: 'schedule'; resumeAt: string; nodeId: string }
  /** Change the end user's tags. */
  | { type: 'tags'; add: string[]; remove: string[] }
  /**
   * Something happened that other modules consume: `program.enrolled`, `program.step_completed`,
   * `program.completed`, `program.exited`, `milestone.reached` (points/badge, for gamification),
   * `habit.assigned`, and custom events from webhook steps.
   */
  | { type: 'event'; name: string; nodeId: string | null; data: Record<string, unknown> }
  /** POST the event to this URL (from the worker). */
  | { type: 'webhook'; url: string; event: string; nodeId: string; data: Record<string, unknown> }
  /** Hand the conversation to the creator. */
  | { type: 'handoff'; nodeId: string; reason: string }
  /**
   * The user spoke during an ai step that is not over: the AI coach answers them,
   * pursuing this goal with this knowledge as context.
   */
  | {
      type: 'ai_turn';
      nodeId: string;
      goal: string;
      knowledge: { folderIds: string[]; tags: string[] };
      text: string;
    };

export type StepKind =
  | 'entered'
  | 'answered'
  | 'invalid_answer'
  | 'retries_exhausted'
  | 'branch'
  | 'waiting'
  | 'resumed'
  | 'ai_turn'
  | 'ai_exit'
  | 'completed'
  | 'exited';

export interface StepResult {
  state: EnrollmentState;
  effects: StepEffect[];
  /** false when the input did not apply (e.g. a reply while on a wait step, a resume that is not due). */
  applied: boolean;
}
