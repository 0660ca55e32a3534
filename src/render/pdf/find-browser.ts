/**
 * Finding a Chromium to print with, and provisioning one on a fresh machine.
 *
 * Puppeteer's own browser download needs its CDN, which the bureau's machines
 * and CI cannot reach; and npm 11 does not run dependencies' install scripts,
 * so even where the CDN is reachable nothing is downloaded at `npm install`.
 * The PDF stage therefore looks for a browser itself, in a fixed order, and
 * installs one only when none is found.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { usageError } from '../../diagnostics.js';

/** A browser found, and where the path came from (for messages and tests). */
export interface FoundBrowser {
  path: string;
  source: 'env' | 'system' | 'puppeteer';
}

/** What discovery may look at; injectable so that the order can be tested without touching the machine. */
export interface Probe {
  env: Record<string, string | undefined>;
  /** True when `file` exists and is executable. */
  isExecutable: (file: string) => boolean;
  /** The path of puppeteer's downloaded browser, whether or not it exists. */
  puppeteerPath: () => Promise<string | undefined>;
}

/** System locations tried in order; the names are looked up on PATH. */
const SYSTEM_PATHS = ['/usr/bin/chromium'];
const SYSTEM_NAMES = ['google-chrome-stable', 'chromium', 'chromium-browser', 'google-chrome'];

function isExecutable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

async function puppeteerPath(): Promise<string | undefined> {
  // Imported lazily: puppeteer takes half a second to load, and HTML-only
  // builds never need it. Reached only when no system browser exists, so
  // .puppeteerrc.cjs has named none and this is the downloaded browser's path.
  const { default: puppeteer } = await import('puppeteer');
  try {
    return puppeteer.executablePath();
  } catch {
    return undefined;
  }
}

/** The real machine. */
export const machineProbe: Probe = { env: process.env, isExecutable, puppeteerPath };

/**
 * Looks for a browser: `BAOGAO_CHROME` / `PUPPETEER_EXECUTABLE_PATH`, then a
 * system Chromium or Chrome, then puppeteer's downloaded browser. A variable
 * that names a missing file is an error rather than a silent fallback, so a
 * typo is noticed.
 */
export async function findBrowser(probe: Probe = machineProbe): Promise<FoundBrowser | undefined> {
  const named = namedOrSystem(probe);
  if (named) return named;
  const downloaded = await probe.puppeteerPath();
  if (downloaded && probe.isExecutable(downloaded)) return { path: downloaded, source: 'puppeteer' };
  return undefined;
}

/** The variables' browser, else a system one: the part of {@link findBrowser} that needs no puppeteer. */
function namedOrSystem(probe: Probe): FoundBrowser | undefined {
  for (const name of ['BAOGAO_CHROME', 'PUPPETEER_EXECUTABLE_PATH']) {
    const value = probe.env[name];
    if (!value) continue;
    if (probe.isExecutable(value)) return { path: value, source: 'env' };
    throw usageError(`${name}=${value} is not an executable browser; fix the variable or unset it`);
  }
  for (const file of SYSTEM_PATHS) if (probe.isExecutable(file)) return { path: file, source: 'system' };
  const dirs = (probe.env.PATH ?? '').split(path.delimiter).filter(Boolean);
  for (const name of SYSTEM_NAMES) {
    for (const dir of dirs) {
      const file = path.join(dir, name);
      if (probe.isExecutable(file)) return { path: file, source: 'system' };
    }
  }
  return undefined;
}

/**
 * The browser {@link findBrowser} would find first, found at once (for the
 * print worker's early launch); undefined where it would look further, or
 * fail: the build then finds it, or says why not, in the usual way.
 */
export function findSystemBrowser(probe: Probe = machineProbe): string | undefined {
  try {
    return namedOrSystem(probe)?.path;
  } catch {
    return undefined;
  }
}

/** The one line printed when no browser can be had. */
export const INSTALL_HINT =
  'no Chromium or Chrome found for PDF output: install one (Debian/Ubuntu: apt-get install chromium; elsewhere: npx puppeteer browsers install chrome) or set BAOGAO_CHROME to its path';

function isDebianLike(): boolean {
  try {
    const osRelease = fs.readFileSync('/etc/os-release', 'utf8');
    return /^(ID|ID_LIKE)=.*\b(debian|ubuntu)\b/m.test(osRelease);
  } catch {
    return false;
  }
}

function say(line: string): void {
  process.stderr.write(`baogao: ${line}\n`);
}

function run(cmd: string, args: string[], timeoutMs: number): boolean {
  const r = spawnSync(cmd, args, { stdio: ['ignore', 'ignore', 'inherit'], timeout: timeoutMs, env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  return r.status === 0;
}

/**
 * Installs a browser when none is found: Debian's `chromium` through apt when
 * running as root on Debian/Ubuntu (those mirrors are reachable where
 * puppeteer's browser CDN is not). Nothing is downloaded from anywhere else:
 * where apt cannot help, the user is told what to install. Set
 * `BAOGAO_NO_PROVISION=1` to forbid installing anything.
 */
async function provision(probe: Probe): Promise<FoundBrowser | undefined> {
  if (probe.env.BAOGAO_NO_PROVISION) return undefined;
  if (process.getuid?.() !== 0 || !isDebianLike()) return undefined;
  say("no browser found for PDF output; installing Debian's chromium with apt-get (once, about a minute)");
  // The package lists of a fresh machine are empty: update them first. Several
  // test workers may provision at once: apt waits for the dpkg lock instead of failing.
  const wait = ['-o', 'DPkg::Lock::Timeout=600'];
  const ok =
    run('apt-get', [...wait, 'update', '-qq'], 300_000) && run('apt-get', [...wait, 'install', '-y', '-qq', '--no-install-recommends', 'chromium'], 900_000);
  return ok ? findBrowser(probe) : undefined;
}

/** Finds a browser, provisioning one if needed; throws a usage error (exit 2) naming what to install. */
export async function ensureBrowser(probe: Probe = machineProbe): Promise<FoundBrowser> {
  const found = (await findBrowser(probe)) ?? (await provision(probe));
  if (!found) throw usageError(INSTALL_HINT);
  return found;
}
