import type { ProgramNode, ProgramNodeOf, ProgramOutput, Variables } from '@companero/contracts';
import { defaultRetryMessage, parseAnswer } from './answers.ts';
import { chooseBranch } from './conditions.ts';
import { interpolate, resolveSetValue, toNumber, words } from './text.ts';
import { addLocalDays, nextLocalTime, safeTimeZone } from './time.ts';
import type {
  CompiledProgram,
  EngineUser,
  EnrollmentState,
  StepEffect,
  StepInput,
  StepKind,
  StepResult,
} from './types.ts';

/** Nodes entered by one call before the enrollment is stopped (a loop without a pause). */
export const MAX_NODE_VISITS = 1_000;
/** Invalid replies allowed at a question before its `invalid` edge is taken, when not set. */
export const DEFAULT_MAX_RETRIES = 2;

export interface StepContext {
  user: EngineUser;
  now: Date;
}

/**
 * The state of a new enrollment before its `start` input. The program's declared variable
 * defaults are filled in by `start` (or here when `program` is given); given values win.
 */
export function initialState(
  now: Date,
  variables: Variables = {},
  program?: CompiledProgram,
): EnrollmentState {
  return {
    currentNodeId: null,
    status: 'active',
    variables: program ? withDefaults(program, variables) : { ...variables },
    retries: 0,
    aiTurns: 0,
    resumeAt: null,
    enrolledAt: now.toISOString(),
  };
}

function withDefaults(program: CompiledProgram, variables: Variables): Variables {
  const out: Variables = {};
  for (const v of program.definition.variables ?? []) {
    if (v.default !== undefined) out[v.name] = v.default;
  }
  return { ...out, ...variables };
}

/**
 * Applies one input to an enrollment: pure and deterministic (the clock comes from `ctx`).
 * Returns the next state and the effects for the service (or the simulator) to carry out;
 * `applied: false` (state unchanged, no effects) when the enrollment was not expecting it.
 */
export function runStep(
  program: CompiledProgram,
  state: EnrollmentState,
  input: StepInput,
  ctx: StepContext,
): StepResult {
  const ignored: StepResult = { state, effects: [], applied: false };
  if (state.status === 'completed' || state.status === 'exited') return ignored;
  const run = new Run(program, state, ctx);
  switch (input.kind) {
    case 'start': {
      if (state.currentNodeId !== null || state.status !== 'active') return ignored;
      run.state.variables = withDefaults(program, run.state.variables);
      run.runFrom(program.startNodeId);
      break;
    }
    case 'reply': {
      const node = state.currentNodeId === null ? undefined : program.nodes.get(state.currentNodeId);
      if (state.status !== 'active' || !node) return ignored;
      if (node.type === 'question') run.answer(node, input.text);
      else if (node.type === 'ai') run.aiReply(node, input.text);
      else return ignored;
      break;
    }
    case 'resume': {
      const node = state.currentNodeId === null ? undefined : program.nodes.get(state.currentNodeId);
      if (state.status !== 'waiting' || node?.type !== 'wait') return ignored;
      const due = state.resumeAt === null ? Number.NaN : Date.parse(state.resumeAt);
      if (!(ctx.now.getTime() >= due)) return ignored;
      run.resume(node);
      break;
    }
    default:
      return ignored;
  }
  return { state: run.state, effects: run.effects, applied: true };
}

/** One call's working copy of the state and the effects produced so far. */
class Run {
  readonly state: EnrollmentState;
  readonly effects: StepEffect[] = [];
  /** The user's tags as changed by set steps in this call (for conditions later in the call). */
  private readonly tags: Set<string>;
  private visits = 0;

  constructor(
    private readonly program: CompiledProgram,
    state: EnrollmentState,
    private readonly ctx: StepContext,
  ) {
    this.state = { ...state, variables: { ...state.variables } };
    this.tags = new Set(ctx.user.tags);
  }

  private get language() {
    return this.ctx.user.language === 'es' ? 'es' : 'en';
  }

  private text(template: string): string {
    return interpolate(template, this.state.variables, this.ctx.user);
  }

  private step(node: ProgramNode, kind: StepKind, detail?: Record<string, unknown>) {
    this.effects.push(
      detail === undefined
        ? { type: 'step', nodeId: node.id, nodeType: node.type, kind }
        : { type: 'step', nodeId: node.id, nodeType: node.type, kind, detail },
    );
  }

  private event(name: string, nodeId: string | null, data: Record<string, unknown>) {
    this.effects.push({ type: 'event', name, nodeId, data });
  }

  private say(
    node: ProgramNode,
    template: string | undefined,
    extra: Omit<ProgramOutput, 'nodeId' | 'text'> = {},
  ) {
    const text = template === undefined ? '' : this.text(template);
    if (!text.trim() && !extra.media) return;
    this.effects.push({ type: 'message', output: { nodeId: node.id, text, ...extra } });
  }

  private ask(node: ProgramNodeOf<'question'>) {
    const q = node.data;
    const quickReplies =
      q.answerType === 'choice' && q.choices?.length
        ? q.choices.map((c) => ({ id: c.id, label: c.label }))
        : undefined;
    this.say(node, q.prompt, quickReplies ? { quickReplies } : {});
  }

  /** Enters nodes from `nodeId` until one needs the user or the clock, or the program ends. */
  runFrom(nodeId: string | null) {
    let id = nodeId;
    while (id !== null) {
      const node = this.program.nodes.get(id);
      if (!node) return; // edges to unknown nodes are dropped when compiling
      this.visits += 1;
      if (this.visits > MAX_NODE_VISITS) {
        this.exit(node, { reason: 'step_limit' });
        return;
      }
      id = this.enter(node);
    }
  }

  /** The target of a node's edge through `handle` (or `fallback`); exits the enrollment when there is none. */
  private follow(node: ProgramNode, handle: string, fallback?: string): string | null {
    const edges = this.program.outgoing.get(node.id);
    const edge = edges?.get(handle) ?? (fallback === undefined ? undefined : edges?.get(fallback));
    if (!edge) {
      this.exit(node, { reason: 'missing_edge', nodeId: node.id, handle });
      return null;
    }
    return edge.target;
  }

  /** Stops the enrollment (a broken or runaway program). */
  private exit(node: ProgramNode, detail: Record<string, unknown>) {
    this.finish(node, 'exited', detail);
  }

  private finish(node: ProgramNode, outcome: 'completed' | 'exited', detail?: Record<string, unknown>) {
    Object.assign(this.state, {
      currentNodeId: null,
      status: outcome,
      retries: 0,
      aiTurns: 0,
      resumeAt: null,
    } satisfies Partial<EnrollmentState>);
    this.step(node, outcome, detail);
    this.event(outcome === 'completed' ? 'program.completed' : 'program.exited', node.id, {
      ...(detail ?? {}),
      outcome,
    });
  }

  /** Runs a node; returns the next node to enter, or null to stop here. */
  private enter(node: ProgramNode): string | null {
    Object.assign(this.state, {
      currentNodeId: node.id,
      status: 'active',
      retries: 0,
      aiTurns: 0,
      resumeAt: null,
    } satisfies Partial<EnrollmentState>);
    this.step(node, 'entered');
    switch (node.type) {
      case 'start':
        return this.follow(node, 'next');
      case 'message':
        this.say(node, node.data.text, node.data.media ? { media: node.data.media } : {});
        return this.follow(node, 'next');
      case 'question':
        this.ask(node);
        return null;
      case 'ai':
        this.say(node, node.data.opening);
        return null;
      case 'condition': {
        const branch = chooseBranch(node.data.branches, {
          variables: this.state.variables,
          user: this.ctx.user,
          tags: this.tags,
          now: this.ctx.now,
          enrolledAt: this.state.enrolledAt,
        });
        this.step(node, 'branch', { branchId: branch?.id ?? 'default' });
        return this.follow(node, branch ? `branch:${branch.id}` : 'default');
      }
      case 'wait':
        this.wait(node);
        return null;
      case 'habit': {
        const d = node.data;
        this.event('habit.assigned', node.id, {
          name: this.text(d.name),
          frequency: d.frequency,
          target: d.target ?? 1,
          reminderTime: d.reminderTime ?? null,
        });
        this.say(node, d.message);
        return this.follow(node, 'next');
      }
      case 'milestone': {
        const d = node.data;
        this.event('milestone.reached', node.id, {
          name: this.text(d.name),
          points: d.points ?? 0,
          badge: d.badge ?? null,
        });
        this.say(node, d.message);
        return this.follow(node, 'next');
      }
      case 'set':
        this.set(node);
        return this.follow(node, 'next');
      case 'webhook': {
        const data = { variables: { ...this.state.variables } };
        this.event(node.data.event, node.id, data);
        if (node.data.url) {
          this.effects.push({
            type: 'webhook',
            url: node.data.url,
            event: node.data.event,
            nodeId: node.id,
            data,
          });
        }
        return this.follow(node, 'next');
      }
      case 'handoff':
        this.say(node, node.data.message);
        this.effects.push({ type: 'handoff', nodeId: node.id, reason: this.text(node.data.reason) });
        return this.follow(node, 'next');
      case 'end': {
        const outcome = node.data.outcome ?? 'completed';
        this.say(node, node.data.message);
        this.finish(node, outcome, outcome === 'exited' ? { reason: 'end' } : undefined);
        return null;
      }
    }
  }

  private wait(node: ProgramNodeOf<'wait'>) {
    const d = node.data;
    const tz = safeTimeZone(this.ctx.user.timeZone);
    const now = this.ctx.now;
    let resumeAt: Date;
    if (d.mode === 'until') {
      resumeAt = nextLocalTime(now, d.time ?? '09:00', d.weekday, tz);
    } else {
      const amount = d.amount ?? 1;
      switch (d.unit ?? 'days') {
        case 'minutes':
          resumeAt = new Date(now.getTime() + amount * 60_000);
          break;
        case 'hours':
          resumeAt = new Date(now.getTime() + amount * 3_600_000);
          break;
        case 'days':
          resumeAt = addLocalDays(now, amount, tz);
          break;
        case 'weeks':
          resumeAt = addLocalDays(now, amount * 7, tz);
          break;
      }
    }
    const iso = resumeAt.toISOString();
    this.state.status = 'waiting';
    this.state.resumeAt = iso;
    this.effects.push({ type: 'schedule', resumeAt: iso, nodeId: node.id });
    this.step(node, 'waiting', { resumeAt: iso });
  }

  resume(node: ProgramNodeOf<'wait'>) {
    this.step(node, 'resumed', { resumeAt: this.state.resumeAt });
    this.state.status = 'active';
    this.state.resumeAt = null;
    this.runFrom(this.follow(node, 'next'));
  }

  private set(node: ProgramNodeOf<'set'>) {
    const d = node.data;
    const vars = this.state.variables;
    for (const a of d.assignments ?? []) {
      const value = resolveSetValue(a.value, vars, this.ctx.user);
      if ((a.op ?? 'set') === 'increment') {
        vars[a.variable] = (toNumber(vars[a.variable]) ?? 0) + (toNumber(value) ?? 0);
      } else {
        vars[a.variable] = value;
      }
    }
    const names = (list: readonly string[] | undefined) => [
      ...new Set((list ?? []).map((t) => this.text(t).trim()).filter(Boolean)),
    ];
    const add = names(d.addTags);
    const remove = names(d.removeTags);
    if (add.length || remove.length) {
      for (const t of remove) this.tags.delete(t);
      for (const t of add) this.tags.add(t);
      this.effects.push({ type: 'tags', add, remove });
    }
  }

  answer(node: ProgramNodeOf<'question'>, text: string) {
    const q = node.data;
    const parsed = parseAnswer(q, text, {
      language: this.language,
      timeZone: safeTimeZone(this.ctx.user.timeZone),
      now: this.ctx.now,
    });
    if (parsed.ok) {
      this.state.variables[q.variable] = parsed.value;
      this.state.retries = 0;
      this.step(
        node,
        'answered',
        parsed.choiceId ? { answer: parsed.value, choiceId: parsed.choiceId } : { answer: parsed.value },
      );
      this.event('program.step_completed', node.id, { nodeId: node.id, nodeType: node.type });
      const handle = parsed.choiceId ? `choice:${parsed.choiceId}` : 'next';
      this.runFrom(this.follow(node, handle, 'next'));
      return;
    }
    this.state.retries += 1;
    const maxRetries = q.maxRetries ?? DEFAULT_MAX_RETRIES;
    if (this.state.retries > maxRetries && this.program.outgoing.get(node.id)?.has('invalid')) {
      this.step(node, 'retries_exhausted', { text, retries: this.state.retries });
      this.state.retries = 0;
      this.runFrom(this.follow(node, 'invalid'));
      return;
    }
    this.step(node, 'invalid_answer', { text, reason: parsed.reason, retries: this.state.retries });
    this.say(node, q.retryMessage ?? defaultRetryMessage(q, this.language));
    this.ask(node);
  }

  aiReply(node: ProgramNodeOf<'ai'>, text: string) {
    const d = node.data;
    this.state.aiTurns += 1;
    const keyword = matchKeyword(text, d.exit.keywords ?? []);
    if (keyword !== null || this.state.aiTurns >= d.exit.maxTurns) {
      if (d.variable) this.state.variables[d.variable] = text;
      this.step(node, 'ai_exit', {
        turns: this.state.aiTurns,
        reason: keyword !== null ? 'keyword' : 'max_turns',
        ...(keyword !== null ? { keyword } : {}),
      });
      this.event('program.step_completed', node.id, { nodeId: node.id, nodeType: node.type });
      this.state.aiTurns = 0;
      this.runFrom(this.follow(node, 'next'));
      return;
    }
    this.effects.push({
      type: 'ai_turn',
      nodeId: node.id,
      goal: this.text(d.goal),
      knowledge: { folderIds: d.knowledge?.folderIds ?? [], tags: d.knowledge?.tags ?? [] },
      text,
    });
    this.step(node, 'ai_turn', { turn: this.state.aiTurns });
  }
}

/** The first keyword whose words appear, in order and adjacent, among the text's words (case/accent-insensitive). */
export function matchKeyword(text: string, keywords: readonly string[]): string | null {
  const said = words(text);
  for (const k of keywords) {
    const kw = words(k);
    if (kw.length === 0) continue;
    for (let i = 0; i + kw.length <= said.length; i++) {
      if (kw.every((w, j) => said[i + j] === w)) return k;
    }
  }
  return null;
}
