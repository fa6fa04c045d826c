/** Where a consent came from, as the server records it: `creator:<what they typed>`, `keyword:<word>`. */
export type ConsentSource =
  | { kind: 'creator'; text: string }
  | { kind: 'keyword'; text: string }
  | { kind: 'other'; text: string };

/**
 * @example
 * consentSourceOf('keyword:baja') // { kind: 'keyword', text: 'baja' }
 */
export function consentSourceOf(source: string): ConsentSource {
  const [prefix, ...rest] = source.split(':');
  const text = rest.join(':').trim();
  if (prefix === 'creator' && text) return { kind: 'creator', text };
  if (prefix === 'keyword' && text) return { kind: 'keyword', text };
  return { kind: 'other', text: source };
}
