/** A piece of a template's body: plain text, or a `{{1}}` / `{{name}}` placeholder. */
export type TemplateBodyPart =
  | { kind: 'text'; text: string }
  | { kind: 'parameter'; name: string; text: string; value: string | undefined };

const PLACEHOLDER = /\{\{\s*(\w+)\s*\}\}/g;

/**
 * Splits a body around its placeholders, so they can be highlighted; with
 * `values`, `{{n}}` carries the n-th value (1-based, as Meta numbers them) to
 * show instead, for a preview of what a contact would read.
 *
 * @example
 * splitTemplateBody('Hi {{1}}!', ['Ana'])
 * // [{ kind: 'text', text: 'Hi ' }, { kind: 'parameter', name: '1', text: '{{1}}', value: 'Ana' }, { kind: 'text', text: '!' }]
 */
export function splitTemplateBody(body: string, values: readonly string[] = []): TemplateBodyPart[] {
  const parts: TemplateBodyPart[] = [];
  let at = 0;
  for (const match of body.matchAll(PLACEHOLDER)) {
    const index = match.index ?? 0;
    if (index > at) parts.push({ kind: 'text', text: body.slice(at, index) });
    const name = match[1] ?? '';
    const position = /^\d+$/.test(name) ? Number(name) - 1 : -1;
    const value = position >= 0 ? values[position]?.trim() || undefined : undefined;
    parts.push({ kind: 'parameter', name, text: match[0], value });
    at = index + match[0].length;
  }
  if (at < body.length) parts.push({ kind: 'text', text: body.slice(at) });
  return parts;
}

/**
 * The numbered parameters a body uses, in order (`{{1}}`, `{{2}}`…): Meta
 * wants one example value for each when the template is submitted.
 */
export function numberedParameters(body: string): number[] {
  const numbers = new Set<number>();
  for (const match of body.matchAll(PLACEHOLDER)) {
    const name = match[1] ?? '';
    if (/^\d+$/.test(name)) numbers.add(Number(name));
  }
  return [...numbers].sort((a, b) => a - b);
}
