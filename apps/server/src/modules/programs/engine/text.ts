import type { Variables } from '@companero/contracts';
import type { EngineUser } from './types.ts';

/** Lower-case, accents removed, trimmed: `"  Mañana "` → `"manana"`. */
export function fold(s: string): string {
  return s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().trim();
}

/** Words of a folded string (letters and digits only). */
export function words(s: string): string[] {
  return fold(s)
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

/** The first word of a name: "Ana María López" → "Ana". */
export function firstName(name: string | null | undefined): string {
  return (name ?? '').trim().split(/\s+/)[0] ?? '';
}

/** A `user.*` built-in, or undefined when the name is not one. */
export function userVariable(user: EngineUser, name: string): string | undefined {
  switch (name) {
    case 'user.name':
      return user.name?.trim() ?? '';
    case 'user.firstName':
      return firstName(user.name);
    case 'user.language':
      return user.language;
    case 'user.timeZone':
      return user.timeZone;
    case 'user.sentiment':
      return user.sentiment ?? '';
    default:
      return undefined;
  }
}

/** A program variable or a `user.*` built-in; undefined when unset or unknown. */
export function lookupVariable(
  name: string,
  variables: Variables,
  user: EngineUser,
): string | number | boolean | null | undefined {
  if (name.startsWith('user.')) return userVariable(user, name);
  return Object.hasOwn(variables, name) ? variables[name] : undefined;
}

const PLACEHOLDER = /\{\{\s*([A-Za-z_][A-Za-z0-9_.]*)\s*\}\}/g;

/** Replaces `{{variable}}` and `{{user.firstName}}`; unknown or unset variables become ''. */
export function interpolate(template: string, variables: Variables, user: EngineUser): string {
  return template.replace(PLACEHOLDER, (_m, name: string) => {
    const v = lookupVariable(name, variables, user);
    return v === undefined || v === null ? '' : String(v);
  });
}

/**
 * A `set` step's value: a template string is interpolated, except that a string that is
 * exactly one placeholder (`"{{score}}"`) copies the variable's value with its type.
 */
export function resolveSetValue(
  value: string | number | boolean,
  variables: Variables,
  user: EngineUser,
): string | number | boolean | null {
  if (typeof value !== 'string') return value;
  const single = /^\{\{\s*([A-Za-z_][A-Za-z0-9_.]*)\s*\}\}$/.exec(value);
  if (single) {
    const v = lookupVariable(single[1]!, variables, user);
    return v === undefined ? null : v;
  }
  return interpolate(value, variables, user);
}

/** A finite number from a number or a numeric string ("7", "7.5", "7,5"), else undefined. */
export function toNumber(v: unknown): number | undefined {
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  if (typeof v === 'string') {
    const s = v.trim().replace(',', '.');
    if (!/^[-+]?(\d+(\.\d*)?|\.\d+)$/.test(s)) return undefined;
    const n = Number(s);
    return Number.isFinite(n) ? n : undefined;
  }
  return undefined;
}
