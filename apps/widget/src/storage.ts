/**
 * Web storage that never throws: Safari's private mode, sandboxed iframes and
 * "block all cookies" settings make `localStorage` throw on access, and the
 * widget must still work there (it then forgets the visitor on reload).
 */
export function readStorage(area: 'local' | 'session', key: string): string | null {
  try {
    return (area === 'local' ? localStorage : sessionStorage).getItem(key);
  } catch {
    return null;
  }
}

export function writeStorage(area: 'local' | 'session', key: string, value: string | null): void {
  try {
    const storage = area === 'local' ? localStorage : sessionStorage;
    if (value === null) storage.removeItem(key);
    else storage.setItem(key, value);
  } catch {
    // Storage unavailable: nothing to keep.
  }
}
