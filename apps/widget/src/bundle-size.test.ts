import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// The loader runs on every page of a creator's site, chatting or not: its size
// is paid by every visitor. `npm test` builds first, so this guards the budget
// even where the build's own exit code is not looked at.
const SIZES = fileURLToPath(new URL('../dist/sizes.json', import.meta.url));
const LOADER_BUDGET = 3072;
const CHAT_BUDGET = 20480;

interface Size {
  raw: number;
  gzip: number;
}

if (existsSync(SIZES)) {
  describe('the widget bundles (dist/sizes.json)', () => {
    const sizes = JSON.parse(readFileSync(SIZES, 'utf8')) as Record<string, Size>;

    it(`keeps loader.js within ${LOADER_BUDGET} bytes gzipped`, () => {
      expect(sizes['loader.js']?.gzip).toBeGreaterThan(0);
      expect(sizes['loader.js']!.gzip).toBeLessThanOrEqual(LOADER_BUDGET);
    });

    it(`keeps chat.js within ${CHAT_BUDGET} bytes gzipped`, () => {
      expect(sizes['chat.js']?.gzip).toBeGreaterThan(0);
      expect(sizes['chat.js']!.gzip).toBeLessThanOrEqual(CHAT_BUDGET);
    });
  });
} else {
  describe('the widget bundles', () => {
    it.skip('are not built: run `npm run build:widget` (npm test does it first) to check their sizes', () => {});
  });
}
