/**
 * A unique id for a message being sent (the server stores a retry once).
 * `crypto.randomUUID` exists only on https and localhost; a self-hosted
 * dashboard on plain http gets random bytes instead.
 */
export function newClientMessageId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return `m-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}
