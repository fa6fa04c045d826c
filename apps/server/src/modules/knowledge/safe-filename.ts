/**
 * The name we store and show for an uploaded file. Browsers send a base name,
 * but a hostile client can send anything: names with `..` segments or absolute
 * paths are refused outright (returns undefined); folder uploads' relative
 * paths (`notes/week1.md`) keep their last segment; control characters go.
 */
export function safeFilename(raw: string): string | undefined {
  const normalized = raw.normalize('NFC').replaceAll('\\', '/');
  if (normalized.startsWith('/') || /^[a-zA-Z]:\//.test(normalized)) return undefined;
  const segments = normalized.split('/');
  if (segments.some((s) => s === '..' || s === '.')) return undefined;
  const base = (segments[segments.length - 1] ?? '')
    // biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
    .replace(/[\u0000-\u001f\u007f]/g, '')
    .trim()
    .slice(0, 200);
  if (!base || base === '.' || base === '..') return undefined;
  return base;
}

/** `Week 1 – Sleep.pdf` → `Week 1 – Sleep`: the default document title. */
export const titleFromFilename = (name: string) => name.replace(/\.[a-z0-9]{1,8}$/i, '').trim() || name;
