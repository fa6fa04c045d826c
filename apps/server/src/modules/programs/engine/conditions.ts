import type { ConditionBranch, ConditionClause, Variables } from '@companero/contracts';
import { lookupVariable, toNumber } from './text.ts';
import { zonedParts } from './time.ts';
import type { EngineUser } from './types.ts';

export interface ConditionContext {
  variables: Variables;
  user: EngineUser;
  /** The user's tags as of this point of the run (set steps earlier in the run included). */
  tags: ReadonlySet<string>;
  now: Date;
  enrolledAt: string;
}

type Scalar = string | number | boolean | null | undefined;
type Expected = ConditionClause['value'];

const DAY_MS = 86_400_000;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}/;

const isSet = (v: Scalar) => v !== undefined && v !== null && v !== '';
const norm = (v: Scalar) =>
  String(v ?? '')
    .trim()
    .toLowerCase();

/** Equality: numerically when both sides are numbers (or numeric strings), else case-insensitively. */
function equals(actual: Scalar, expected: Exclude<Expected, unknown[]>): boolean {
  if (!isSet(actual)) return expected === undefined || expected === '';
  const a = toNumber(actual);
  const b = toNumber(expected);
  if (a !== undefined && b !== undefined) return a === b;
  return norm(actual) === norm(expected as Scalar);
}

/** -1/0/1 for ordered comparisons: numbers, or two ISO dates; undefined when not comparable. */
function order(actual: Scalar, expected: Expected): number | undefined {
  if (!isSet(actual) || expected === undefined || Array.isArray(expected)) return undefined;
  const a = toNumber(actual);
  const b = toNumber(expected);
  if (a !== undefined && b !== undefined) return Math.sign(a - b);
  if (
    typeof actual === 'string' &&
    typeof expected === 'string' &&
    ISO_DATE.test(actual) &&
    ISO_DATE.test(expected)
  ) {
    return actual < expected ? -1 : actual > expected ? 1 : 0;
  }
  return undefined;
}

/** Applies an operator to a value read from a variable, the user's sentiment or the clock. */
export function compare(actual: Scalar, op: ConditionClause['op'], expected: Expected): boolean {
  const list = Array.isArray(expected) ? expected : expected === undefined ? [] : [expected];
  switch (op) {
    case 'exists':
      return isSet(actual);
    case 'not_exists':
      return !isSet(actual);
    case 'eq':
      return Array.isArray(expected) ? list.some((e) => equals(actual, e)) : equals(actual, expected);
    case 'neq':
      return Array.isArray(expected) ? !list.some((e) => equals(actual, e)) : !equals(actual, expected);
    case 'in':
      return list.some((e) => equals(actual, e));
    case 'contains':
      return isSet(actual) && list.some((e) => norm(actual).includes(norm(e)));
    case 'gt':
      return (order(actual, expected) ?? Number.NaN) > 0;
    case 'gte':
      return (order(actual, expected) ?? Number.NaN) >= 0;
    case 'lt':
      return (order(actual, expected) ?? Number.NaN) < 0;
    case 'lte':
      return (order(actual, expected) ?? Number.NaN) <= 0;
  }
}

function hasTag(tags: ReadonlySet<string>, name: unknown): boolean {
  const wanted = norm(name as Scalar);
  if (!wanted) return false;
  for (const t of tags) if (norm(t) === wanted) return true;
  return false;
}

/** tag clauses: `exists`/`eq` = the user has the tag named by `value`; `in` = any of them. */
function evaluateTag(clause: ConditionClause, tags: ReadonlySet<string>): boolean {
  const names = Array.isArray(clause.value) ? clause.value : [clause.value];
  const any = names.some((n) => hasTag(tags, n));
  switch (clause.op) {
    case 'exists':
    case 'eq':
    case 'in':
    case 'contains':
      return any;
    case 'not_exists':
    case 'neq':
      return !any;
    default:
      return false;
  }
}

function clockValue(clause: ConditionClause, ctx: ConditionContext): number | undefined {
  switch (clause.field) {
    case 'weekday':
      return zonedParts(ctx.now, ctx.user.timeZone).weekday;
    case 'hour':
      return zonedParts(ctx.now, ctx.user.timeZone).hour;
    case 'days_enrolled': {
      const since = Date.parse(ctx.enrolledAt);
      if (Number.isNaN(since)) return 0;
      return Math.max(0, Math.floor((ctx.now.getTime() - since) / DAY_MS));
    }
    default:
      return undefined;
  }
}

export function evaluateClause(clause: ConditionClause, ctx: ConditionContext): boolean {
  switch (clause.source) {
    case 'variable':
      return compare(lookupVariable(clause.variable ?? '', ctx.variables, ctx.user), clause.op, clause.value);
    case 'tag':
      return evaluateTag(clause, ctx.tags);
    case 'sentiment':
      return compare(ctx.user.sentiment, clause.op, clause.value);
    case 'time':
      return compare(clockValue(clause, ctx), clause.op, clause.value);
  }
}

export function evaluateBranch(branch: ConditionBranch, ctx: ConditionContext): boolean {
  if (branch.clauses.length === 0) return false;
  return (branch.match ?? 'all') === 'any'
    ? branch.clauses.some((c) => evaluateClause(c, ctx))
    : branch.clauses.every((c) => evaluateClause(c, ctx));
}

/** The first matching branch, or null for `default`. */
export function chooseBranch(
  branches: readonly ConditionBranch[],
  ctx: ConditionContext,
): ConditionBranch | null {
  return branches.find((b) => evaluateBranch(b, ctx)) ?? null;
}
