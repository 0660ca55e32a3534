/**
 * The build's side of the print worker (print-worker.ts): the thread loads
 * puppeteer and starts Chromium while this thread loads and checks the
 * edition; here its messages become promises. The worker is the one the
 * command line started early (print-worker-start.ts), or one started here.
 */
import { trace } from '../../trace.js';
import type { PrintWithReads } from './print-store.js';
import { startPrintWorker, type StartedWorker } from './print-worker-start.js';
import { fromWire } from './worker-protocol.js';

export interface RemoteBrowser {
  /** Settles once Chromium's process is started, or could not be. */
  spawned: Promise<void>;
  /** Asks the worker to launch Chromium (once the browser's path is known), unless it has already. */
  launch(): void;
  /** Loads `url` (a file under `root`) on a fresh page and prints it; with the files it read. Launches first. */
  print(url: string, root: string): Promise<PrintWithReads>;
  /** Closes Chromium (removing its profile) and ends the thread. */
  close(): Promise<void>;
}

interface Job {
  resolve: (printed: PrintWithReads) => void;
  reject: (e: Error) => void;
}

/**
 * Drives a print worker: `worker`, or one started now. Chromium is launched
 * when {@link RemoteBrowser.launch} is called (a worker started early may
 * have launched it already, which the worker then reports).
 */
export function startRemoteBrowser(executablePath: Promise<string>, pages: number, opts: { timeoutMs?: number; worker?: StartedWorker } = {}): RemoteBrowser {
  const worker = opts.worker ?? startPrintWorker();
  const jobs = new Map<number, Job>();
  let nextId = 0;
  let failed: Error | undefined;
  let onSpawned = (): void => undefined;
  const spawned = new Promise<void>((resolve) => (onSpawned = resolve));
  let onLaunched: (e?: Error) => void = () => undefined;
  const launched = new Promise<void>((resolve, reject) => (onLaunched = (e) => (e ? reject(e) : resolve())));
  launched.catch(() => undefined);

  const fail = (e: Error) => {
    failed ??= e;
    onSpawned();
    onLaunched(e);
    for (const job of jobs.values()) job.reject(e);
    jobs.clear();
  };
  worker.listen((e) => {
    if (e.kind === 'error') return fail(e.error);
    if (e.kind === 'exit') return fail(new Error('the print worker ended'));
    const m = e.message;
    if (m.type === 'spawned') onSpawned();
    else if (m.type === 'launched') onLaunched();
    else if (m.type === 'launch-failed') fail(fromWire(m.error));
    else if (m.type === 'printed' || m.type === 'print-failed') {
      const job = jobs.get(m.id);
      jobs.delete(m.id);
      if (m.type === 'printed') job?.resolve({ pdf: m.pdf, reads: m.reads });
      else job?.reject(fromWire(m.error));
    }
  });

  let asked = false;
  const launch = () => {
    if (asked) return;
    asked = true;
    executablePath.then(
      (p) => {
        trace('browser: launch sent to the print worker');
        worker.post({ type: 'launch', executablePath: p, pages, timeoutMs: opts.timeoutMs });
      },
      (e: unknown) => fail(e instanceof Error ? e : new Error(String(e))),
    );
  };

  return {
    spawned,
    launch,
    print(url, root) {
      if (failed) return Promise.reject(failed);
      launch();
      const id = nextId++;
      return launched.then(
        () =>
          new Promise<PrintWithReads>((resolve, reject) => {
            if (failed) return reject(failed);
            jobs.set(id, { resolve, reject });
            worker.post({ type: 'print', id, url, root });
          }),
      );
    },
    close: () => worker.close(),
  };
}
