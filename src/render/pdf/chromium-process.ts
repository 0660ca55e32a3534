/**
 * Chromium's process, started by baogao itself rather than by
 * puppeteer.launch: puppeteer's import takes a quarter of a second, and
 * Chromium's start (most of a second on two cores) need not wait for it.
 * puppeteer then connects over the same pipe it would have used
 * (`--remote-debugging-pipe`: commands on fd 3, replies on fd 4).
 *
 * The flags are the ones puppeteer.launch would pass (its defaultArgs,
 * headless, with our own after them); tests/pdf/browser.test.ts holds the
 * two lists equal, so that an upgrade of puppeteer that changes them is
 * noticed, and so that the bench's floor (which uses puppeteer.launch)
 * starts the very same browser.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import type { Readable, Writable } from 'node:stream';
import type { ConnectionTransport } from 'puppeteer-core';

/** puppeteer 24's defaultArgs({ headless: true }) before the profile folder. */
const PUPPETEER_DEFAULTS = [
  '--allow-pre-commit-input',
  '--disable-background-networking',
  '--disable-background-timer-throttling',
  '--disable-backgrounding-occluded-windows',
  '--disable-breakpad',
  '--disable-client-side-phishing-detection',
  '--disable-component-extensions-with-background-pages',
  '--disable-crash-reporter',
  '--disable-default-apps',
  '--disable-dev-shm-usage',
  '--disable-hang-monitor',
  '--disable-infobars',
  '--disable-ipc-flooding-protection',
  '--disable-popup-blocking',
  '--disable-prompt-on-repost',
  '--disable-renderer-backgrounding',
  '--disable-search-engine-choice-screen',
  '--disable-sync',
  '--enable-automation',
  // The two that matter to the print: a tagged PDF (its structure tree), and Chromium's outline data.
  '--export-tagged-pdf',
  '--force-color-profile=srgb',
  '--generate-pdf-document-outline',
  '--metrics-recording-only',
  '--no-first-run',
  '--password-store=basic',
  '--use-mock-keychain',
  '--disable-features=Translate,AcceptCHFrame,MediaRouter,OptimizationHints,WebUIReloadButton,ProcessPerSiteUpToMainFrameThreshold,IsolateSandboxedIframes',
  '--enable-features=PdfOopif',
];

/** Everything Chromium is started with, in the order puppeteer.launch({ pipe: true }) would give it. */
export function launchArgs(profile: string, args: string[]): string[] {
  return [
    ...PUPPETEER_DEFAULTS,
    `--user-data-dir=${profile}`,
    '--headless=new',
    '--hide-scrollbars',
    '--mute-audio',
    '--disable-extensions',
    'about:blank',
    ...args,
    '--remote-debugging-pipe',
  ];
}

/** The DevTools protocol over Chromium's pipe: messages end with a NUL byte. */
class PipeTransport implements ConnectionTransport {
  onmessage?: (message: string) => void;
  onclose?: () => void;
  #pending: Buffer[] = [];
  #closed = false;

  constructor(
    private readonly write: Writable,
    read: Readable,
  ) {
    read.on('data', (chunk: Buffer) => this.#receive(chunk));
    read.on('close', () => this.onclose?.());
    // A write after Chromium quit: the close above reports it.
    read.on('error', () => undefined);
    write.on('error', () => undefined);
  }

  send(message: string): void {
    if (this.#closed) return;
    this.write.write(`${message}\0`);
  }

  #receive(chunk: Buffer): void {
    if (chunk.indexOf(0) === -1) {
      this.#pending.push(chunk);
      return;
    }
    const all = this.#pending.length ? Buffer.concat([...this.#pending, chunk]) : chunk;
    let start = 0;
    for (let end = all.indexOf(0); end !== -1; end = all.indexOf(0, start)) {
      const message = all.toString('utf8', start, end);
      start = end + 1;
      // One message per turn, as puppeteer's own transport delivers them.
      setImmediate(() => this.onmessage?.(message));
    }
    this.#pending = start < all.length ? [all.subarray(start)] : [];
  }

  close(): void {
    this.#closed = true;
  }
}

export interface ChromiumProcess {
  transport: ConnectionTransport;
  /** Settles when the process has exited (or could not start), with what it said on stderr last. */
  exited: Promise<string>;
  /** Ends the process and every one it started (its process group), and waits for its exit. */
  kill(): Promise<void>;
}

/** The last few lines Chromium wrote to stderr, for the error when it fails to start. */
const KEEP = 4096;

export function spawnChromium(executablePath: string, profile: string, args: string[]): ChromiumProcess {
  // Detached: its own process group, so that its renderers end with it, and a Ctrl-C at
  // the terminal reaches baogao only (whose runner closes Chromium in order).
  const proc: ChildProcess = spawn(executablePath, launchArgs(profile, args), { detached: true, stdio: ['ignore', 'ignore', 'pipe', 'pipe', 'pipe'] });
  let stderr = '';
  proc.stderr!.setEncoding('utf8');
  proc.stderr!.on('data', (s: string) => (stderr = (stderr + s).slice(-KEEP)));
  const exited = new Promise<string>((resolve) => {
    proc.once('error', (e) => resolve(`${stderr}${e.message}`));
    proc.once('exit', () => resolve(stderr));
  });
  const transport = new PipeTransport(proc.stdio[3] as Writable, proc.stdio[4] as Readable);
  return {
    transport,
    exited,
    async kill() {
      if (proc.exitCode === null && proc.signalCode === null && proc.pid !== undefined) {
        try {
          process.kill(-proc.pid, 'SIGKILL');
        } catch {
          proc.kill('SIGKILL');
        }
        await exited;
      }
      transport.close();
    },
  };
}
