import {
  type Locale,
  type ProgramDefinition,
  type ProgramNode,
  type ProgramNodeOf,
  type SimulateBodySchema,
  type SimulationResult,
  type SimulationRun,
  validateProgram,
} from '@companero/contracts';
import type { z } from 'zod';
import { parseAnswer, scaleBounds } from './answers.ts';
import { compileProgram } from './compile-program.ts';
import { initialState, runStep } from './run-step.ts';
import { formatLocal, safeTimeZone } from './time.ts';
import type { CompiledProgram, EngineUser, EnrollmentState, StepEffect, StepInput } from './types.ts';

export type SimulateBodyParsed = z.output<typeof SimulateBodySchema>;

export interface SimulateOptions {
  /** Virtual clock start when the body has no `startAt` (default: the real now). */
  now?: Date;
  /** The user's language when the body does not give one (e.g. the program's language). */
  language?: Locale;
  /** all_branches: runs explored (default 200) and runs returned with their transcripts (default 50). */
  maxRuns?: number;
  maxReturnedRuns?: number;
}

type Entry = SimulationRun['transcript'][number];
const MINUTE = 60_000;

/**
 * Walks a program with a virtual clock: each wait jumps the clock to its resume time,
 * each user answer advances it by one minute. `script` mode makes one run with the
 * body's answers (outcome `awaiting_input` when they run out); `all_branches` explores
 * the answers systematically and reports the steps no run reached.
 */
export function simulateProgram(
  def: ProgramDefinition,
  body: SimulateBodyParsed,
  nowOrOptions: Date | SimulateOptions = {},
): SimulationResult {
  const began = performance.now();
  const options: SimulateOptions = nowOrOptions instanceof Date ? { now: nowOrOptions } : nowOrOptions;
  const definition = body.definition ?? def;
  const validation = validateProgram(definition);
  let program: CompiledProgram;
  try {
    program = compileProgram(definition);
  } catch {
    // No start step: nothing to run (validation says why).
    return {
      validation,
      runs: [],
      unreachedNodeIds: body.mode === 'all_branches' ? definition.nodes.map((n) => n.id) : [],
      durationMs: performance.now() - began,
    };
  }
  const startAt = body.startAt ? new Date(body.startAt) : (options.now ?? new Date());
  const settings: RunSettings = {
    program,
    startAt,
    maxSteps: body.maxSteps,
    user: {
      name: body.user.name,
      language: body.user.language ?? options.language ?? 'en',
      timeZone: safeTimeZone(body.user.timeZone),
      tags: body.user.tags,
      sentiment: body.user.sentiment,
    },
  };

  if (body.mode !== 'all_branches') {
    let i = 0;
    const run = simulateRun(settings, () => (i < body.answers.length ? body.answers[i++]! : null));
    return { validation, runs: [run], unreachedNodeIds: [], durationMs: performance.now() - began };
  }

  const { runs, unreachedNodeIds } = exploreBranches(settings, options.maxRuns ?? 200);
  return {
    validation,
    runs: runs.slice(0, options.maxReturnedRuns ?? 50),
    unreachedNodeIds,
    durationMs: performance.now() - began,
  };
}

// --- one run --------------------------------------------------------------------------

interface RunSettings {
  program: CompiledProgram;
  startAt: Date;
  maxSteps: number;
  user: EngineUser;
}

/** Gives the user's next reply at a question or ai step, or null when there is none. */
type AnswerSource = (
  node: ProgramNodeOf<'question'> | ProgramNodeOf<'ai'>,
  state: EnrollmentState,
  now: Date,
) => string | null;

function humanDuration(ms: number): string {
  const units: [number, string][] = [
    [7 * 86_400_000, 'week'],
    [86_400_000, 'day'],
    [3_600_000, 'hour'],
    [MINUTE, 'minute'],
  ];
  const parts: string[] = [];
  let rest = ms;
  for (const [size, name] of units) {
    const n = Math.floor(rest / size);
    if (n > 0 && parts.length < 2) {
      parts.push(`${n} ${name}${n === 1 ? '' : 's'}`);
      rest -= n * size;
    }
  }
  return parts.length ? parts.join(' ') : 'less than a minute';
}

function simulateRun(settings: RunSettings, nextAnswer: AnswerSource): SimulationRun {
  const { program, maxSteps } = settings;
  const user: EngineUser = { ...settings.user, tags: [...settings.user.tags] };
  const tz = user.timeZone;
  let clock = settings.startAt;
  let state = initialState(clock, {}, program);
  const transcript: Entry[] = [];
  const path: string[] = [];
  const answersUsed: string[] = [];
  let steps = 0;
  let exitReason: unknown;

  const note = (nodeId: string | null, text: string) =>
    transcript.push({ at: clock.toISOString(), from: 'system', nodeId, text });

  const record = (effects: readonly StepEffect[]) => {
    for (const e of effects) {
      switch (e.type) {
        case 'message': {
          const media = e.output.media ? `[${e.output.media.kind}: ${e.output.media.url}]` : '';
          const entry: Entry = {
            at: clock.toISOString(),
            from: 'program',
            nodeId: e.output.nodeId,
            text: [e.output.text, media].filter(Boolean).join('\n'),
          };
          if (e.output.quickReplies) entry.quickReplies = e.output.quickReplies.map((q) => q.label);
          transcript.push(entry);
          break;
        }
        case 'step': {
          if (e.kind === 'entered') {
            path.push(e.nodeId);
            steps += 1;
          } else if (e.kind === 'branch') {
            const node = program.nodes.get(e.nodeId);
            const id = e.detail?.branchId;
            const branch =
              node?.type === 'condition' ? node.data.branches.find((b) => b.id === id) : undefined;
            note(
              e.nodeId,
              branch ? `Condition: branch "${branch.label || branch.id}"` : 'Condition: default',
            );
          } else if (e.kind === 'retries_exhausted') {
            note(e.nodeId, 'Retries used up: taking the "invalid" exit');
          } else if (e.kind === 'exited') {
            exitReason = e.detail?.reason;
          }
          break;
        }
        case 'ai_turn':
          note(e.nodeId, `[AI coach replies, goal: ${e.goal}]`);
          break;
        case 'event':
          if (e.name === 'milestone.reached') {
            const { name, points, badge } = e.data as { name: string; points: number; badge: string | null };
            note(
              e.nodeId,
              `Milestone reached: ${name} (+${points} points${badge ? `, badge "${badge}"` : ''})`,
            );
          } else if (e.name === 'habit.assigned') {
            const d = e.data as {
              name: string;
              frequency: string;
              target: number;
              reminderTime: string | null;
            };
            note(
              e.nodeId,
              `Habit assigned: ${d.name} (${d.target}× ${d.frequency}${d.reminderTime ? `, reminder at ${d.reminderTime}` : ''})`,
            );
          } else if (e.name === 'program.completed') {
            note(e.nodeId, 'Program completed');
          } else if (e.name === 'program.exited') {
            const reason = (e.data as { reason?: string }).reason;
            note(e.nodeId, `Program exited${reason ? ` (${reason.replace(/_/g, ' ')})` : ''}`);
          } else if (e.name !== 'program.step_completed') {
            note(e.nodeId, `Event "${e.name}" recorded`);
          }
          break;
        case 'webhook':
          note(e.nodeId, `Webhook: POST ${e.url} (${e.event})`);
          break;
        case 'handoff':
          note(e.nodeId, `Handed off to the coach: ${e.reason}`);
          break;
        case 'tags': {
          const tags = new Set(user.tags);
          for (const t of e.remove) tags.delete(t);
          for (const t of e.add) tags.add(t);
          user.tags = [...tags];
          const changes = [...e.add.map((t) => `+${t}`), ...e.remove.map((t) => `−${t}`)];
          note(null, `Tags: ${changes.join(', ')}`);
          break;
        }
        case 'schedule':
          break;
      }
    }
  };

  const apply = (input: StepInput): boolean => {
    const res = runStep(program, state, input, { user, now: clock });
    record(res.effects);
    state = res.state;
    return res.applied;
  };

  let outcome: SimulationRun['outcome'] | undefined;
  apply({ kind: 'start' });
  while (outcome === undefined) {
    if (state.status === 'completed') outcome = 'completed';
    else if (state.status === 'exited') outcome = exitReason === 'step_limit' ? 'step_limit' : 'exited';
    else if (steps >= maxSteps) outcome = 'step_limit';
    else if (state.status === 'waiting') {
      const due = state.resumeAt ? Date.parse(state.resumeAt) : clock.getTime();
      const waitNode = state.currentNodeId;
      if (due > clock.getTime()) {
        const waited = due - clock.getTime();
        clock = new Date(due);
        note(waitNode, `Waited ${humanDuration(waited)} → ${formatLocal(clock, tz)} (${tz})`);
      }
      steps += 1;
      if (!apply({ kind: 'resume' })) outcome = 'step_limit';
    } else {
      const node = state.currentNodeId === null ? undefined : program.nodes.get(state.currentNodeId);
      if (node?.type !== 'question' && node?.type !== 'ai') {
        outcome = 'exited';
        break;
      }
      const text = nextAnswer(node, state, clock);
      if (text === null) {
        outcome = 'awaiting_input';
        break;
      }
      clock = new Date(clock.getTime() + MINUTE);
      transcript.push({ at: clock.toISOString(), from: 'user', nodeId: node.id, text });
      answersUsed.push(text);
      steps += 1;
      if (!apply({ kind: 'reply', text })) outcome = 'awaiting_input';
    }
  }

  return {
    outcome,
    path,
    transcript,
    variables: state.variables,
    elapsedMs: clock.getTime() - settings.startAt.getTime(),
    answersUsed,
  };
}

// --- all branches -------------------------------------------------------------------

interface Candidate {
  /** Identifies the alternative at its question (e.g. `choice:yes`, `value:7`, `invalid`). */
  key: string;
  text: string;
}

const PLAUSIBLE_TEXT = ['yes', 'Alex', 'alex@example.com', '42', 'https://example.com', 'ok'];

/** Values conditions compare each variable with (to try answers on both sides of a threshold). */
function conditionValues(program: CompiledProgram): Map<string, (string | number)[]> {
  const out = new Map<string, (string | number)[]>();
  for (const node of program.nodes.values()) {
    if (node.type !== 'condition') continue;
    for (const b of node.data.branches) {
      for (const c of b.clauses) {
        if (c.source !== 'variable' || !c.variable) continue;
        const values = Array.isArray(c.value) ? c.value : c.value === undefined ? [] : [c.value];
        const list = out.get(c.variable) ?? [];
        for (const v of values) if (typeof v !== 'boolean') list.push(v);
        out.set(c.variable, list);
      }
    }
  }
  return out;
}

/** The answers worth trying at a question: a plausible default first, then the alternatives. */
function questionCandidates(
  node: ProgramNodeOf<'question'>,
  program: CompiledProgram,
  thresholds: Map<string, (string | number)[]>,
  user: EngineUser,
  now: Date,
): Candidate[] {
  const q = node.data;
  const ctx = { language: user.language, timeZone: user.timeZone, now };
  const valid = (text: string) => parseAnswer(q, text, ctx).ok;
  const out: Candidate[] = [];
  const seen = new Set<string>();
  const add = (key: string, text: string) => {
    if (seen.has(key) || !valid(text)) return;
    seen.add(key);
    out.push({ key, text });
  };
  const compared = thresholds.get(q.variable) ?? [];
  switch (q.answerType) {
    case 'choice':
      for (const c of q.choices ?? []) add(`choice:${c.id}`, c.label);
      break;
    case 'number':
    case 'scale': {
      const isScale = q.answerType === 'scale';
      const { min, max } = isScale ? scaleBounds(q) : { min: q.min, max: q.max };
      const first = isScale ? max : (min ?? (max !== undefined && max < 1 ? max : 1));
      const values: number[] = [first as number];
      if (min !== undefined) values.push(min);
      if (max !== undefined) values.push(max);
      for (const v of compared) {
        const n = typeof v === 'number' ? v : Number(v);
        if (Number.isFinite(n)) values.push(n - 1, n, n + 1);
      }
      for (const v of values) {
        const n = isScale ? Math.round(v) : v;
        add(`value:${n}`, String(n));
      }
      break;
    }
    case 'date':
      add('date:tomorrow', user.language === 'es' ? 'mañana' : 'tomorrow');
      break;
    case 'text': {
      const fallback = PLAUSIBLE_TEXT.find(valid) ?? 'yes';
      out.push({ key: `text:${fallback}`, text: fallback });
      seen.add(`text:${fallback}`);
      for (const v of compared) add(`text:${String(v).toLowerCase()}`, String(v));
      break;
    }
  }
  if (out.length === 0) out.push({ key: 'fallback', text: 'yes' });
  if (program.outgoing.get(node.id)?.has('invalid')) {
    const invalid = ['???', ' ', ''].find((t) => !valid(t));
    if (invalid !== undefined) out.push({ key: 'invalid', text: invalid });
  }
  return out;
}

/**
 * Explores the program's decisions breadth-first. A run follows a policy: the alternative
 * taken at each question (the same one on every visit, so loops such as "no" three days in a
 * row are explored too); questions outside the policy take their default answer. Every new
 * question a run meets spawns one policy per other alternative there. Condition branches are
 * reached through the answers that feed them (number and scale answers around the thresholds
 * conditions test, text answers equal to the values they compare with).
 */
function exploreBranches(settings: RunSettings, maxRuns: number) {
  const { program, user } = settings;
  const thresholds = conditionValues(program);
  const candidateCache = new Map<string, Candidate[]>();
  const candidatesAt = (node: ProgramNodeOf<'question'>, now: Date) => {
    let c = candidateCache.get(node.id);
    if (!c) {
      c = questionCandidates(node, program, thresholds, user, now);
      candidateCache.set(node.id, c);
    }
    return c;
  };
  const aiReply = user.language === 'es' ? 'Tiene sentido, lo intentaré.' : "That makes sense, I'll try it.";

  type Policy = ReadonlyMap<string, number>;
  const policyKey = (p: Policy) =>
    [...p.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([k, v]) => `${k}=${v}`)
      .join('&');
  const queue: Policy[] = [new Map()];
  const queued = new Set<string>([policyKey(queue[0]!)]);
  const runs: SimulationRun[] = [];
  const visited = new Set<string>();

  for (let head = 0; head < queue.length && runs.length < maxRuns; head++) {
    const policy = queue[head]!;
    const met: string[] = [];
    const run = simulateRun(settings, (node: ProgramNode, _state, now) => {
      if (node.type !== 'question') return aiReply;
      const candidates = candidatesAt(node, now);
      const index = policy.get(node.id);
      if (index === undefined && candidates.length > 1 && !met.includes(node.id)) met.push(node.id);
      return candidates[index ?? 0]?.text ?? candidates[0]!.text;
    });
    runs.push(run);
    for (const id of run.path) visited.add(id);
    for (const nodeId of met) {
      const count = candidateCache.get(nodeId)?.length ?? 0;
      for (let i = 1; i < count; i++) {
        const child = new Map(policy).set(nodeId, i);
        const key = policyKey(child);
        if (queued.has(key)) continue;
        queued.add(key);
        queue.push(child);
      }
    }
  }

  const unreachedNodeIds = program.definition.nodes.map((n) => n.id).filter((id) => !visited.has(id));
  return { runs, unreachedNodeIds: [...new Set(unreachedNodeIds)] };
}
