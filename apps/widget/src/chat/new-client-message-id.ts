/**
 * A fresh id for a visitor's message (or a local object). `crypto.randomUUID`
 * exists only in secure contexts, and the widget also runs on plain-http
 * sites, where `getRandomValues` still works.
 */
export function newClientMessageId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return [...bytes].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}
