import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';

// The loader runs on every page of a creator's site, chatting or not: its size
// is paid by every visitor. `npm test` builds first; this measures the built
// files themselves (not the build's own report), so a stale report cannot hide
// growth, and a missing build fails with what to run.
const DIST = fileURLToPath(new URL('../dist/', import.meta.url));
const BUDGETS = { 'loader.js': 3072, 'chat.js': 20480 } as const;

const gzipped = (file: string) => gzipSync(readFileSync(`${DIST}${file}`), { level: 9 }).length;

describe('the widget bundles', () => {
  for (const [file, budget] of Object.entries(BUDGETS))
    it(`keeps ${file} within ${budget} bytes gzipped`, () => {
      expect(existsSync(`${DIST}${file}`), `dist/${file} is missing: run \`npm run build:widget\``).toBe(
        true,
      );
      const size = gzipped(file);
      expect(size).toBeGreaterThan(0);
      expect(size).toBeLessThanOrEqual(budget);
    });
});
