/**
 * Starting the print worker (print-worker.ts), as early as the command line
 * allows. A cold build's end moves with Chromium's start, about one for one
 * (issue 17: delaying the spawn by 100 ms delayed the build by 100–180 ms),
 * and Chromium was spawned only once the build's 5 MB script had loaded and
 * the worker had booted after it. So `baogao build` starts the worker as
 * soon as its arguments are parsed, before the build's script loads, and
 * tells it what to look at (`early`): the worker then finds the browser
 * and spawns Chromium at once, unless the output folder's kept prints look
 * current (a rebuild that may need no Chromium). The build adopts the
 * worker (remote-browser.ts); its messages wait here until it does.
 * This module is small and loads nothing of the PDF stage.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Lang } from '../../model.js';
import { onInterrupt } from '../../cleanup.js';
import { trace } from '../../trace.js';
import type { FromWorker, ToWorker } from './worker-protocol.js';

/** What the worker needs to launch Chromium before being asked (print-worker.ts). */
export interface EarlyLaunch {
  /** The output folder, whose kept prints may make Chromium unnecessary. */
  out: string;
  langs: readonly Lang[];
  /** The folders the pages come from (the edition, the templates). */
  inputs: string[];
}

/** What a worker reports: a message, or that it failed or ended. */
export type WorkerEvent = { kind: 'message'; message: FromWorker } | { kind: 'error'; error: Error } | { kind: 'exit' };

/** A started worker, whose events are kept until {@link StartedWorker.listen} is called. */
export interface StartedWorker {
  /** Receives every event from now on, and first those that came before. */
  listen(fn: (e: WorkerEvent) => void): void;
  post(m: ToWorker): void;
  /** Asks the worker to close Chromium, and ends it (outright after `graceMs`). */
  close(graceMs?: number): Promise<void>;
}

/**
 * The worker's entry beside this module: print-worker.js in dist/ and in the
 * bundle (an entry point of its own there); from the TypeScript sources (the
 * tests, a developer's tsx), print-worker.ts through tsx's loader, which a
 * worker does not inherit.
 */
function newWorker(early: EarlyLaunch | undefined): Worker {
  const here = import.meta.url;
  const workerData = { early };
  if (!here.endsWith('.ts')) return new Worker(new URL('./print-worker.js', here), { workerData });
  const tsxPackage = createRequire(here).resolve('tsx/package.json');
  type Target = string | { default: string };
  const exports = (JSON.parse(fs.readFileSync(tsxPackage, 'utf8')) as { exports: Record<string, { import: Target }> }).exports;
  const target = exports['./esm/api'].import;
  const api = pathToFileURL(path.join(path.dirname(tsxPackage), typeof target === 'string' ? target : target.default)).href;
  const entry = new URL('./print-worker.ts', here).href;
  return new Worker(`import(${JSON.stringify(api)}).then((tsx) => tsx.tsImport(${JSON.stringify(entry)}, ${JSON.stringify(here)}));`, {
    eval: true,
    workerData,
  });
}

/** How long the worker may take to close Chromium before it is ended outright (within cleanup.ts's 5 s per undo). */
const CLOSE_GRACE_MS = 4000;

/** Starts the print worker now; with `early`, it launches Chromium without waiting to be asked. */
export function startPrintWorker(early?: EarlyLaunch): StartedWorker {
  const worker = newWorker(early);
  trace(`browser: print worker started${early ? ' (to launch at once)' : ''}`);
  const kept: WorkerEvent[] = [];
  let deliver: ((e: WorkerEvent) => void) | undefined;
  const emit = (e: WorkerEvent) => (deliver ? deliver(e) : kept.push(e));
  let onClosed = (): void => undefined;
  const closed = new Promise<void>((resolve) => (onClosed = resolve));
  worker.on('message', (message: FromWorker) => {
    if (message.type === 'closed') onClosed();
    emit({ kind: 'message', message });
  });
  worker.on('error', (error) => emit({ kind: 'error', error }));
  worker.on('exit', () => {
    onClosed();
    emit({ kind: 'exit' });
  });
  let closing: Promise<void> | undefined;
  const close = (graceMs = CLOSE_GRACE_MS) =>
    (closing ??= (async () => {
      worker.postMessage({ type: 'close' } satisfies ToWorker);
      // The worker closes Chromium and removes its profile; a worker that cannot is ended outright,
      // which closes Chromium's pipe, and Chromium quits with it.
      const timer = setTimeout(() => void worker.terminate(), graceMs);
      await closed;
      clearTimeout(timer);
      await worker.terminate();
    })());
  // Interrupted before the build has adopted it (or after): Chromium is closed all the same.
  const unregister = onInterrupt(() => close());
  return {
    listen(fn) {
      deliver = fn;
      for (const e of kept.splice(0)) fn(e);
    },
    post: (m) => worker.postMessage(m),
    async close(graceMs) {
      unregister();
      await close(graceMs);
    },
  };
}
