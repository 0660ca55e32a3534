/**
 * One measurement, in a fresh Node process started by measure.ts:
 *
 *   child.ts <task> <edition> <out> [cold]
 *
 * It times the work only (not Node's start-up or the TypeScript compile) and
 * prints one line of JSON (a {@link Sample}) with the peak resident memory of
 * its Node process (`process.resourceUsage().maxRSS`, what `/usr/bin/time -v`
 * calls "Maximum resident set size"; Chromium's processes are not included).
 *
 * - full: `build()` as `baogao build` runs it (HTML, PDF, XLSX, CSV); `cold`
 *   first removes the output folder, and with it the prints a rebuild would
 *   take back (src/render/pdf/print-store.ts).
 * - stages: load, check and every renderer but the PDF one, one after the
 *   other so that each stage's time is its own, twice in the process.
 * - pdf: `build()` with HTML and PDF only, cold (into a fresh folder, so every page is printed): the PDF stage's time.
 * - rows: an HTML + XLSX build (the one-large-table table).
 */
import fs from 'node:fs';
import path from 'node:path';
import { median, stageAvailable, TEMPLATES, type Sample } from './measure.js';

type Steps = Record<string, number>;

async function buildOnce(edition: string, out: string, formats: ('html' | 'pdf' | 'xlsx' | 'csv' | 'docx')[], steps: Steps): Promise<void> {
  const { build } = await import('../../src/build.js');
  await build({
    edition,
    out,
    langs: ['zh', 'en'],
    formats: formats.filter((f) => f === 'html' || stageAvailable(f)),
    force: true,
    templates: TEMPLATES,
    onStep: (n, ms) => void (steps[n] = (steps[n] ?? 0) + ms),
  });
}

/**
 * Collects the garbage the stages before left (measure.ts starts this process
 * with --expose-gc): a collection that falls inside a stage costs in
 * proportion to the whole heap, which at 30× is 1 GB, so a 4 ms stage (CSV)
 * measured 39× its 1× time for a collection that was not its own.
 */
const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

const collect = () => (globalThis as { gc?: () => void }).gc?.();

/**
 * Waits until this process uses no CPU: after collect(), V8 sweeps the heap
 * on its helper threads, and a stage timed at once was billed for it (the
 * process's CPU clock counts every thread; Node 20 has no clock per thread).
 * At 30× that tail was ~50 ms: most of what the CSV stage measured there.
 * Polled every 20 ms, until a period used under 0.5 ms, for at most a second.
 */
async function settle(): Promise<void> {
  for (let k = 0; k < 50; k++) {
    const c = cpuMs();
    await new Promise((r) => setTimeout(r, 20));
    if (cpuMs() - c < 0.5) return;
  }
}

/** Rounds of each renderer stage, each one run after a collection; the median is kept. */
const ROUNDS = 3;
/** A stage quicker than this (CSV at 1×) gets SHORT_ROUNDS rounds: one run of it is nearer the size of the clocks' noise. */
const SHORT_STAGE_MS = 20;
const SHORT_ROUNDS = 15;

/**
 * The stages of a build without the PDF, each timed alone (build() runs the
 * renderers side by side). `steps` gets their wall times, `cpu` the CPU time
 * of this process in each: what the other jobs on a shared machine change least.
 */
async function stagesOnce(edition: string, out: string, steps: Steps, cpu: Steps): Promise<void> {
  const { loadAndCheck } = await import('../../src/build.js');
  const { renderHtml } = await import('../../src/render/html/index.js');
  const { renderCheckReport } = await import('../../src/render/check-report/index.js');
  const { VERSION } = await import('../../src/version.js');
  // The child removes `out` before the first pass and after the second, never between runs.
  fs.mkdirSync(out, { recursive: true });
  const pass = fs.mkdtempSync(path.join(out, 'pass-'));
  // This is the second pass of the stages (child() runs them twice), and each stage is timed
  // ROUNDS times, the median kept: V8 still optimises some of a stage's functions in its
  // first round of the pass (on a helper thread, counted in the process's CPU), a one-time
  // cost that was most of the CSV stage's CPU at 30×.
  // Every run writes into an empty folder of its own, as build() writes into a fresh staging
  // folder, and a stage is timed alike at every factor: one run per round. The CSV stage at 1×
  // used to be run 100 times over in each round, each run rewriting the 11 files the run
  // before had just written: a path no build takes, and not the one its 30× run took. The
  // folders are removed only when the child ends: on this machine's disk (ext4 mounted with
  // `discard`), making a file costs several times more for a while after a removal.
  const timed = async (name: string, fn: (dir: string) => unknown) => {
    const wall: number[] = [];
    const used: number[] = [];
    for (let k = 0; k < (wall.length && wall[0] < SHORT_STAGE_MS ? SHORT_ROUNDS : ROUNDS); k++) {
      const dir = path.join(pass, `${name.replace(/\W/g, '-')}-${k}`);
      fs.mkdirSync(dir);
      collect();
      await settle();
      const [t0, c0] = [performance.now(), cpuMs()];
      await fn(dir);
      wall.push(performance.now() - t0);
      used.push(cpuMs() - c0);
    }
    steps[name] = median(wall);
    cpu[name] = median(used);
  };
  collect();
  let c = cpuMs();
  const onStep = (n: string, ms: number) => {
    steps[n] = ms;
    cpu[n] = cpuMs() - c;
    // The check rules are timed without the load's garbage (it is collected in neither stage's time).
    if (n === 'load') collect();
    c = cpuMs();
  };
  const { edition: ed, findings, figures } = await loadAndCheck({ edition, onStep });
  await timed('html', (dir) => renderHtml(ed, dir, { templates: TEMPLATES, langs: ['zh', 'en'], draft: true, version: VERSION }));
  await timed('check report', (dir) => renderCheckReport(ed, findings, dir, { figures, templates: TEMPLATES }));
  if (stageAvailable('xlsx')) {
    const { renderXlsx } = await import('../../src/render/xlsx/index.js');
    await timed('xlsx', (dir) => renderXlsx(ed, path.join(dir, 'tables.xlsx'), { draft: true }));
  }
  if (stageAvailable('csv')) {
    const { renderCsv } = await import('../../src/render/csv/index.js');
    await timed('csv', (dir) => renderCsv(ed, dir));
  }
  if (stageAvailable('docx')) {
    const { renderDocx } = await import('../../src/render/docx/index.js');
    await timed('docx', (dir) => renderDocx(ed, dir, { langs: ['zh', 'en'], draft: true }));
  }
}

async function child(task: string, edition: string, out: string, cold: boolean): Promise<Sample> {
  if (cold || task === 'pdf' || task === 'stages') fs.rmSync(out, { recursive: true, force: true });
  const once = async (): Promise<{ ms: number; steps: Steps; cpuSteps: Steps }> => {
    const steps: Steps = {};
    const cpuSteps: Steps = {};
    const t0 = performance.now();
    if (task === 'full') await buildOnce(edition, out, ['html', 'pdf', 'xlsx', 'csv'], steps);
    else if (task === 'pdf') await buildOnce(edition, out, ['html', 'pdf'], steps);
    else if (task === 'rows') await buildOnce(edition, out, ['html', 'xlsx'], steps);
    else if (task === 'stages') await stagesOnce(edition, out, steps, cpuSteps);
    else throw new Error(`bench child: unknown task ${task}`);
    return { ms: performance.now() - t0, steps, cpuSteps };
  };
  const first = await once();
  // The stages without Chromium run a second time in the same process.
  const warm = task === 'stages' ? await once() : undefined;
  return {
    ms: first.ms,
    steps: first.steps,
    warmMs: warm?.ms,
    warmSteps: warm?.steps,
    warmCpuSteps: warm?.cpuSteps,
    maxRssMB: process.resourceUsage().maxRSS / 1024,
  };
}

const [task, edition, out, flag] = process.argv.slice(2);
const sample = await child(task, edition, out, flag === 'cold');
if (task === 'stages') fs.rmSync(out, { recursive: true, force: true });
console.log(JSON.stringify(sample));
// Puppeteer or ECharts may leave handles open; the measurement is done.
process.exit(0);
