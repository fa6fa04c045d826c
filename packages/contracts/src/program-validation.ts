import type {
  ConditionBranch,
  ProgramDefinition,
  ProgramIssue,
  ProgramNode,
  ProgramNodeOf,
  ProgramValidation,
} from './programs.ts';

/**
 * Semantic validation of a program definition, shared by the server (save,
 * publish, simulate) and the editor (live highlighting). Zod checks shapes;
 * this checks what a schema cannot: the graph (one start, handles, reachable
 * steps, a way to an end, no loop that never waits for the user), the fields
 * that depend on each other, variables set before they are used, and channel
 * limits (WhatsApp). Pure and dependency-free (runs in the browser). Graph
 * checks are linear (adjacency arrays, iterative Tarjan); the variable data flow
 * is one bitset of the referenced variables per step. A 1,000-step program
 * validates in about 1 ms, a 5,000-step one in about 6 ms (bench/programs).
 *
 * Decisions worth knowing (see also the issue codes in programs.ts):
 * - An edge into the start step is reported as `unknown_handle` (field
 *   `target`, nodeId = the start step): the start step has no input handle.
 * - A condition without a `default` edge whose branches are not provably
 *   exhaustive is reported as `condition_not_exhaustive` (not `missing_edge`);
 *   a branch without an edge is `missing_edge` (field `data.branches[i]`).
 * - Duplicate choice and branch ids are `duplicate_id` (with the field).
 * - Edges that are reported (dangling, unknown handle, out of an end, into the
 *   start, the second edge on a handle) are left out of the graph checks, as
 *   the engine never follows them; steps that already have a `missing_edge` /
 *   `condition_not_exhaustive` issue count as dead ends already reported, so
 *   `no_path_to_end` flags only steps that can never reach an end otherwise
 *   (e.g. a loop with no exit).
 * - Text `pattern`s are compiled as `new RegExp(pattern)` (no flags).
 * - `exists` / `not_exists` tests may read a variable that is not set yet
 *   (that is what they test); every other reference must be set on every path.
 * - A question sets its variable on every exit but `invalid`; a set step's
 *   assignments run in order (a value may use the one assigned before it).
 */

// --- WhatsApp limits (Cloud API interactive messages) -------------------------------

/** Reply buttons per interactive message. */
export const WHATSAPP_MAX_BUTTONS = 3;
/** Rows in an interactive list message. */
export const WHATSAPP_MAX_LIST_ROWS = 10;
/** Characters in a reply button title. */
export const WHATSAPP_BUTTON_TITLE_MAX = 20;
/** Characters in a list row title. */
export const WHATSAPP_LIST_ROW_TITLE_MAX = 24;
/** Characters in a text message. */
export const WHATSAPP_TEXT_MAX = 4096;
/** Characters in a media caption. */
export const WHATSAPP_CAPTION_MAX = 1024;
/** Characters in the body of an interactive (buttons / list) message: a choice question's prompt. */
export const WHATSAPP_INTERACTIVE_BODY_MAX = 1024;

/** Built-in variables, always set (`{{user.firstName}}`). */
export const BUILTIN_PROGRAM_VARIABLES = [
  'user.name',
  'user.firstName',
  'user.language',
  'user.timeZone',
] as const;

type IssueCode = ProgramIssue['code'];
type Severity = ProgramIssue['severity'];
interface Where {
  nodeId?: string;
  edgeId?: string;
  field?: string;
}

const BUILTINS: ReadonlySet<string> = new Set(BUILTIN_PROGRAM_VARIABLES);
/** Steps that wait for the user or the clock: a loop through one of them is fine. */
const PAUSE_TYPES: ReadonlySet<string> = new Set(['wait', 'question', 'ai']);
/** The schema's default channels, for definitions that did not go through it. */
const DEFAULT_CHANNELS = ['web', 'whatsapp', 'mobile'] as const;
const VARIABLE_NAME_RE = /^[a-z][a-z0-9_]*$/;
const USER_VARIABLE_RE = /^user\.[A-Za-z0-9_]+$/;
const TEMPLATE_RE = /\{\{\s*([^{}]*?)\s*\}\}/g;
const NO_NAMES: readonly string[] = [];

/** Edges kept for the graph checks, in compressed adjacency form (CSR). */
interface Graph {
  /** Outgoing edges of node v: positions outOff[v] .. outOff[v + 1] - 1. */
  outOff: Int32Array;
  outSrc: Int32Array;
  outTgt: Int32Array;
  outHandle: string[];
  /** Incoming edges of node v: inPos[inOff[v] .. inOff[v + 1] - 1] are positions in the out arrays. */
  inOff: Int32Array;
  inPos: Int32Array;
}

const at = (nodeId: string, field: string): Where => ({ nodeId, field });

interface Context {
  nodes: readonly ProgramNode[];
  report: (code: IssueCode, message: string, where?: Where, severity?: Severity) => void;
}

export function validateProgram(definition: ProgramDefinition): ProgramValidation {
  const issues: ProgramIssue[] = [];
  const report = (code: IssueCode, message: string, where: Where = {}, severity: Severity = 'error') => {
    const issue: ProgramIssue = { code, severity, message };
    if (where.nodeId !== undefined) issue.nodeId = where.nodeId;
    if (where.edgeId !== undefined) issue.edgeId = where.edgeId;
    if (where.field !== undefined) issue.field = where.field;
    issues.push(issue);
  };
  const nodes = definition.nodes ?? [];
  const ctx: Context = { nodes, report };
  const n = nodes.length;

  // 1. Node ids and the start step. Only the first node with an id takes part in the graph.
  const indexById = new Map<string, number>();
  const live = new Uint8Array(n);
  const starts: number[] = [];
  for (let i = 0; i < n; i++) {
    const node = nodes[i]!;
    if (indexById.has(node.id)) {
      report('duplicate_id', `Another step already has the id "${node.id}".`, {
        nodeId: node.id,
        field: 'id',
      });
      continue;
    }
    indexById.set(node.id, i);
    live[i] = 1;
    if (node.type === 'start') {
      if (starts.length > 0)
        report(
          'multiple_starts',
          `A program has exactly one start step; "${nodes[starts[0]!]!.id}" is already the start.`,
          { nodeId: node.id },
        );
      starts.push(i);
    }
  }
  if (starts.length === 0) report('no_start', 'The program has no start step: add one.');

  // 2. Edges: dangling, handles, duplicates; the rest forms the graph.
  const graph = buildGraph(ctx, definition.edges ?? [], indexById);

  // 3. Variables: who uses and who sets what (for exhaustive conditions and the data flow).
  const refs = collectReferences(nodes, live);
  const vars = collectVariables(nodes, live, definition.variables ?? [], refs.used, report);

  // 4. Each step: its exits, its fields, channel limits.
  const channels: readonly string[] = definition.channels ?? DEFAULT_CHANNELS;
  const whatsapp = channels.includes('whatsapp');
  const deadEnd = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    if (live[i] && checkExits(ctx, graph, i, vars.choiceValues)) deadEnd[i] = 1;
    checkFields(ctx, nodes[i]!);
    if (whatsapp) checkWhatsApp(ctx, nodes[i]!);
  }

  // 5. Reachability from the start, and a way to an end from every reachable step.
  const { reached, order } = reachFromStarts(graph, starts, n);
  if (starts.length > 0) checkPaths(ctx, graph, live, reached, deadEnd);

  // 6. Loops that never pause.
  checkCycles(ctx, graph, live);

  // 7. Variables used before they are set.
  checkVariables(ctx, graph, vars, refs, reached, order, starts);

  return { valid: !issues.some((issue) => issue.severity === 'error'), issues };
}

// --- edges ----------------------------------------------------------------------------

function buildGraph(
  ctx: Context,
  edges: ProgramDefinition['edges'],
  indexById: ReadonlyMap<string, number>,
): Graph {
  const { nodes, report } = ctx;
  const n = nodes.length;
  const edgeIds = new Set<string>();
  const cSrc: number[] = [];
  const cTgt: number[] = [];
  const cHandle: string[] = [];
  const cEdge: number[] = [];

  for (let k = 0; k < edges.length; k++) {
    const edge = edges[k]!;
    if (edgeIds.has(edge.id))
      report('duplicate_id', `Another edge already has the id "${edge.id}".`, {
        edgeId: edge.id,
        field: 'id',
      });
    else edgeIds.add(edge.id);

    const src = indexById.get(edge.source);
    const tgt = indexById.get(edge.target);
    if (src === undefined || tgt === undefined) {
      const missing = [
        src === undefined ? `source step "${edge.source}"` : '',
        tgt === undefined ? `target step "${edge.target}"` : '',
      ].filter(Boolean);
      report('dangling_edge', `This edge points to a ${missing.join(' and a ')} that does not exist.`, {
        edgeId: edge.id,
        field: src === undefined ? 'source' : 'target',
      });
      continue;
    }
    const source = nodes[src]!;
    if (source.type === 'end') {
      report('end_has_outgoing_edge', 'An end step finishes the program: it cannot lead anywhere.', {
        edgeId: edge.id,
        nodeId: source.id,
      });
      continue;
    }
    const target = nodes[tgt]!;
    if (target.type === 'start') {
      report(
        'unknown_handle',
        'Nothing can lead into the start step (it has no input): connect this edge to another step.',
        { edgeId: edge.id, nodeId: target.id, field: 'target' },
      );
      continue;
    }
    const handle = edge.sourceHandle || 'next';
    const problem = handleProblem(source, handle);
    if (problem !== null) {
      report('unknown_handle', problem, { edgeId: edge.id, nodeId: source.id, field: 'sourceHandle' });
      continue;
    }
    cSrc.push(src);
    cTgt.push(tgt);
    cHandle.push(handle);
    cEdge.push(k);
  }

  // Group the candidates by source (stable counting sort), keeping the first edge per handle.
  const m = cSrc.length;
  const start = new Int32Array(n + 1);
  for (let k = 0; k < m; k++) start[cSrc[k]! + 1]!++;
  for (let v = 0; v < n; v++) start[v + 1]! += start[v]!;
  const fill = start.slice(0, n);
  const bySource = new Int32Array(m);
  for (let k = 0; k < m; k++) bySource[fill[cSrc[k]!]!++] = k;

  const outOff = new Int32Array(n + 1);
  const outSrc = new Int32Array(m);
  const outTgt = new Int32Array(m);
  const outHandle: string[] = new Array<string>(m);
  const outEdge = new Int32Array(m);
  let w = 0;
  for (let v = 0; v < n; v++) {
    outOff[v] = w;
    for (let j = start[v]!; j < start[v + 1]!; j++) {
      const k = bySource[j]!;
      const handle = cHandle[k]!;
      let taken = -1;
      // A node has at most ~22 distinct valid handles, so this stays linear.
      for (let t = outOff[v]!; t < w; t++)
        if (outHandle[t] === handle) {
          taken = t;
          break;
        }
      if (taken >= 0) {
        report(
          'duplicate_handle',
          `The "${handle}" exit already has an edge ("${edges[outEdge[taken]!]!.id}"): an exit leads to one step.`,
          { edgeId: edges[cEdge[k]!]!.id, nodeId: nodes[v]!.id, field: 'sourceHandle' },
        );
        continue;
      }
      outSrc[w] = v;
      outTgt[w] = cTgt[k]!;
      outHandle[w] = handle;
      outEdge[w] = cEdge[k]!;
      w++;
    }
  }
  outOff[n] = w;

  const inOff = new Int32Array(n + 1);
  for (let t = 0; t < w; t++) inOff[outTgt[t]! + 1]!++;
  for (let v = 0; v < n; v++) inOff[v + 1]! += inOff[v]!;
  const inFill = inOff.slice(0, n);
  const inPos = new Int32Array(w);
  for (let t = 0; t < w; t++) inPos[inFill[outTgt[t]!]!++] = t;

  return { outOff, outSrc, outTgt, outHandle, inOff, inPos };
}

/** Why `handle` is not an exit of `node`, or null when it is. */
function handleProblem(node: ProgramNode, handle: string): string | null {
  if (node.type === 'question') {
    if (handle === 'next' || handle === 'invalid') return null;
    if (handle.startsWith('choice:')) {
      if (node.data.answerType !== 'choice')
        return `Only choice questions have "choice:" exits; this question's answer type is ${node.data.answerType}.`;
      const id = handle.slice('choice:'.length);
      for (const choice of node.data.choices ?? []) if (choice.id === id) return null;
      return `This question has no choice "${id}": reconnect the edge to an existing choice.`;
    }
    return `A question leaves through "next", "invalid" or "choice:<id>", not "${handle}".`;
  }
  if (node.type === 'condition') {
    if (handle === 'default') return null;
    if (handle.startsWith('branch:')) {
      const id = handle.slice('branch:'.length);
      for (const branch of node.data.branches ?? []) if (branch.id === id) return null;
      return `This condition has no branch "${id}": reconnect the edge to an existing branch.`;
    }
    return `A condition leaves through "branch:<id>" or "default", not "${handle}".`;
  }
  if (handle === 'next') return null;
  if (handle === 'invalid')
    return `Only question steps have an "invalid" exit; a ${node.type} step has "next".`;
  if (handle === 'default')
    return `Only condition steps have a "default" exit; a ${node.type} step has "next".`;
  return `A ${node.type} step has a single exit, "next", not "${handle}".`;
}

/**
 * Reports missing exits of node i (`missing_edge`, `condition_not_exhaustive`).
 * Returns true when the node has such a problem (a dead end already reported).
 */
function checkExits(
  ctx: Context,
  graph: Graph,
  i: number,
  choiceValues: ReadonlyMap<string, ReadonlySet<string> | null>,
): boolean {
  const node = ctx.nodes[i]!;
  if (node.type === 'end') return false;
  if (node.type === 'condition') {
    let dead = false;
    const branches = node.data.branches ?? [];
    for (let b = 0; b < branches.length; b++) {
      const branch = branches[b]!;
      if (!hasHandle(graph, i, `branch:${branch.id}`)) {
        ctx.report(
          'missing_edge',
          `Branch "${branch.label || branch.id}" has no edge: connect it to the step it leads to.`,
          { nodeId: node.id, field: `data.branches[${b}]` },
        );
        dead = true;
      }
    }
    if (!hasHandle(graph, i, 'default')) {
      const missing = branches.length === 0 ? null : uncoveredChoices(branches, choiceValues);
      if (missing !== undefined) {
        const why =
          branches.length === 0
            ? 'A condition without branches needs a "default" edge.'
            : missing === null
              ? 'Add a "default" edge: it is taken when no branch matches.'
              : `No branch matches ${listed(missing.map((value) => `"${value}"`))} and there is no "default" edge: add one (taken when no branch matches) or branches for these answers.`;
        ctx.report('condition_not_exhaustive', why, { nodeId: node.id, field: 'default' });
        dead = true;
      }
    }
    return dead;
  }

  if (node.type === 'question' && node.data.answerType === 'choice' && !hasHandle(graph, i, 'next')) {
    const choices = node.data.choices ?? [];
    const without: string[] = [];
    for (const choice of choices)
      if (!hasHandle(graph, i, `choice:${choice.id}`)) without.push(`"${choice.label}"`);
    if (without.length === 0 && choices.length > 0) return false;
    ctx.report(
      'missing_edge',
      choices.length === 0
        ? 'This question has no "next" edge.'
        : `Choices without their own edge take "next", which is not connected: connect "next" or give ${without.join(', ')} an edge.`,
      { nodeId: node.id, field: 'next' },
    );
    return true;
  }

  if (!hasHandle(graph, i, 'next')) {
    ctx.report(
      'missing_edge',
      `This ${node.type} step has no "next" edge: connect it to the step that follows.`,
      {
        nodeId: node.id,
        field: 'next',
      },
    );
    return true;
  }
  return false;
}

/** `"a", "b", "c", "d", "e" and 3 more`: at most `max` of `total` items. */
function listed(items: readonly string[], total = items.length, max = 5): string {
  const more = total > max ? ` and ${total - max} more` : '';
  return items.slice(0, max).join(', ') + more;
}

function hasHandle(graph: Graph, v: number, handle: string): boolean {
  const { outOff, outHandle } = graph;
  for (let t = outOff[v]!, to = outOff[v + 1]!; t < to; t++) if (outHandle[t] === handle) return true;
  return false;
}

/**
 * undefined: the branches are provably exhaustive (single `eq`/`in` tests of one
 * variable set only by choice questions, covering every choice value). Otherwise
 * the uncovered values when that shape applies, or null.
 */
function uncoveredChoices(
  branches: readonly ConditionBranch[],
  choiceValues: ReadonlyMap<string, ReadonlySet<string> | null>,
): string[] | null | undefined {
  let variable: string | undefined;
  const covered = new Set<string>();
  for (const branch of branches) {
    const clauses = branch.clauses ?? [];
    // Several clauses only widen the branch when any of them may match.
    if (clauses.length === 0 || (clauses.length > 1 && branch.match !== 'any')) return null;
    for (const clause of clauses) {
      if (clause.source !== 'variable' || !clause.variable) return null;
      if (variable === undefined) variable = clause.variable;
      else if (variable !== clause.variable) return null;
      if (clause.op === 'eq' && typeof clause.value === 'string') covered.add(clause.value);
      else if (clause.op === 'in' && Array.isArray(clause.value))
        for (const value of clause.value) covered.add(value);
      else return null;
    }
  }
  const values = variable === undefined ? undefined : choiceValues.get(variable);
  if (!values) return null;
  const missing: string[] = [];
  for (const value of values) if (!covered.has(value)) missing.push(value);
  return missing.length === 0 ? undefined : missing;
}

// --- fields ---------------------------------------------------------------------------

const blank = (text: string | undefined | null) => !text || text.trim() === '';

function checkFields(ctx: Context, node: ProgramNode): void {
  const { report } = ctx;
  switch (node.type) {
    case 'message':
      if (blank(node.data.text) && !node.data.media)
        report('missing_field', 'A message step needs text or media.', at(node.id, 'data.text'));
      break;
    case 'question':
      checkQuestion(ctx, node);
      break;
    case 'condition':
      checkCondition(ctx, node);
      break;
    case 'ai':
      if (blank(node.data.goal))
        report('missing_field', 'Say what this AI conversation is for (its goal).', at(node.id, 'data.goal'));
      if (typeof node.data.exit?.maxTurns !== 'number')
        report(
          'missing_field',
          'Set after how many user turns the AI step ends.',
          at(node.id, 'data.exit.maxTurns'),
        );
      break;
    case 'wait':
      if (node.data.mode === 'until') {
        if (!node.data.time)
          report('missing_field', 'Set the time of day to wait until (HH:MM).', at(node.id, 'data.time'));
      } else {
        if (node.data.amount === undefined)
          report('missing_field', 'Set how long to wait (the amount).', at(node.id, 'data.amount'));
        if (node.data.unit === undefined)
          report(
            'missing_field',
            'Set the unit of the wait (minutes, hours, days or weeks).',
            at(node.id, 'data.unit'),
          );
      }
      break;
    case 'habit':
      if (blank(node.data.name)) report('missing_field', 'Name the habit.', at(node.id, 'data.name'));
      break;
    case 'milestone':
      if (blank(node.data.name)) report('missing_field', 'Name the milestone.', at(node.id, 'data.name'));
      break;
    case 'handoff':
      if (blank(node.data.reason))
        report(
          'missing_field',
          'Say why the conversation is handed to you (the reason).',
          at(node.id, 'data.reason'),
        );
      break;
    case 'webhook':
      if (blank(node.data.event))
        report('missing_field', 'Name the event this step records.', at(node.id, 'data.event'));
      break;
    case 'set': {
      const assignments = node.data.assignments ?? [];
      for (let a = 0; a < assignments.length; a++) {
        const assignment = assignments[a]!;
        if (assignment.op === 'increment' && typeof assignment.value !== 'number')
          report(
            'invalid_field',
            `Incrementing "${assignment.variable}" needs a number.`,
            at(node.id, `data.assignments[${a}].value`),
          );
      }
      break;
    }
  }
}

function checkQuestion(ctx: Context, node: ProgramNodeOf<'question'>): void {
  const { report } = ctx;
  const d = node.data;
  if (blank(d.prompt)) report('missing_field', 'A question needs a prompt.', at(node.id, 'data.prompt'));
  switch (d.answerType) {
    case 'choice': {
      const choices = d.choices ?? [];
      if (choices.length < 2)
        report('missing_field', 'A choice question needs at least 2 choices.', at(node.id, 'data.choices'));
      const ids = new Set<string>();
      const labels = new Map<string, string>();
      for (let c = 0; c < choices.length; c++) {
        const choice = choices[c]!;
        if (ids.has(choice.id))
          report(
            'duplicate_id',
            `Two choices have the id "${choice.id}".`,
            at(node.id, `data.choices[${c}].id`),
          );
        ids.add(choice.id);
        const key = (choice.label ?? '').trim().toLowerCase();
        if (key === '')
          report('missing_field', 'Every choice needs a label.', at(node.id, `data.choices[${c}].label`));
        else if (labels.has(key))
          report(
            'invalid_field',
            `Two choices are labelled "${choice.label.trim()}": users could not tell them apart.`,
            at(node.id, `data.choices[${c}].label`),
          );
        else labels.set(key, choice.id);
      }
      break;
    }
    case 'number':
    case 'scale':
    case 'text': {
      const min = d.min ?? (d.answerType === 'scale' ? 1 : undefined);
      const max = d.max ?? (d.answerType === 'scale' ? 10 : undefined);
      if (min !== undefined && max !== undefined && min > max)
        report(
          'invalid_field',
          `The minimum (${min}) is above the maximum (${max})${d.answerType === 'scale' && (d.min === undefined || d.max === undefined) ? '; a scale runs from 1 to 10 unless set' : ''}.`,
          at(node.id, d.min !== undefined ? 'data.min' : 'data.max'),
        );
      if (d.answerType === 'text') {
        if ((d.min ?? 0) < 0)
          report('invalid_field', 'A minimum length cannot be negative.', at(node.id, 'data.min'));
        if (d.pattern !== undefined) {
          try {
            new RegExp(d.pattern);
          } catch (error) {
            report(
              'invalid_field',
              `The pattern is not a valid regular expression: ${error instanceof Error ? error.message : String(error)}`,
              at(node.id, 'data.pattern'),
            );
          }
        }
      }
      break;
    }
  }
}

function checkCondition(ctx: Context, node: ProgramNodeOf<'condition'>): void {
  const { report } = ctx;
  const branches = node.data.branches ?? [];
  const ids = new Set<string>();
  for (let b = 0; b < branches.length; b++) {
    const branch = branches[b]!;
    const path = `data.branches[${b}]`;
    if (ids.has(branch.id))
      report('duplicate_id', `Two branches have the id "${branch.id}".`, {
        nodeId: node.id,
        field: `${path}.id`,
      });
    ids.add(branch.id);
    const clauses = branch.clauses ?? [];
    if (clauses.length === 0)
      report('missing_field', 'A branch needs at least one test.', {
        nodeId: node.id,
        field: `${path}.clauses`,
      });
    for (let c = 0; c < clauses.length; c++) {
      const clause = clauses[c]!;
      const f = `${path}.clauses[${c}]`;
      const needsValue = clause.op !== 'exists' && clause.op !== 'not_exists';
      switch (clause.source) {
        case 'variable':
          if (blank(clause.variable))
            report('missing_field', 'Choose the variable to test.', at(node.id, `${f}.variable`));
          break;
        case 'time':
          if (!clause.field)
            report(
              'missing_field',
              'Choose what to test: weekday, hour or days enrolled.',
              at(node.id, `${f}.field`),
            );
          break;
        case 'tag':
          if (needsValue)
            report(
              'invalid_field',
              'A tag test is "exists" or "not_exists" (the user has the tag or not).',
              at(node.id, `${f}.op`),
            );
          if (typeof clause.value !== 'string' || clause.value.trim() === '')
            report('missing_field', 'Name the tag to test.', at(node.id, `${f}.value`));
          continue;
      }
      if (needsValue && clause.value === undefined)
        report(
          'missing_field',
          `The "${clause.op}" test needs a value to compare with.`,
          at(node.id, `${f}.value`),
        );
      else if (clause.op === 'in' && clause.value !== undefined && !Array.isArray(clause.value))
        report('invalid_field', 'The "in" test needs a list of values.', at(node.id, `${f}.value`));
    }
  }
}

// --- channel limits -------------------------------------------------------------------

/** More than `max` characters (code points; the length check first avoids the spread). */
const tooLong = (text: string | undefined, max: number): boolean =>
  text !== undefined && text.length > max && [...text].length > max;

function checkWhatsApp(ctx: Context, node: ProgramNode): void {
  const { report } = ctx;
  if (node.type === 'message') {
    if (tooLong(node.data.text, WHATSAPP_TEXT_MAX))
      report(
        'channel_limit',
        `WhatsApp messages are at most ${WHATSAPP_TEXT_MAX} characters: shorten the text.`,
        at(node.id, 'data.text'),
      );
    if (tooLong(node.data.media?.caption, WHATSAPP_CAPTION_MAX))
      report(
        'channel_limit',
        `WhatsApp media captions are at most ${WHATSAPP_CAPTION_MAX} characters.`,
        at(node.id, 'data.media.caption'),
      );
    return;
  }
  if (node.type !== 'question' || node.data.answerType !== 'choice') return;
  const choices = node.data.choices ?? [];
  const list = node.data.display === 'list';
  if (tooLong(node.data.prompt, WHATSAPP_INTERACTIVE_BODY_MAX))
    report(
      'channel_limit',
      `On WhatsApp a question with choices is at most ${WHATSAPP_INTERACTIVE_BODY_MAX} characters: shorten the prompt.`,
      at(node.id, 'data.prompt'),
    );
  if (!list && choices.length > WHATSAPP_MAX_BUTTONS)
    report(
      'channel_limit',
      choices.length > WHATSAPP_MAX_LIST_ROWS
        ? `WhatsApp shows at most ${WHATSAPP_MAX_BUTTONS} buttons (and at most ${WHATSAPP_MAX_LIST_ROWS} rows in a list): keep ${WHATSAPP_MAX_LIST_ROWS} choices or fewer and show them as a list.`
        : `WhatsApp shows at most ${WHATSAPP_MAX_BUTTONS} buttons: show these ${choices.length} choices as a list (display "list").`,
      at(node.id, 'data.display'),
    );
  if (list && choices.length > WHATSAPP_MAX_LIST_ROWS)
    report(
      'channel_limit',
      `A WhatsApp list holds at most ${WHATSAPP_MAX_LIST_ROWS} rows: keep ${WHATSAPP_MAX_LIST_ROWS} choices or fewer.`,
      at(node.id, 'data.choices'),
    );
  const max = list ? WHATSAPP_LIST_ROW_TITLE_MAX : WHATSAPP_BUTTON_TITLE_MAX;
  for (let c = 0; c < choices.length; c++) {
    if (tooLong(choices[c]!.label, max))
      report(
        'channel_limit',
        `WhatsApp ${list ? 'list rows' : 'buttons'} show at most ${max} characters: shorten "${choices[c]!.label}".`,
        at(node.id, `data.choices[${c}].label`),
      );
  }
}

// --- graph ----------------------------------------------------------------------------

/** Nodes reachable from the start steps, and a reverse postorder of them (for the data flow). */
function reachFromStarts(graph: Graph, starts: readonly number[], n: number) {
  const reached = new Uint8Array(n);
  const post: number[] = [];
  const stack = new Int32Array(n);
  const next = new Int32Array(n);
  for (const s of starts) {
    if (reached[s]) continue;
    let sp = 0;
    stack[sp++] = s;
    reached[s] = 1;
    next[s] = graph.outOff[s]!;
    while (sp > 0) {
      const v = stack[sp - 1]!;
      if (next[v]! < graph.outOff[v + 1]!) {
        const w = graph.outTgt[next[v]!++]!;
        if (!reached[w]) {
          reached[w] = 1;
          next[w] = graph.outOff[w]!;
          stack[sp++] = w;
        }
      } else {
        sp--;
        post.push(v);
      }
    }
  }
  return { reached, order: post.reverse() };
}

function checkPaths(ctx: Context, graph: Graph, live: Uint8Array, reached: Uint8Array, deadEnd: Uint8Array) {
  const { nodes } = ctx;
  const n = nodes.length;
  // Backwards from the ends (and from dead ends already reported).
  const toEnd = new Uint8Array(n);
  const queue = new Int32Array(n);
  let tail = 0;
  for (let i = 0; i < n; i++)
    if (live[i] && (nodes[i]!.type === 'end' || deadEnd[i])) {
      toEnd[i] = 1;
      queue[tail++] = i;
    }
  for (let head = 0; head < tail; head++) {
    const v = queue[head]!;
    for (let j = graph.inOff[v]!; j < graph.inOff[v + 1]!; j++) {
      const u = graph.outSrc[graph.inPos[j]!]!;
      if (!toEnd[u]) {
        toEnd[u] = 1;
        queue[tail++] = u;
      }
    }
  }
  for (let i = 0; i < n; i++) {
    if (!live[i]) continue;
    const id = nodes[i]!.id;
    if (!reached[i])
      ctx.report('unreachable_node', 'No path from the start leads to this step.', { nodeId: id });
    else if (!toEnd[i])
      ctx.report(
        'no_path_to_end',
        'Users who reach this step can never finish: no path from here leads to an end step.',
        { nodeId: id },
      );
  }
}

/** Tarjan's strongly connected components (iterative) on the steps that do not pause. */
function checkCycles(ctx: Context, graph: Graph, live: Uint8Array) {
  const { nodes } = ctx;
  const n = nodes.length;
  const skip = new Uint8Array(n);
  for (let i = 0; i < n; i++) if (!live[i] || PAUSE_TYPES.has(nodes[i]!.type)) skip[i] = 1;
  const index = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const onStack = new Uint8Array(n);
  const sccStack = new Int32Array(n);
  const callStack = new Int32Array(n);
  const next = new Int32Array(n);
  let sccTop = 0;
  let counter = 0;
  let cs = 0;
  const visit = (v: number) => {
    index[v] = low[v] = counter++;
    sccStack[sccTop++] = v;
    onStack[v] = 1;
    next[v] = graph.outOff[v]!;
    callStack[cs++] = v;
  };
  for (let root = 0; root < n; root++) {
    if (skip[root] || index[root] !== -1) continue;
    visit(root);
    while (cs > 0) {
      const v = callStack[cs - 1]!;
      if (next[v]! < graph.outOff[v + 1]!) {
        const w = graph.outTgt[next[v]!++]!;
        if (skip[w]) continue;
        if (index[w] === -1) visit(w);
        else if (onStack[w] && index[w]! < low[v]!) low[v] = index[w]!;
        continue;
      }
      cs--;
      if (cs > 0) {
        const u = callStack[cs - 1]!;
        if (low[v]! < low[u]!) low[u] = low[v]!;
      }
      if (low[v] !== index[v]) continue;
      const members: number[] = [];
      let w: number;
      do {
        w = sccStack[--sccTop]!;
        onStack[w] = 0;
        members.push(w);
      } while (w !== v);
      if (members.length === 1 && !hasSelfLoop(graph, v)) continue;
      members.sort((a, b) => a - b);
      const ids = members.slice(0, 5).map((m) => `"${nodes[m]!.id}"`);
      ctx.report(
        'cycle_without_pause',
        members.length === 1
          ? 'This step leads back to itself without waiting for the user: it would repeat forever. Add a question, AI or wait step to the loop.'
          : `Steps ${listed(ids, members.length)} loop without waiting for the user: they would repeat forever. Add a question, AI or wait step to the loop.`,
        { nodeId: nodes[members[0]!]!.id },
      );
    }
  }
}

function hasSelfLoop(graph: Graph, v: number): boolean {
  for (let t = graph.outOff[v]!; t < graph.outOff[v + 1]!; t++) if (graph.outTgt[t] === v) return true;
  return false;
}

// --- variables ------------------------------------------------------------------------

/** Variable references of the live steps (`{{name}}` in texts, condition variables), in parallel arrays. */
interface References {
  node: number[];
  name: string[];
  field: string[];
  /** 1 for `exists` / `not_exists` tests: reading an unset variable is their point. */
  existsTest: number[];
  /** Plain variable names referenced (the only ones the data flow tracks). */
  used: Set<string>;
}

function collectReferences(nodes: readonly ProgramNode[], live: Uint8Array): References {
  const refs: References = { node: [], name: [], field: [], existsTest: [], used: new Set() };
  for (let i = 0; i < nodes.length; i++) {
    if (!live[i]) continue;
    const node = nodes[i]!;
    const first = refs.node.length;
    switch (node.type) {
      case 'message':
        addTemplate(refs, first, i, node.data.text, 'data.text');
        break;
      case 'question':
        addTemplate(refs, first, i, node.data.prompt, 'data.prompt');
        addTemplate(refs, first, i, node.data.retryMessage, 'data.retryMessage');
        break;
      case 'ai':
        addTemplate(refs, first, i, node.data.opening, 'data.opening');
        break;
      case 'habit':
      case 'milestone':
      case 'end':
      case 'handoff':
        addTemplate(refs, first, i, node.data.message, 'data.message');
        break;
      case 'set': {
        // Assignments run in order: a value may use a variable assigned just before.
        const assignments = node.data.assignments ?? [];
        for (let a = 0; a < assignments.length; a++) {
          const value = assignments[a]!.value;
          if (typeof value !== 'string' || !value.includes('{{')) continue;
          for (const name of templateNames(value)) {
            let earlier = false;
            for (let b = 0; b < a && !earlier; b++) earlier = assignments[b]!.variable === name;
            if (!earlier) addReference(refs, first, i, name, `data.assignments[${a}].value`, 0);
          }
        }
        break;
      }
      case 'condition': {
        const branches = node.data.branches ?? [];
        for (let b = 0; b < branches.length; b++) {
          const clauses = branches[b]!.clauses ?? [];
          for (let c = 0; c < clauses.length; c++) {
            const clause = clauses[c]!;
            if (clause.source !== 'variable' || blank(clause.variable)) continue;
            const existsTest = clause.op === 'exists' || clause.op === 'not_exists' ? 1 : 0;
            addReference(
              refs,
              first,
              i,
              clause.variable!.trim(),
              `data.branches[${b}].clauses[${c}].variable`,
              existsTest,
            );
          }
        }
        break;
      }
    }
  }
  return refs;
}

function addTemplate(refs: References, first: number, i: number, text: string | undefined, field: string) {
  for (const name of templateNames(text)) addReference(refs, first, i, name, field, 0);
}

/** Records a reference once per step, field and name (`first`: the step's first reference). */
function addReference(
  refs: References,
  first: number,
  i: number,
  name: string,
  field: string,
  existsTest: number,
) {
  for (let k = first; k < refs.node.length; k++) if (refs.name[k] === name && refs.field[k] === field) return;
  refs.node.push(i);
  refs.name.push(name);
  refs.field.push(field);
  refs.existsTest.push(existsTest);
  if (!existsTest && VARIABLE_NAME_RE.test(name)) refs.used.add(name);
}

/** `{{name}}` references in a template text. */
function templateNames(text: string | undefined): readonly string[] {
  if (!text?.includes('{{')) return NO_NAMES;
  const names: string[] = [];
  for (const match of text.matchAll(TEMPLATE_RE)) names.push(match[1]!);
  return names;
}

interface Variables {
  /** Names set by some step or declared with a default. */
  setAnywhere: Set<string>;
  /** Bit index of each tracked variable (the ones referenced somewhere). */
  index: Map<string, number>;
  /** Tracked variables each step sets on its exits (a question: not on `invalid`): genVar[genOff[v] .. genOff[v + 1] - 1]. */
  genOff: Int32Array;
  genVar: number[];
  /** Tracked variables declared with a default: set from the start. */
  initial: number[];
  /** Variable → the values it can hold when only choice questions set it; null when anything else sets it. */
  choiceValues: Map<string, Set<string> | null>;
}

function collectVariables(
  nodes: readonly ProgramNode[],
  live: Uint8Array,
  declared: ProgramDefinition['variables'],
  used: ReadonlySet<string>,
  report: Context['report'],
): Variables {
  const setAnywhere = new Set<string>();
  const index = new Map<string, number>();
  const genOff = new Int32Array(nodes.length + 1);
  const genVar: number[] = [];
  const initial: number[] = [];
  const choiceValues = new Map<string, Set<string> | null>();
  const sets = (name: string, choices?: readonly { label: string; value?: string }[]) => {
    setAnywhere.add(name);
    if (!choices) choiceValues.set(name, null);
    else {
      let values = choiceValues.get(name);
      if (values === undefined) {
        values = new Set();
        choiceValues.set(name, values);
      }
      if (values !== null) for (const choice of choices) values.add(choice.value ?? choice.label);
    }
    if (!used.has(name)) return -1;
    let x = index.get(name);
    if (x === undefined) {
      x = index.size;
      index.set(name, x);
    }
    return x;
  };

  const seen = new Set<string>();
  for (let v = 0; v < declared.length; v++) {
    const variable = declared[v]!;
    if (seen.has(variable.name))
      report('invalid_field', `The variable "${variable.name}" is declared twice.`, {
        field: `variables[${v}].name`,
      });
    seen.add(variable.name);
    if (variable.default === undefined) continue;
    const x = sets(variable.name);
    if (x >= 0) initial.push(x);
  }
  for (let i = 0; i < nodes.length; i++) {
    genOff[i] = genVar.length;
    if (!live[i]) continue;
    const node = nodes[i]!;
    let x = -1;
    if (node.type === 'question' && node.data.variable)
      x = sets(node.data.variable, node.data.answerType === 'choice' ? (node.data.choices ?? []) : undefined);
    else if (node.type === 'ai' && node.data.variable) x = sets(node.data.variable);
    else if (node.type === 'set')
      for (const assignment of node.data.assignments ?? []) {
        const y = sets(assignment.variable);
        if (y >= 0) genVar.push(y);
      }
    if (x >= 0) genVar.push(x);
  }
  genOff[nodes.length] = genVar.length;

  for (let v = 0; v < declared.length; v++) {
    const variable = declared[v]!;
    if (variable.default === undefined && !setAnywhere.has(variable.name))
      report(
        'missing_field',
        `The variable "${variable.name}" has no default and no step sets it: give it a default or remove it.`,
        { field: `variables[${v}].default` },
        'warning',
      );
  }
  return { setAnywhere, index, genOff, genVar, initial, choiceValues };
}

/**
 * "Definitely set" forward data flow over the reachable steps: one bitset per
 * step of the variables set on every path from the start into it (intersection
 * over incoming edges, a worklist seeded in reverse postorder until nothing
 * changes), then every reference is checked against its step's set.
 */
function checkVariables(
  ctx: Context,
  graph: Graph,
  vars: Variables,
  refs: References,
  reached: Uint8Array,
  order: readonly number[],
  starts: readonly number[],
) {
  const { nodes } = ctx;
  const n = nodes.length;
  const words = (vars.index.size + 31) >>> 5;
  const setIn = new Uint32Array(words > 0 ? n * words : 0);
  if (words > 0 && order.length > 0) {
    const { inOff, inPos, outOff, outSrc, outTgt, outHandle } = graph;
    const { genOff, genVar } = vars;
    const isStart = new Uint8Array(n);
    for (const v of order) setIn.fill(0xffffffff, v * words, (v + 1) * words);
    for (const s of starts) {
      isStart[s] = 1;
      setIn.fill(0, s * words, (s + 1) * words);
      for (const x of vars.initial) setIn[s * words + (x >>> 5)]! |= 1 << (x & 31);
    }
    const acc = new Uint32Array(words);
    const saved: number[] = [];
    // Circular queue of at most n entries, seeded with every reachable step in reverse postorder.
    const queue = new Int32Array(n + 1);
    const queued = new Uint8Array(n);
    let head = 0;
    let size = 0;
    for (const v of order) {
      if (isStart[v]) continue;
      queue[size++] = v;
      queued[v] = 1;
    }
    let tail = size;
    while (size > 0) {
      const v = queue[head]!;
      head = head === n ? 0 : head + 1;
      size--;
      queued[v] = 0;

      let first = true;
      for (let j = inOff[v]!, to = inOff[v + 1]!; j < to; j++) {
        const t = inPos[j]!;
        const u = outSrc[t]!;
        if (!reached[u]) continue;
        const base = u * words;
        // A question's `invalid` exit is taken without an answer: its variable is not set.
        const g0 = genOff[u]!;
        const g1 = outHandle[t] === 'invalid' && nodes[u]!.type === 'question' ? g0 : genOff[u + 1]!;
        if (first) {
          for (let w = 0; w < words; w++) acc[w] = setIn[base + w]!;
          for (let g = g0; g < g1; g++) acc[genVar[g]! >>> 5]! |= 1 << (genVar[g]! & 31);
          first = false;
          continue;
        }
        // acc ∩= in(u) ∪ gen(u): keep acc's gen bits, intersect the rest.
        saved.length = 0;
        for (let g = g0; g < g1; g++) saved.push(acc[genVar[g]! >>> 5]! & (1 << (genVar[g]! & 31)));
        for (let w = 0; w < words; w++) acc[w]! &= setIn[base + w]!;
        for (let g = g0; g < g1; g++) acc[genVar[g]! >>> 5]! |= saved[g - g0]!;
      }
      const base = v * words;
      let same = true;
      for (let w = 0; w < words; w++)
        if (acc[w] !== setIn[base + w]) {
          same = false;
          break;
        }
      if (same) continue;
      setIn.set(acc, base);
      for (let t = outOff[v]!, to = outOff[v + 1]!; t < to; t++) {
        const w = outTgt[t]!;
        if (queued[w] || isStart[w]) continue;
        queued[w] = 1;
        queue[tail] = w;
        tail = tail === n ? 0 : tail + 1;
        size++;
      }
    }
  }

  for (let k = 0; k < refs.node.length; k++) {
    const v = refs.node[k]!;
    const name = refs.name[k]!;
    let code: IssueCode;
    let message: string;
    if (name.startsWith('user.')) {
      if (BUILTINS.has(name)) continue;
      code = 'invalid_field';
      message = USER_VARIABLE_RE.test(name)
        ? `{{${name}}} is not a built-in variable: use ${BUILTIN_PROGRAM_VARIABLES.join(', ')}.`
        : `"{{${name}}}" is not a variable name.`;
    } else if (!VARIABLE_NAME_RE.test(name)) {
      code = 'invalid_field';
      message = `"{{${name}}}" is not a variable name: use a-z, 0-9 and "_", starting with a letter, or a built-in such as {{user.firstName}}.`;
    } else if (refs.existsTest[k]) {
      continue;
    } else if (!vars.setAnywhere.has(name)) {
      code = 'variable_used_before_set';
      message = `No step sets the variable "${name}": set it (a question, AI or set step) or declare it with a default.`;
    } else {
      if (!reached[v]) continue; // unreachable steps are reported as such
      const x = vars.index.get(name)!;
      if ((setIn[v * words + (x >>> 5)]! >>> (x & 31)) & 1) continue;
      code = 'variable_used_before_set';
      message = `The variable "${name}" is not set on every path from the start to this step: a user could see it empty.`;
    }
    ctx.report(code, message, at(nodes[v]!.id, refs.field[k]!));
  }
}
