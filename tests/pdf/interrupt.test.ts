/**
 * An interrupted build leaves nothing behind: SIGTERM (SIGINT) during the PDF
 * stage exits 143 (130) with one line, and no Chromium process, staging folder, browser
 * profile or lock is left; after SIGKILL (no chance to clean up) Chromium
 * still dies with its parent (pipe transport) and the next build removes the
 * staging folder and the profile the killed one left. A second build into
 * the output folder of a running one is refused (the lock).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { run } from '../../src/cli/run.js';
import { captureIo, tempDir } from '../helpers.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const BASE = path.join(ROOT, 'tests/fixtures/bad/_base');
const SAMPLE = path.join(ROOT, 'content');

/** Processes whose command line mentions `needle` (Chromium's carries its --user-data-dir). */
function processesWith(needle: string): number[] {
  const pids: number[] = [];
  for (const name of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const cmd = fs.readFileSync(`/proc/${name}/cmdline`, 'utf8');
      if (cmd.includes(needle) && Number(name) !== process.pid) pids.push(Number(name));
    } catch {
      // gone meanwhile
    }
  }
  return pids;
}

/** Folders left by the build of `pid`: its browser profiles in the temp folder. */
const profilesOf = (pid: number) => fs.readdirSync(os.tmpdir()).filter((n) => n.startsWith(`baogao-chromium-${pid}-`));

const until = async (what: string, ok: () => boolean, ms = 60_000) => {
  const t0 = Date.now();
  while (!ok()) {
    if (Date.now() - t0 > ms) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
};

/** What lies beside the output folder: a staging folder, a lock. */
const leftovers = (out: string) => fs.readdirSync(path.dirname(out)).filter((n) => n !== path.basename(out));

/** Starts a PDF build of the small base edition; resolves once Chromium is printing for it. */
async function buildUntilPrinting(out: string, edition = BASE): Promise<{ child: ChildProcess; stderr: () => string; exit: Promise<number | null> }> {
  const child = spawn(process.execPath, [path.join(ROOT, 'bin/baogao.mjs'), 'build', edition, '--out', out, '--format', 'pdf'], {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let err = '';
  child.stderr.on('data', (d) => (err += d));
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const pid = child.pid!;
  // Chromium is started before the edition is loaded, so its process alone does not mean
  // the print has begun: the staging folder beside the output does (it is made before the pages).
  await until('Chromium to start', () => processesWith(`baogao-chromium-${pid}-`).length > 0);
  await until('the staging folder', () => leftovers(out).some((n) => n.includes('-staging-')));
  return { child, stderr: () => err, exit };
}

describe('interrupted builds', () => {
  for (const [signal, code] of [
    ['SIGTERM', 143],
    ['SIGINT', 130],
  ] as const) {
    it(`${signal} during the PDF stage: exit ${code}, one line, no Chromium, no staging, profile or lock left`, async () => {
      const out = path.join(tempDir(), 'out');
      const { child, stderr, exit } = await buildUntilPrinting(out);
      const pid = child.pid!;
      child.kill(signal);
      expect(await exit).toBe(code);
      const lines = stderr().trim().split('\n');
      expect(lines.filter((l) => l.startsWith('baogao:'))).toEqual([`baogao: interrupted (${signal}); nothing was written, temporary files removed`]);
      expect(stderr()).not.toMatch(/unexpected error|Protocol error|Target closed/);
      await until('Chromium to exit', () => processesWith(`baogao-chromium-${pid}-`).length === 0, 10_000);
      expect(profilesOf(pid)).toEqual([]);
      expect(leftovers(out), 'no staging folder or lock beside the output').toEqual([]);
      expect(fs.existsSync(out), 'nothing written').toBe(false);
    }, 120_000);
  }

  it('a second build into the same --out is refused while the first runs, and leaves it alone', async () => {
    const out = path.join(tempDir(), 'out');
    // The sample, not the small base edition: its print lasts seconds, so the first build is still running when the second asks.
    const { child, exit } = await buildUntilPrinting(out, SAMPLE);
    const io = captureIo();
    expect(await run(['build', BASE, '--out', out, '--format', 'html'], io)).toBe(2);
    expect(io.stderr.join('\n')).toContain(`another baogao build (process ${child.pid}) is writing to ${out}; wait for it to finish`);
    expect(fs.existsSync(out), 'the refused build wrote nothing').toBe(false);
    child.kill('SIGTERM');
    expect(await exit).toBe(143);
    expect(leftovers(out)).toEqual([]);
  }, 120_000);

  it('SIGKILL: Chromium dies with its parent, and the next build removes what the killed one left', async () => {
    const out = path.join(tempDir(), 'out');
    const { child, exit } = await buildUntilPrinting(out);
    const pid = child.pid!;
    child.kill('SIGKILL');
    await exit;
    await until('Chromium to exit after its parent was killed', () => processesWith(`baogao-chromium-${pid}-`).length === 0, 15_000);
    expect(
      leftovers(out).some((n) => n.includes('-staging-')),
      'the killed build left its staging folder',
    ).toBe(true);
    const next = spawn(process.execPath, [path.join(ROOT, 'bin/baogao.mjs'), 'build', BASE, '--out', out, '--format', 'html'], { cwd: ROOT, stdio: 'ignore' });
    expect(await new Promise((resolve) => next.on('exit', resolve))).toBe(0);
    expect(leftovers(out), 'stale staging folder and lock removed').toEqual([]);
    expect(profilesOf(pid), 'stale browser profile removed').toEqual([]);
  }, 120_000);
});
