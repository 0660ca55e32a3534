/**
 * The print worker: a thread of the build's process that drives Chromium.
 * Why a thread: Chromium's start, its pages and every file a page loads are
 * exchanges with puppeteer (each file the page asks for waits for an
 * answer, browser.ts), while the build's own thread is busy for tenths of
 * a second at a time (the next language's page, the check, the workbook).
 * Here Chromium is answered at once, so a language prints while the build
 * lays out the next.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { launchBrowser, type PrintBrowser } from './browser.js';
import { findSystemBrowser } from './find-browser.js';
import { printPage } from './page-print.js';
import { keptPrintsLookFresh } from './print-store.js';
import type { EarlyLaunch } from './print-worker-start.js';
import { trace } from '../../trace.js';
import { toWire, type FromWorker, type ToWorker } from './worker-protocol.js';

const port = parentPort;
if (!port) throw new Error('print-worker.ts runs as a worker thread of the PDF stage');

const send = (m: FromWorker, transfer: ArrayBuffer[] = []) => port.postMessage(m, transfer);
let launching: Promise<PrintBrowser> | undefined;

function print(id: number, url: string, root: string): void {
  if (!launching) return send({ type: 'print-failed', id, error: toWire(new Error('print before launch')) });
  launching
    .then((browser) => browser.withPage(async (page, reads) => ({ pdf: await printPage(page, url), reads }), root))
    .then(
      // Handed over rather than copied, when the bytes are the whole of their buffer.
      ({ pdf, reads }) =>
        send({ type: 'printed', id, pdf, reads }, pdf.byteOffset === 0 && pdf.byteLength === pdf.buffer.byteLength ? [pdf.buffer as ArrayBuffer] : []),
      (e: unknown) => send({ type: 'print-failed', id, error: toWire(e) }),
    );
}

async function close(): Promise<void> {
  await launching?.then((b) => b.close()).catch(() => undefined);
  send({ type: 'closed' });
  port!.close();
}

function launch(executablePath: string, pages: number, timeoutMs?: number): void {
  // Once: a worker that launched early (below) is still asked when the build gets to it.
  if (launching) return;
  launching = launchBrowser({ executablePath, pages, timeoutMs, onSpawned: () => send({ type: 'spawned' }) });
  launching.then(
    () => send({ type: 'launched' }),
    (e: unknown) => send({ type: 'launch-failed', error: toWire(e) }),
  );
}

/**
 * Started by the command line before the build has loaded (print-worker-start.ts):
 * Chromium is launched now, unless the kept prints look current (the build may need
 * none) or no browser is found without installing one (the build then provisions it
 * and asks). Synchronous up to the spawn, so that a message from the build waits for it.
 */
function launchEarly(early: EarlyLaunch): void {
  const found = keptPrintsLookFresh(early.out, early.langs, early.inputs) ? undefined : findSystemBrowser();
  trace(`print worker: ${found ? 'launching at once' : 'waiting to be asked'}`);
  send({ type: 'early', launching: found !== undefined });
  if (found) launch(found, early.langs.length);
}

trace('print worker: running');
const early = (workerData as { early?: EarlyLaunch } | null)?.early;
if (early) launchEarly(early);
port.on('message', (m: ToWorker) => {
  if (m.type === 'launch') launch(m.executablePath, m.pages, m.timeoutMs);
  else if (m.type === 'print') print(m.id, m.url, m.root);
  else void close();
});
