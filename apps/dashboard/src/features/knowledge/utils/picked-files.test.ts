import { describe, expect, it } from 'vitest';
import { fromDataTransfer, fromFileList, pathOf } from './picked-files.ts';

const file = (name: string, relativePath = '') => {
  const f = new File(['x'], name);
  Object.defineProperty(f, 'webkitRelativePath', { value: relativePath });
  return f;
};

/** A fake FileSystemEntry tree, answering readEntries in batches of two like a real reader does in batches of 100. */
function fileEntry(name: string) {
  return { name, isFile: true, isDirectory: false, file: (ok: (f: File) => void) => ok(file(name)) };
}
function dirEntry(name: string, children: unknown[]) {
  return {
    name,
    isFile: false,
    isDirectory: true,
    createReader() {
      let at = 0;
      return {
        readEntries(ok: (batch: unknown[]) => void) {
          const batch = children.slice(at, at + 2);
          at += 2;
          setTimeout(() => ok(batch), 0);
        },
      };
    },
  };
}
const item = (entry: unknown) => ({
  kind: 'file',
  webkitGetAsEntry: () => entry as FileSystemEntry,
  getAsFile: () => null,
});

describe('picked files', () => {
  it('walks dropped folders at any depth, skipping system files', async () => {
    const dropped = await fromDataTransfer([
      item(fileEntry('loose.txt')),
      item(
        dirEntry('Guides', [
          fileEntry('a.md'),
          fileEntry('.DS_Store'),
          fileEntry('b.md'),
          dirEntry('Sleep', [fileEntry('naps.md'), dirEntry('.git', [fileEntry('config')])]),
          fileEntry('Thumbs.db'),
        ]),
      ),
      { kind: 'string', getAsFile: () => null },
    ]);
    expect(dropped.map(pathOf)).toEqual(['loose.txt', 'Guides/a.md', 'Guides/b.md', 'Guides/Sleep/naps.md']);
    expect(dropped[3]?.folders).toEqual(['Guides', 'Sleep']);
  });

  it('falls back to the plain file when the browser gives no entry', async () => {
    const plain = file('plain.pdf');
    const dropped = await fromDataTransfer([
      { kind: 'file', webkitGetAsEntry: () => null, getAsFile: () => plain },
    ]);
    expect(dropped).toEqual([{ file: plain, folders: [] }]);
  });

  it('reads folders of a picked folder from webkitRelativePath', () => {
    const picked = fromFileList([
      file('a.md', 'Course/Week 1/a.md'),
      file('b.txt'),
      file('x', 'Course/.hidden/x'),
    ]);
    expect(picked.map(pathOf)).toEqual(['Course/Week 1/a.md', 'b.txt']);
  });
});
