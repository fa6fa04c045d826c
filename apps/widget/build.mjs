// Builds the widget's two bundles (dist/loader.js, dist/chat.js) and fails
// when either outgrows its budget: the loader is on every page of a creator's
// site, so its size is paid by every visitor, chatting or not.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const root = dirname(fileURLToPath(import.meta.url));
const dist = join(root, 'dist');

/** Gzipped byte budgets (docs/widget.md). */
export const BUDGETS = { 'loader.js': 3072, 'chat.js': 20480 };

const bundles = [
  { entry: 'src/embed.ts', out: 'loader.js' },
  { entry: 'src/index.ts', out: 'chat.js' },
];

mkdirSync(dist, { recursive: true });
const sizes = {};
for (const { entry, out } of bundles) {
  await build({
    entryPoints: [join(root, entry)],
    outfile: join(dist, out),
    bundle: true,
    minify: true,
    format: 'iife',
    target: 'es2020',
    platform: 'browser',
    legalComments: 'none',
    logLevel: 'warning',
  });
  const code = readFileSync(join(dist, out));
  sizes[out] = { raw: code.length, gzip: gzipSync(code, { level: 9 }).length, budget: BUDGETS[out] };
}
writeFileSync(join(dist, 'sizes.json'), `${JSON.stringify(sizes, null, 2)}\n`);

let isOverBudget = false;
for (const [file, { raw, gzip, budget }] of Object.entries(sizes)) {
  const isOver = gzip > budget;
  isOverBudget ||= isOver;
  console.log(`${isOver ? '✗' : '✓'} ${file}: ${raw} B, ${gzip} B gzipped (budget ${budget} B)`);
}
if (isOverBudget) {
  console.error('widget bundle over its gzipped size budget');
  process.exit(1);
}
