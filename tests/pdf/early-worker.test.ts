/**
 * The print worker the command line starts before the build loads
 * (src/render/pdf/print-worker-start.ts): it launches Chromium without being
 * asked, unless the kept prints look current; what it says before the build
 * listens is kept; and a build that ends before it adopts the worker still
 * leaves no Chromium or profile behind.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../../src/cli/run.js';
import { ensureBrowser } from '../../src/render/pdf/find-browser.js';
import { STORE_DIR } from '../../src/render/pdf/print-store.js';
import { startPrintWorker, type StartedWorker, type WorkerEvent } from '../../src/render/pdf/print-worker-start.js';
import { captureIo, SAMPLE, TEMPLATES, tempDir } from '../helpers.js';

/** This process's Chromium processes (their command line carries the profile, named after the pid). */
function chromiums(): number[] {
  const needle = `baogao-chromium-${process.pid}-`;
  return fs
    .readdirSync('/proc')
    .filter((name) => {
      if (!/^\d+$/.test(name)) return false;
      try {
        return fs.readFileSync(`/proc/${name}/cmdline`, 'utf8').includes(needle);
      } catch {
        return false;
      }
    })
    .map(Number);
}

const profiles = () => fs.readdirSync(os.tmpdir()).filter((n) => n.startsWith(`baogao-chromium-${process.pid}-`));

const until = async (what: string, ok: () => boolean, ms = 60_000) => {
  const t0 = Date.now();
  while (!ok()) {
    if (Date.now() - t0 > ms) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
};

/** Closes the worker, and finds no Chromium of this process and no profile left. */
async function closedLeavingNothing(worker: StartedWorker): Promise<void> {
  await worker.close();
  expect(chromiums()).toEqual([]);
  expect(profiles()).toEqual([]);
}

const types = (events: WorkerEvent[]) => events.map((e) => (e.kind === 'message' ? e.message.type : e.kind));

describe('the print worker started early', () => {
  it('launches Chromium before it is asked, and keeps its messages until they are listened to', async () => {
    const worker = startPrintWorker({ out: path.join(tempDir(), 'out'), langs: ['zh', 'en'], inputs: [SAMPLE, TEMPLATES] });
    try {
      await until('Chromium to start', () => chromiums().length > 0);
      // Listened to only now: what came before arrives first, in order.
      const events: WorkerEvent[] = [];
      worker.listen((e) => events.push(e));
      await until('Chromium to be launched', () => types(events).includes('launched'));
      expect(types(events)).toEqual(['early', 'spawned', 'launched']);
      expect(events[0]).toEqual({ kind: 'message', message: { type: 'early', launching: true } });
    } finally {
      await closedLeavingNothing(worker);
    }
  }, 120_000);

  it('waits to be asked when the kept prints of the output folder look current', async () => {
    const out = path.join(tempDir(), 'out');
    // Kept prints newer than every input and than baogao's code: a rebuild may need no Chromium.
    fs.mkdirSync(path.join(out, STORE_DIR), { recursive: true });
    for (const lang of ['zh', 'en']) fs.writeFileSync(path.join(out, STORE_DIR, `${lang}-1.json`), '{}');
    const worker = startPrintWorker({ out, langs: ['zh', 'en'], inputs: [SAMPLE, TEMPLATES] });
    const events: WorkerEvent[] = [];
    worker.listen((e) => events.push(e));
    try {
      await until('its decision', () => events.length > 0);
      expect(events).toEqual([{ kind: 'message', message: { type: 'early', launching: false } }]);
      expect(chromiums()).toEqual([]);
      // Asked, it launches.
      worker.post({ type: 'launch', executablePath: (await ensureBrowser()).path, pages: 1 });
      await until('Chromium to be launched', () => types(events).includes('launched'));
      expect(chromiums().length).toBeGreaterThan(0);
    } finally {
      await closedLeavingNothing(worker);
    }
  }, 120_000);

  it('is closed, Chromium and all, when the build refuses before it adopts the worker', async () => {
    const edition = path.join(tempDir(), 'edition');
    fs.cpSync(SAMPLE, edition, { recursive: true });
    const io = captureIo();
    // The output folder inside the edition: refused before anything is loaded.
    const code = await run(['build', edition, '--out', path.join(edition, 'out')], io);
    expect(code).toBe(2);
    expect(io.stderr.join('\n')).toMatch(/lies inside the edition folder/);
    await until('Chromium to exit', () => chromiums().length === 0, 10_000);
    expect(profiles()).toEqual([]);
  }, 120_000);
});
