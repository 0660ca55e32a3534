/**
 * Output staging: a build writes into a fresh folder beside the output folder
 * and moves its files into place only when everything succeeded, so a failed
 * build leaves the previous outputs untouched. One build at a time writes to
 * an output folder (a lock file beside it), and a build removes the staging
 * folders that killed builds left behind.
 */
import fs from 'node:fs';
import path from 'node:path';
import { isAlive, onInterrupt, removeLeftovers } from './cleanup.js';
import { usageError } from './diagnostics.js';
import { byCodeUnit } from './plain-text.js';

/** The real path of `p`, or of its nearest existing ancestor joined with the rest (for a folder not made yet). */
/**
 * Writes `data` to `file` by renaming a finished file over it: a reader (a
 * page being served, a print, another build) sees the old file or the new,
 * never half of one. The part file is hidden and names this process.
 */
export function replaceFile(file: string, data: string | Uint8Array): void {
  const part = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  fs.writeFileSync(part, data);
  fs.renameSync(part, file);
}

export function realTarget(p: string): string {
  const abs = path.resolve(p);
  const rest: string[] = [];
  for (let cur = abs; ; cur = path.dirname(cur)) {
    try {
      return path.join(fs.realpathSync(cur), ...rest.reverse());
    } catch {
      if (path.dirname(cur) === cur) return abs;
      rest.push(path.basename(cur));
    }
  }
}

const within = (inner: string, outer: string) => inner === outer || inner.startsWith(outer + path.sep);

/**
 * Refuses an output folder that cannot be one: empty, a file, or the edition
 * itself or a folder inside it (the build's files would become part of the
 * edition the next build reads).
 */
export function checkOutDir(out: string, edition: string): void {
  if (out.trim() === '') throw usageError('--out needs a folder, e.g. --out output');
  let stat: fs.Stats | undefined;
  try {
    stat = fs.statSync(out);
  } catch {
    stat = undefined;
  }
  if (stat && !stat.isDirectory()) throw usageError(`--out ${out} is a file, not a folder; give the folder the outputs go to, e.g. --out output`);
  const o = realTarget(out);
  const e = realTarget(edition);
  if (within(o, e)) {
    throw usageError(`--out ${out} ${o === e ? 'is' : 'lies inside'} the edition folder ${edition}; write the outputs beside it (e.g. --out output)`);
  }
}

const stagingPrefix = (outDir: string) => `.${path.basename(path.resolve(outDir))}-staging-`;

/** Removes staging folders of this output folder whose build is no longer running (killed before it could clean up). */
function removeStaleStaging(parent: string, outDir: string): void {
  // Staging folders of older versions carry no pid: nothing else is writing (the lock is held), so they are stale too.
  removeLeftovers(parent, stagingPrefix(outDir), (pid) => Number.isNaN(pid) || !isAlive(pid) || pid === process.pid);
}

/** A held output lock; {@link OutputLock.release} it when the build is done. */
export interface OutputLock {
  release(): void;
}

/**
 * Takes the lock of `outDir`: a file `.<name>.lock` beside it holding the
 * pid of the build. A second build into the same folder is refused while the
 * first runs; a lock whose build died is taken over.
 */
export function lockOutput(outDir: string): OutputLock {
  const parent = path.dirname(path.resolve(outDir));
  try {
    fs.mkdirSync(parent, { recursive: true });
  } catch (e) {
    throw usageError(`cannot write next to ${outDir}: ${(e as NodeJS.ErrnoException).code ?? String(e)}; choose another folder with --out`);
  }
  const file = path.join(parent, `.${path.basename(path.resolve(outDir))}.lock`);
  for (let attempt = 0; ; attempt++) {
    try {
      fs.writeFileSync(file, `${process.pid}\n`, { flag: 'wx' });
      break;
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code !== 'EEXIST') throw usageError(`cannot write next to ${outDir}: ${code ?? String(e)}; choose another folder with --out`);
      const holder = Number(readOr(file, '').trim());
      if (isAlive(holder) && holder !== process.pid) {
        throw usageError(`another baogao build (process ${holder}) is writing to ${outDir}; wait for it to finish, or build into another folder with --out`);
      }
      // The build that held it is gone: the lock is stale.
      if (attempt > 2) throw usageError(`cannot take the lock ${file}; delete it if no build is running`);
      fs.rmSync(file, { force: true });
    }
  }
  removeStaleStaging(parent, outDir);
  let held = true;
  const release = () => {
    if (!held) return;
    held = false;
    unregister();
    fs.rmSync(file, { force: true });
  };
  const unregister = onInterrupt(release);
  return { release };
}

function readOr(file: string, fallback: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return fallback;
  }
}

/** Creates the staging folder next to `outDir` (same file system, so moves are renames). */
export function createStaging(outDir: string): string {
  const parent = path.dirname(path.resolve(outDir));
  let staging: string;
  try {
    fs.mkdirSync(parent, { recursive: true });
    staging = fs.mkdtempSync(path.join(parent, `${stagingPrefix(outDir)}${process.pid}-`));
  } catch (e) {
    throw usageError(`cannot write next to ${outDir}: ${(e as NodeJS.ErrnoException).code ?? String(e)}; choose another folder with --out`);
  }
  undoStaging.set(
    staging,
    // Last: after the browser has closed, no print is left to write into it again.
    onInterrupt(() => fs.rmSync(staging, { recursive: true, force: true }), { last: true }),
  );
  return staging;
}

const undoStaging = new Map<string, () => void>();

function dropStaging(staging: string): void {
  fs.rmSync(staging, { recursive: true, force: true });
  undoStaging.get(staging)?.();
  undoStaging.delete(staging);
}

function filesUnder(dir: string, rel = ''): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(path.join(dir, rel), { withFileTypes: true }).sort((a, b) => byCodeUnit(a.name, b.name))) {
    const r = path.join(rel, entry.name);
    if (entry.isDirectory()) out.push(...filesUnder(dir, r));
    else out.push(r);
  }
  return out;
}

/**
 * Moves every file of the staging folder over its counterpart in `outDir`.
 * Files of other formats already in `outDir` stay (an HTML-only build keeps
 * the last PDF). Each replacement is an atomic rename.
 */
export function commitStaging(staging: string, outDir: string): string[] {
  const files = filesUnder(staging);
  try {
    // A folder the output does not have yet (the fonts of a first build) moves in one rename, not one per file.
    const whole = new Set<string>();
    for (const entry of fs.readdirSync(staging, { withFileTypes: true })) {
      const target = path.join(outDir, entry.name);
      if (!entry.isDirectory() || fs.existsSync(target)) continue;
      fs.mkdirSync(outDir, { recursive: true });
      fs.renameSync(path.join(staging, entry.name), target);
      whole.add(entry.name);
    }
    const made = new Set<string>();
    for (const rel of files) {
      if (whole.has(rel.split(path.sep)[0])) continue;
      const target = path.join(outDir, rel);
      const folder = path.dirname(target);
      if (!made.has(folder)) fs.mkdirSync(folder, { recursive: true });
      made.add(folder);
      fs.renameSync(path.join(staging, rel), target);
    }
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    throw usageError(replaceProblem(outDir, err));
  } finally {
    dropStaging(staging);
  }
  return files;
}

/** What stopped a file from being replaced, in the editor's terms. */
function replaceProblem(outDir: string, err: NodeJS.ErrnoException): string {
  const where = (err as { dest?: string }).dest ?? err.path ?? outDir;
  switch (err.code) {
    case 'ENOTDIR':
    case 'EEXIST':
      return `cannot write ${where}: a file stands where baogao needs a folder in ${outDir}; move it away or choose another --out`;
    case 'EISDIR':
      return `cannot write ${where}: a folder stands where baogao writes a file; move it away or choose another --out`;
    case 'EACCES':
    case 'EPERM':
    case 'EROFS':
      return `cannot replace files in ${outDir} (${err.code}): the folder or a file in it is read-only`;
    case 'EBUSY':
      return `cannot replace ${where} (${err.code}): is the file open in another program?`;
    default:
      return `cannot replace files in ${outDir} (${err.code ?? err.message})`;
  }
}

/** Throws away a staging folder after a failed build. */
export function discardStaging(staging: string): void {
  dropStaging(staging);
}

/**
 * Removes the files of `sub` in `outDir` that match `pattern` and that the
 * build did not write (`written`, relative to `outDir`): the CSV of a table
 * renamed or dropped since the last build would otherwise stay beside the
 * new ones and be published with them.
 */
export function pruneStale(outDir: string, sub: string, pattern: RegExp, written: string[]): void {
  const dir = path.join(outDir, sub);
  if (!fs.existsSync(dir)) return;
  const keep = new Set(written.map((f) => path.normalize(f)));
  for (const name of fs.readdirSync(dir)) {
    const rel = path.join(sub, name);
    if (pattern.test(name) && !keep.has(rel)) fs.rmSync(path.join(outDir, rel), { force: true });
  }
}
