/**
 * Watches a folder tree for the ways editors save. Node's recursive
 * `fs.watch` follows files by inode on Linux: after a save by rename (write a
 * temporary file, move it over the old one, as vim, gedit and `sed -i` do)
 * the new file is not watched and its next saves go unseen. Here every
 * folder is watched on its own, non-recursively: a folder's watch reports
 * any entry created, renamed over, changed or deleted in it, whatever inode
 * the entry has now. Folders created later are watched as they appear.
 */
import fs from 'node:fs';
import path from 'node:path';

export interface FolderWatch {
  close(): void;
}

/** Calls `onChange(file)` for every change under `root`; `onError` when a folder can no longer be watched. */
export function watchFolder(
  root: string,
  onChange: (file: string) => void,
  onError: (e: Error) => void,
  skip: (dir: string) => boolean = () => false,
): FolderWatch {
  const watchers = new Map<string, fs.FSWatcher>();
  let closed = false;

  const add = (dir: string): void => {
    if (closed || watchers.has(dir) || skip(dir)) return;
    let w: fs.FSWatcher;
    try {
      w = fs.watch(dir, (_event, name) => {
        const file = name ? path.join(dir, name.toString()) : dir;
        // A folder created (or moved in) after the start: watch it and what it holds.
        if (name && isDir(file)) scan(file);
        // A folder deleted: its watch ends with it.
        if (name && watchers.has(file) && !fs.existsSync(file)) drop(file);
        onChange(file);
      });
    } catch (e) {
      // A folder that vanished between listing and watching is no longer there to watch.
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') onError(e as Error);
      return;
    }
    w.on('error', (e) => {
      if (!fs.existsSync(dir)) drop(dir);
      else onError(e);
    });
    watchers.set(dir, w);
  };
  const drop = (dir: string): void => {
    for (const [d, w] of watchers) {
      if (d === dir || d.startsWith(dir + path.sep)) {
        w.close();
        watchers.delete(d);
      }
    }
  };
  const scan = (dir: string): void => {
    add(dir);
    let entries: fs.Dirent[] = [];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) if (e.isDirectory()) scan(path.join(dir, e.name));
  };
  scan(root);
  return {
    close() {
      closed = true;
      for (const w of watchers.values()) w.close();
      watchers.clear();
    },
  };
}

function isDir(file: string): boolean {
  try {
    return fs.statSync(file).isDirectory();
  } catch {
    return false;
  }
}
