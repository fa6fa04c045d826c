/** A file chosen for upload, with the folders it sat in when a whole folder was dropped or picked. */
export interface PickedFile {
  file: File;
  /** Folder names from the dropped or picked folder down to the file; empty for a loose file. */
  folders: string[];
}

/** System and hidden files that come along with folders but are never knowledge (.DS_Store, Thumbs.db, ~$lock files). */
export const isIgnoredName = (name: string) =>
  /^(\.|~\$)/.test(name) || /^(thumbs\.db|desktop\.ini)$/i.test(name);

/** The display path of a picked file: "Guides/Sleep/evening.md". */
export const pathOf = (picked: PickedFile) => [...picked.folders, picked.file.name].join('/');

/** Files from an <input type="file">; with `webkitdirectory` each file knows its path inside the picked folder. */
export function fromFileList(files: Iterable<File>): PickedFile[] {
  const picked: PickedFile[] = [];
  for (const file of files) {
    const parts = (file.webkitRelativePath || file.name).split('/').filter(Boolean);
    if (parts.some(isIgnoredName)) continue;
    picked.push({ file, folders: parts.slice(0, -1) });
  }
  return picked;
}

/** Just what we use of DataTransferItem (so tests can fake it). */
interface ItemLike {
  kind: string;
  webkitGetAsEntry?: () => FileSystemEntry | null;
  getAsFile(): File | null;
}

const readFile = (entry: FileSystemFileEntry) =>
  new Promise<File>((resolve, reject) => entry.file(resolve, reject));

const readBatch = (reader: FileSystemDirectoryReader) =>
  new Promise<FileSystemEntry[]>((resolve, reject) => reader.readEntries(resolve, reject));

async function walk(entry: FileSystemEntry, folders: string[], out: PickedFile[]): Promise<void> {
  if (isIgnoredName(entry.name)) return;
  if (entry.isFile) {
    try {
      out.push({ file: await readFile(entry as FileSystemFileEntry), folders });
    } catch {
      // A file the browser will not let us read (permissions, removed meanwhile): skip it.
    }
    return;
  }
  if (!entry.isDirectory) return;
  const reader = (entry as FileSystemDirectoryEntry).createReader();
  const inside = [...folders, entry.name];
  // readEntries answers in batches (100 in Chrome) until it answers an empty one.
  for (;;) {
    let batch: FileSystemEntry[];
    try {
      batch = await readBatch(reader);
    } catch {
      return;
    }
    if (batch.length === 0) return;
    for (const child of batch) await walk(child, inside, out);
  }
}

/**
 * Everything dropped: loose files, and every file inside dropped folders (at any
 * depth). The entries are taken synchronously, because the browser empties the
 * DataTransfer once the drop event handler returns; call this from the handler.
 */
export function fromDataTransfer(items: Iterable<ItemLike>): Promise<PickedFile[]> {
  const roots: Array<FileSystemEntry | File> = [];
  for (const item of items) {
    if (item.kind !== 'file') continue;
    const entry = item.webkitGetAsEntry?.();
    if (entry) roots.push(entry);
    else {
      const file = item.getAsFile();
      if (file) roots.push(file);
    }
  }
  return (async () => {
    const out: PickedFile[] = [];
    for (const root of roots) {
      if (root instanceof File) {
        if (!isIgnoredName(root.name)) out.push({ file: root, folders: [] });
      } else await walk(root, [], out);
    }
    return out;
  })();
}
