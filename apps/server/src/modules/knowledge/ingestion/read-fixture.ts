import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const FIXTURES = resolve(dirname(fileURLToPath(import.meta.url)), '..', '__fixtures__');

/**
 * The bytes of one of our own test files in `../__fixtures__` (made by
 * `generate-fixtures.ts`). Test support only: production code never reads it.
 *
 * @example readFixture('coaching-guide.pdf')
 */
export function readFixture(name: string): Uint8Array {
  return new Uint8Array(readFileSync(resolve(FIXTURES, name)));
}
