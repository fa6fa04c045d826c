import type { KbFolder } from '@companero/contracts';
import { describe, expect, it } from 'vitest';
import {
  buildFolderTree,
  flattenTree,
  folderContents,
  folderPath,
  moveTargets,
  subtreeIds,
} from './folder-tree.ts';

const folder = (id: string, name: string, parentId: string | null, documentCount = 0): KbFolder => ({
  id,
  name,
  parentId,
  documentCount,
  createdAt: '2025-01-01T00:00:00.000Z',
});

const FOLDERS = [
  folder('b', 'recipes', null, 1),
  folder('a', 'Guides', null, 2),
  folder('a1', 'Sleep', 'a', 3),
  folder('a2', 'Food', 'a', 0),
  folder('a11', 'Naps', 'a1', 4),
  folder('x', 'Orphan', 'missing', 0),
];

describe('folder tree', () => {
  it('nests folders under their parents, sorted by name, orphans at the top', () => {
    const tree = buildFolderTree(FOLDERS);
    expect(flattenTree(tree).map((n) => `${'-'.repeat(n.depth)}${n.folder.name}`)).toEqual([
      'Guides',
      '-Food',
      '-Sleep',
      '--Naps',
      'Orphan',
      'recipes',
    ]);
  });

  it('survives a cycle in the data', () => {
    const cycle = [folder('p', 'P', 'q'), folder('q', 'Q', 'p'), folder('r', 'R', null)];
    expect(flattenTree(buildFolderTree(cycle)).map((n) => n.folder.name)).toEqual(['R']);
  });

  it('counts what a deletion takes with it', () => {
    expect(folderContents(FOLDERS, 'a')).toEqual({ documents: 9, subfolders: 3 });
    expect(folderContents(FOLDERS, 'a2')).toEqual({ documents: 0, subfolders: 0 });
    expect([...subtreeIds(FOLDERS, 'a1')].sort()).toEqual(['a1', 'a11']);
  });

  it('names the path from the top and offers only valid move targets', () => {
    expect(folderPath(FOLDERS, 'a11')).toEqual(['Guides', 'Sleep', 'Naps']);
    expect(folderPath(FOLDERS, null)).toEqual([]);
    expect(
      moveTargets(FOLDERS, 'a1')
        .map((f) => f.id)
        .sort(),
    ).toEqual(['a', 'a2', 'b', 'x']);
  });
});
