/**
 * The build's side of the print worker (print-worker.ts): starts the thread
 * at once, so that it loads puppeteer and starts Chromium while this thread
 * loads and checks the edition, and turns its messages into promises.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { onInterrupt } from '../../cleanup.js';
import { trace } from '../../trace.js';
import type { PrintWithReads } from './print-store.js';
import { fromWire, type FromWorker, type ToWorker } from './worker-protocol.js';

export interface RemoteBrowser {
  /** Settles once Chromium's process is started, or could not be. */
  spawned: Promise<void>;
  /** Loads `url` (a file under `root`) on a fresh page and prints it; with the files it read. */
  print(url: string, root: string): Promise<PrintWithReads>;
  /** Closes Chromium (removing its profile) and ends the thread. */
  close(): Promise<void>;
}

/**
 * The worker's entry beside this module: print-worker.js in dist/ and in the
 * bundle (an entry point of its own there); from the TypeScript sources (the
 * tests, a developer's tsx), print-worker.ts through tsx's loader, which a
 * worker does not inherit.
 */
function newWorker(): Worker {
  const here = import.meta.url;
  if (!here.endsWith('.ts')) return new Worker(new URL('./print-worker.js', here));
  const tsxPackage = createRequire(here).resolve('tsx/package.json');
  type Target = string | { default: string };
  const exports = (JSON.parse(fs.readFileSync(tsxPackage, 'utf8')) as { exports: Record<string, { import: Target }> }).exports;
  const target = exports['./esm/api'].import;
  const api = pathToFileURL(path.join(path.dirname(tsxPackage), typeof target === 'string' ? target : target.default)).href;
  const entry = new URL('./print-worker.ts', here).href;
  return new Worker(`import(${JSON.stringify(api)}).then((tsx) => tsx.tsImport(${JSON.stringify(entry)}, ${JSON.stringify(here)}));`, { eval: true });
}

interface Job {
  resolve: (printed: PrintWithReads) => void;
  reject: (e: Error) => void;
}

/** How long the worker may take to close Chromium before it is ended outright (within cleanup.ts's 5 s per undo). */
const CLOSE_GRACE_MS = 4000;

/** Starts the worker now, and Chromium in it once the browser's path is known. */
export function startRemoteBrowser(executablePath: Promise<string>, pages: number, timeoutMs?: number): RemoteBrowser {
  const worker = newWorker();
  trace('browser: print worker started');
  const jobs = new Map<number, Job>();
  let nextId = 0;
  let failed: Error | undefined;
  let onSpawned = (): void => undefined;
  const spawned = new Promise<void>((resolve) => (onSpawned = resolve));
  let onLaunched: (e?: Error) => void = () => undefined;
  const launched = new Promise<void>((resolve, reject) => (onLaunched = (e) => (e ? reject(e) : resolve())));
  launched.catch(() => undefined);
  let onClosed = (): void => undefined;
  const closed = new Promise<void>((resolve) => (onClosed = resolve));

  const fail = (e: Error) => {
    failed ??= e;
    onSpawned();
    onLaunched(e);
    for (const job of jobs.values()) job.reject(e);
    jobs.clear();
  };
  worker.on('message', (m: FromWorker) => {
    if (m.type === 'spawned') onSpawned();
    else if (m.type === 'launched') onLaunched();
    else if (m.type === 'launch-failed') fail(fromWire(m.error));
    else if (m.type === 'printed' || m.type === 'print-failed') {
      const job = jobs.get(m.id);
      jobs.delete(m.id);
      if (m.type === 'printed') job?.resolve({ pdf: m.pdf, reads: m.reads });
      else job?.reject(fromWire(m.error));
    } else onClosed();
  });
  worker.on('error', (e) => fail(e));
  worker.on('exit', () => {
    fail(new Error('the print worker ended'));
    onClosed();
  });
  const post = (m: ToWorker) => worker.postMessage(m);
  executablePath.then(
    (p) => {
      trace('browser: launch sent to the print worker');
      post({ type: 'launch', executablePath: p, pages, timeoutMs });
    },
    (e: unknown) => fail(e instanceof Error ? e : new Error(String(e))),
  );

  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= (async () => {
      post({ type: 'close' });
      // The worker closes Chromium and removes its profile; a worker that cannot is ended outright,
      // which closes Chromium's pipe, and Chromium quits with it.
      const timer = setTimeout(() => void worker.terminate(), CLOSE_GRACE_MS);
      await closed;
      clearTimeout(timer);
      await worker.terminate();
    })());
  const unregister = onInterrupt(close);

  return {
    spawned,
    print(url, root) {
      if (failed) return Promise.reject(failed);
      const id = nextId++;
      return launched.then(
        () =>
          new Promise<PrintWithReads>((resolve, reject) => {
            if (failed) return reject(failed);
            jobs.set(id, { resolve, reject });
            post({ type: 'print', id, url, root });
          }),
      );
    },
    async close() {
      unregister();
      await close();
    },
  };
}
