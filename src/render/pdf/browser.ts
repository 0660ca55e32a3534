/**
 * One headless Chromium per build, shared by both editions, and pages that
 * load nothing but the build's own files.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Browser, Page } from 'puppeteer-core';
import { isAlive, onInterrupt, removeLeftovers } from '../../cleanup.js';
import { BaogaoError } from '../../diagnostics.js';
import { trace } from '../../trace.js';
import { spawnChromium } from './chromium-process.js';
import { fileHash, type Reads } from './print-store.js';

/** How long any single browser operation (and one whole page job) may take. */
export const DEFAULT_TIMEOUT_MS = Number(process.env.BAOGAO_PDF_TIMEOUT_MS) || 120_000;

/** A launched browser; always {@link PrintBrowser.close} it (use {@link withBrowser}). */
export interface PrintBrowser {
  /**
   * Runs `fn` on a fresh page restricted to files under the root folder, and
   * closes the page afterwards. A page crash is retried once on a new page.
   * `root` overrides the launch's (a browser launched before the build's
   * staging folder existed gets it here).
   */
  withPage<T>(fn: (page: Page, reads: Reads) => Promise<T>, root?: string): Promise<T>;
  close(): Promise<void>;
}

export interface LaunchOptions {
  executablePath: string;
  /** The only folder pages may read from (the build's staging folder); or given to each withPage. */
  root?: string;
  timeoutMs?: number;
  /** Pages to open as soon as the browser is up (one per language), so that printing does not wait for them. */
  pages?: number;
  /** Called once Chromium's process has been started, before puppeteer has connected to it. */
  onSpawned?: () => void;
}

/**
 * Flags: headless without GPU, and none of the background services (updates,
 * sync, component downloads) that would reach the network on their own.
 */
const ARGS = [
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--font-render-hinting=none',
];

/** Chromium's command-line flags for this process: `--no-sandbox` only as root, where Chromium refuses to start with its sandbox. */
export function chromiumArgs(): string[] {
  return [...ARGS, ...(process.getuid?.() === 0 ? ['--no-sandbox'] : [])];
}

/** True for a URL the page may load: a file inside `root`. */
export function isAllowedUrl(url: string, root: string): boolean {
  if (!url.startsWith('file://')) return false;
  let file: string;
  try {
    file = fileURLToPath(url);
  } catch {
    return false;
  }
  const rel = path.relative(path.resolve(root), path.resolve(file));
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
}

/** The last line Chromium wrote that says something (its stderr ends with blank lines). */
function lastLine(stderr: string): string {
  return stderr.trim().split('\n').pop() ?? '';
}

function isCrash(e: unknown): boolean {
  return /crash|Target closed|Session closed|detached/i.test((e as Error)?.message ?? '');
}

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new BaogaoError(`${what} took longer than ${ms / 1000} s (set BAOGAO_PDF_TIMEOUT_MS to allow more)`, [], 2)), ms);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

/** How every page is set up before it loads (part of what decides a print's bytes: print-store.ts). */
export const PAGE_SETUP = { viewport: { width: 800, height: 600 }, javaScript: false } as const;

/** A page with its guard: `root` is the folder it may read, set when it is used; `blocked` what it asked for outside it. */
interface GuardedPage {
  page: Page;
  /** Sets `root`, the one folder the page may read, in Chromium's own block list too ({@link blockPatterns}). */
  allow: (root: string) => Promise<void>;
  root?: string;
  blocked: string[];
  reads: Reads;
}

/** Hashed as the page asks for it (fonts.css, which the build replaces meanwhile, is hashed at the hand-over: print-store.ts). */
function noteRead(guarded: GuardedPage, url: string): void {
  const file = fileURLToPath(url);
  guarded.reads[path.relative(path.resolve(guarded.root!), file).split(path.sep).join('/')] = fileHash(file) ?? 'unreadable';
}

/** `text` matched literally in a URLPattern string (its syntax characters escaped). */
function literalPattern(text: string): string {
  return text.replace(/[\\*?+:(){}]/g, (c) => `\\${c}`);
}

/**
 * What Chromium itself refuses to load (CDP's Network.setBlockedURLs, first
 * matching pattern wins): nothing but data: URLs and, once the page is handed
 * over, the files under its folder. Chromium applies the list as it loads,
 * with no round trip per request: puppeteer's request interception paused
 * every font slice of the Chinese page until this thread had answered it
 * (issue 17). Each request is still checked here as it is reported
 * ({@link isAllowedUrl}), so a pattern that let too much through would fail
 * the build rather than print.
 */
export function blockPatterns(root?: string): { urlPattern: string; block: boolean }[] {
  const inside =
    root === undefined ? [] : [{ urlPattern: `file://${literalPattern(pathToFileURL(path.resolve(root)).href.slice('file://'.length))}/*`, block: false }];
  return [
    ...inside,
    { urlPattern: 'data:*', block: false },
    { urlPattern: '*://*:*/*', block: true },
    { urlPattern: 'file://*', block: true },
    { urlPattern: '*:*', block: true },
  ];
}

/** Sets up a page for printing: `initial`, the tab Chromium opened at its start, or a new one. */
async function preparePage(browser: Browser, timeoutMs: number, initial = false): Promise<GuardedPage> {
  const page = (initial ? (await browser.pages())[0] : undefined) ?? (await browser.newPage());
  page.setDefaultTimeout(timeoutMs);
  // A session of its own for the block list: puppeteer keeps the page's for itself.
  const session = await page.createCDPSession();
  const block = (root?: string) => session.send('Network.setBlockedURLs', { urlPatterns: blockPatterns(root) }).then(() => undefined);
  const guarded: GuardedPage = {
    page,
    blocked: [],
    reads: {},
    allow: (root) => {
      guarded.root = root;
      return block(root);
    },
  };
  // The report has no scripts; printing with JavaScript off means a template
  // or a Markdown author can never make the print run code. The commands go out
  // together (a session runs them in order): one round trip, not three.
  await Promise.all([page.setJavaScriptEnabled(PAGE_SETUP.javaScript), session.send('Network.enable'), block()]);
  page.on('request', (req) => {
    const url = req.url();
    if (url.startsWith('data:')) return;
    if (guarded.root !== undefined && isAllowedUrl(url, guarded.root)) noteRead(guarded, url);
    else guarded.blocked.push(url);
  });
  trace('browser: a page is ready');
  return guarded;
}

const PROFILE_PREFIX = 'baogao-chromium-';

/**
 * Chromium keeps its single-instance socket in a folder of the system's
 * temporary folder (/tmp/org.chromium.Chromium.XXXXXX), linked from the
 * profile, and removes it only on an orderly exit: after a kill, it is
 * removed here, if it holds nothing but that.
 */
function removeSingleton(profile: string): void {
  let target: string;
  try {
    target = fs.readlinkSync(path.join(profile, 'SingletonSocket'));
  } catch {
    return;
  }
  const dir = path.dirname(target);
  try {
    if (fs.readdirSync(dir).every((f) => f.startsWith('Singleton'))) fs.rmSync(dir, { recursive: true, force: true });
  } catch {
    // Already gone.
  }
}

/** Profile folders of builds that were killed before they could delete theirs (the name carries the pid). */
export function removeStaleProfiles(): void {
  removeLeftovers(os.tmpdir(), PROFILE_PREFIX, (pid) => pid > 0 && !isAlive(pid));
}

/**
 * Launches Chromium. `--no-sandbox` only as root, where Chromium refuses to
 * start with its sandbox. The browser talks to baogao over a pipe, not a
 * port: when baogao dies, even by SIGKILL, the pipe closes and Chromium quits
 * with it. Its profile is a folder of baogao's own, deleted on close and on
 * an interruption. Chromium is started first (chromium-process.ts) and
 * puppeteer imported while it boots; puppeteer never handles signals, since
 * baogao's runner does (and exits with the right code).
 */
export async function launchBrowser(opts: LaunchOptions): Promise<PrintBrowser> {
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  removeStaleProfiles();
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), `${PROFILE_PREFIX}${process.pid}-`));
  const chromium = spawnChromium(opts.executablePath, profile, chromiumArgs());
  trace('browser: Chromium spawned');
  opts.onSpawned?.();
  let launching: Promise<Browser | undefined> | undefined;
  const shutdown = async () => {
    // Interrupted while connecting: wait for that, or puppeteer would write to a closed pipe.
    const browser = await launching?.catch(() => undefined);
    // The print is in hand and the profile is thrown away: nothing is lost by not
    // waiting for Chromium's orderly exit (a tenth of a second or more).
    await chromium.kill();
    browser?.disconnect().catch(() => undefined);
    removeSingleton(profile);
    fs.rmSync(profile, { recursive: true, force: true });
  };
  const unregister = onInterrupt(shutdown);
  let b: Browser;
  let quit: Promise<never> | undefined;
  try {
    // puppeteer-core's connector, not its entry: the entry also loads its browser
    // downloader and the proxy agents (1.9 MB, ~45 ms of a core while Chromium
    // boots), which a browser baogao started itself never needs. The version is
    // pinned (package.json), and tests/pdf/browser.test.ts connects through it.
    const { _connectToBrowser } = await import('puppeteer-core/internal/common/BrowserConnector.js');
    trace('browser: puppeteer loaded');
    // (Its declarations are the internal copy of the public ones: the same class, another type.)
    launching = _connectToBrowser({ transport: chromium.transport, defaultViewport: { ...PAGE_SETUP.viewport } }) as unknown as Promise<Browser>;
    quit = chromium.exited.then((stderr) => Promise.reject(new Error(`Chromium exited before it was ready${stderr.trim() ? `: ${lastLine(stderr)}` : ''}`)));
    b = (await withTimeout(Promise.race([launching, quit]), timeoutMs, 'starting Chromium'))!;
    trace('browser: Chromium launched');
  } catch (e) {
    // A program that exits at once closes the pipe too: the connection can fail first
    // ("Target closed"), but what the program said on exit is the reason to give.
    let timer: NodeJS.Timeout | undefined;
    const exit =
      quit && (await Promise.race([quit.catch((q: unknown) => q as Error), new Promise<undefined>((r) => (timer = setTimeout(() => r(undefined), 1000)))]));
    clearTimeout(timer);
    unregister();
    await shutdown();
    throw new BaogaoError(`cannot start ${opts.executablePath}: ${(exit ?? (e as Error)).message.split('\n')[0]}`, [], 2);
  }

  // Opened while the build still loads and renders; a failed one is opened again when needed.
  // One after the other: the first page is the Chinese one, whose print is the longest, and
  // two renderer processes starting at once on two cores made it ready later (issue 17).
  // The first is the blank tab Chromium opens at its start (`about:blank` in launchArgs), which
  // is otherwise left idle beside a new one: a tab and its renderer fewer to start while the
  // Chinese page waits (a cold build ~60 ms sooner in alternating rounds; the same bytes).
  const spare: Promise<GuardedPage>[] = [];
  for (let i = 0; i < (opts.pages ?? 0); i++) {
    const before = i > 0 ? spare[i - 1].catch(() => undefined) : Promise.resolve(undefined);
    spare.push(before.then(() => preparePage(b, timeoutMs, i === 0)));
  }
  for (const p of spare) p.catch(() => undefined);

  async function attempt<T>(fn: (page: Page, reads: Reads) => Promise<T>, root: string | undefined): Promise<T> {
    if (!root) throw new Error('a page needs the folder it may read from');
    const guarded = (await spare.shift()?.catch(() => undefined)) ?? (await preparePage(b, timeoutMs));
    await guarded.allow(root);
    const { page, blocked, reads } = guarded;
    try {
      const result = await withTimeout(fn(page, reads), timeoutMs, 'printing a page');
      if (blocked.length) {
        throw new BaogaoError(`the page asked for files outside the build, which printing never loads: ${[...new Set(blocked)].slice(0, 3).join(', ')}`, [], 1);
      }
      return result;
    } finally {
      await page.close().catch(() => undefined);
    }
  }

  return {
    async withPage(fn, root = opts.root) {
      try {
        return await attempt(fn, root);
      } catch (e) {
        if (!isCrash(e) || !b.connected) throw e;
        return attempt(fn, root);
      }
    },
    async close() {
      unregister();
      await shutdown();
    },
  };
}

/** Runs `fn` with a launched browser and closes it whatever happens. */
export async function withBrowser<T>(opts: LaunchOptions, fn: (b: PrintBrowser) => Promise<T>): Promise<T> {
  const b = await launchBrowser(opts);
  try {
    return await fn(b);
  } finally {
    await b.close();
  }
}
