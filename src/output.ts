/**
 * Output staging: a build writes into a fresh folder beside the output folder
 * and moves its files into place only when everything succeeded, so a failed
 * build leaves the previous outputs untouched.
 */
import fs from 'node:fs';
import path from 'node:path';
import { usageError } from './diagnostics.js';

/** Creates the staging folder next to `outDir` (same file system, so moves are renames). */
export function createStaging(outDir: string): string {
  const parent = path.dirname(path.resolve(outDir));
  try {
    fs.mkdirSync(parent, { recursive: true });
    return fs.mkdtempSync(path.join(parent, `.${path.basename(outDir)}-staging-`));
  } catch (e) {
    throw usageError(`cannot write next to ${outDir}: ${(e as NodeJS.ErrnoException).code ?? e}; choose another folder with --out`);
  }
}

function filesUnder(dir: string, rel = ''): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(path.join(dir, rel), { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
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
    for (const rel of files) {
      const target = path.join(outDir, rel);
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.renameSync(path.join(staging, rel), target);
    }
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    throw usageError(`cannot replace files in ${outDir} (${err.code ?? err.message}): is a file open in another program, or the folder read-only?`);
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
  return files;
}

/** Throws away a staging folder after a failed build. */
export function discardStaging(staging: string): void {
  fs.rmSync(staging, { recursive: true, force: true });
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
