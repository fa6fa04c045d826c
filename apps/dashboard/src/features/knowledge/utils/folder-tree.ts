import type { KbFolder } from '@companero/contracts';

export interface FolderNode {
  folder: KbFolder;
  children: FolderNode[];
  depth: number;
}

const byName = (a: KbFolder, b: KbFolder) => a.name.localeCompare(b.name, undefined, { sensitivity: 'base' });

/** The folder tree from the flat list (parentId links); a folder whose parent is missing shows at the top. */
export function buildFolderTree(folders: readonly KbFolder[]): FolderNode[] {
  const ids = new Set(folders.map((f) => f.id));
  const childrenOf = new Map<string | null, KbFolder[]>();
  for (const folder of folders) {
    const parent = folder.parentId && ids.has(folder.parentId) ? folder.parentId : null;
    childrenOf.set(parent, [...(childrenOf.get(parent) ?? []), folder]);
  }
  const seen = new Set<string>();
  const build = (parent: string | null, depth: number): FolderNode[] =>
    [...(childrenOf.get(parent) ?? [])].sort(byName).flatMap((folder) => {
      // A cycle in bad data must not loop forever.
      if (seen.has(folder.id)) return [];
      seen.add(folder.id);
      return [{ folder, depth, children: build(folder.id, depth + 1) }];
    });
  return build(null, 0);
}

/** The tree in display order, one row per folder, for pickers. */
export function flattenTree(nodes: readonly FolderNode[]): FolderNode[] {
  return nodes.flatMap((node) => [node, ...flattenTree(node.children)]);
}

/** The folder and everything below it. */
export function subtreeIds(folders: readonly KbFolder[], id: string): Set<string> {
  const result = new Set<string>([id]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const folder of folders) {
      if (folder.parentId && result.has(folder.parentId) && !result.has(folder.id)) {
        result.add(folder.id);
        grew = true;
      }
    }
  }
  return result;
}

/** What deleting a folder takes with it: the documents in it and below, and its subfolders. */
export function folderContents(folders: readonly KbFolder[], id: string) {
  const ids = subtreeIds(folders, id);
  const inside = folders.filter((f) => ids.has(f.id));
  return {
    documents: inside.reduce((sum, f) => sum + f.documentCount, 0),
    subfolders: inside.length - 1,
  };
}

/** Names from the top level down to the folder, e.g. ["Guides", "Sleep"]. */
export function folderPath(folders: readonly KbFolder[], id: string | null | undefined): string[] {
  const byId = new Map(folders.map((f) => [f.id, f]));
  const names: string[] = [];
  const seen = new Set<string>();
  let current = id ? byId.get(id) : undefined;
  while (current && !seen.has(current.id)) {
    seen.add(current.id);
    names.unshift(current.name);
    current = current.parentId ? byId.get(current.parentId) : undefined;
  }
  return names;
}

/** Folders a folder may move under: not itself, not one of its own subfolders, not where it already is. */
export function moveTargets(folders: readonly KbFolder[], id: string): KbFolder[] {
  const excluded = subtreeIds(folders, id);
  return folders.filter((f) => !excluded.has(f.id));
}
