import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// STYLE.md habit 9: features do not import each other, and shared code
// (lib, components, hooks, i18n) imports no feature. Otherwise one feature's
// change silently breaks another, and "shared" code drags features along.
// Pages in app/ are where features meet.

const SRC = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const IMPORT_RE = /(?:^|\n)\s*(?:import|export)[^'"]*?from\s+['"](\.{1,2}\/[^'"]+)['"]/g;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(entry.name) && !entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

/** `features/api-keys/...` → `api-keys`; anything else → undefined. */
function featureOf(path: string): string | undefined {
  const parts = relative(SRC, path).split(sep);
  return parts[0] === 'features' ? parts[1] : undefined;
}

const imports = sourceFiles(SRC).flatMap((file) =>
  [...readFileSync(file, 'utf8').matchAll(IMPORT_RE)].map((m) => ({
    file: relative(SRC, file),
    from: featureOf(file),
    to: featureOf(resolve(dirname(file), m[1] ?? '')),
    area: relative(SRC, file).split(sep)[0],
  })),
);

describe('dashboard module boundaries', () => {
  it('finds the imports it checks', () => {
    expect(imports.length).toBeGreaterThan(50);
  });

  it('keeps features from importing each other', () => {
    const crossing = imports.filter((i) => i.from && i.to && i.from !== i.to);
    expect(crossing).toEqual([]);
  });

  it('keeps shared code free of features', () => {
    const leaking = imports.filter((i) => i.area !== 'features' && i.area !== 'app' && i.to);
    expect(leaking).toEqual([]);
  });
});
