/**
 * What an interrupted command must undo: a staging folder to remove, a lock
 * to release, a browser to close and its profile folder to delete. Each
 * stage registers its undo while it holds the resource and unregisters it
 * when it has let go; on SIGINT, SIGTERM or SIGHUP the CLI runner runs what
 * is registered, newest first, and exits.
 */

import fs from 'node:fs';
import path from 'node:path';

type Undo = () => void | Promise<void>;

/**
 * One list per process, whichever copy of this module registers: `check` and
 * `build` run from scripts of their own (cli/cached-script.ts), each with its
 * copy, and the runner that undoes on a signal has another.
 */
interface State {
  registered: Undo[];
  /** Undos run after all the others: removing a folder that work still running (a print) could write into. */
  lastly: Undo[];
  undoing: boolean;
}
const KEY = Symbol.for('baogao.cleanup');
const state: State = ((globalThis as Record<symbol, unknown>)[KEY] ??= { registered: [], lastly: [], undoing: false }) as State;
const { registered, lastly } = state;

/**
 * Registers `undo` for an interruption; returns the function that unregisters
 * it. `last`: it runs after every other undo, once the browser is closed and
 * nothing is printing into the folder it removes.
 */
export function onInterrupt(undo: Undo, opts: { last?: boolean } = {}): () => void {
  const list = opts.last ? lastly : registered;
  list.push(undo);
  return () => {
    const i = list.lastIndexOf(undo);
    if (i >= 0) list.splice(i, 1);
  };
}

/** How long one undo may take before the next runs (closing a browser that hangs must not keep the terminal). */
const UNDO_TIMEOUT_MS = 5000;

/**
 * True once an interruption is being undone: work still running (a build's
 * next stage, between its awaits) stops instead of writing into folders the
 * undo has just removed.
 */
export function interrupted(): boolean {
  return state.undoing;
}

/** Runs every registered undo, newest first; none may throw or hang the others. */
export async function undoAll(): Promise<void> {
  state.undoing = true;
  while (registered.length || lastly.length) {
    const undo = (registered.length ? registered : lastly).pop()!;
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([Promise.resolve().then(undo), new Promise((resolve) => (timer = setTimeout(resolve, UNDO_TIMEOUT_MS)))]);
    } catch {
      // An undo that fails leaves its resource; the others still run.
    } finally {
      clearTimeout(timer);
    }
  }
}

/** Whether `pid` is a running process (of this user). */
export function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes the folders in `dir` named `<prefix><pid>-…` that `stale` judges
 * left behind by a killed process (NaN where the name carries no pid).
 */
export function removeLeftovers(dir: string, prefix: string, stale: (pid: number) => boolean): void {
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names) {
    if (!name.startsWith(prefix)) continue;
    const pid = Number(/^(\d+)-/.exec(name.slice(prefix.length))?.[1]);
    if (stale(pid)) fs.rmSync(path.join(dir, name), { recursive: true, force: true });
  }
}
