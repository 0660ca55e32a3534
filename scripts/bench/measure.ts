/**
 * What every part of the bench shares: one measurement in a fresh child
 * process, medians, and the targets the summary lists.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const TEMPLATES = path.join(ROOT, 'templates');

/** What one child process reports (scripts/bench/child.ts). */
export interface Sample {
  /** The work, first time in the process: what a `baogao` command costs. */
  ms: number;
  steps: Record<string, number>;
  /** The same work again in the same process (JIT and caches warm): what `baogao watch` costs, and the fair base for scaling. */
  warmMs?: number;
  warmSteps?: Record<string, number>;
  /** CPU time of the Node process in each step of the warm run (stages only). */
  warmCpuSteps?: Record<string, number>;
  maxRssMB: number;
}

/** One line of the final summary: a target of issue 17 and whether this run met it. */
export interface Target {
  name: string;
  measured: string;
  limit: string;
  /** undefined: not measured in this run. */
  pass: boolean | undefined;
}

/** A part of the bench: its Markdown lines and the targets it decides. */
export interface Section {
  lines: string[];
  targets: Target[];
}

export function stageAvailable(stage: string): boolean {
  const index = path.join(ROOT, 'src/render', stage, 'index.ts');
  return fs.existsSync(index) && !/not available in this version/.test(fs.readFileSync(index, 'utf8'));
}

/** Runs one measurement (`task`) in a fresh Node process; `extra` are the task's own arguments. */
export function runChild(task: string, edition: string, out: string, ...extra: string[]): Sample {
  // --expose-gc: the stages child collects the garbage of one stage before timing the next (child.ts).
  const r = spawnSync(
    process.execPath,
    ['--expose-gc', path.join(ROOT, 'bin/run-ts.mjs'), path.join(ROOT, 'scripts/bench/child.ts'), task, edition, out, ...extra],
    {
      cwd: ROOT,
      encoding: 'utf8',
      // A 30× edition prints for minutes on a busy machine: longer than the PDF stage's default budget per page job.
      env: { BAOGAO_PDF_TIMEOUT_MS: String(30 * 60_000), ...process.env },
      maxBuffer: 64 * 1024 * 1024,
    },
  );
  const last = r.stdout.trim().split('\n').pop() ?? '';
  if (r.status !== 0 || !last.startsWith('{')) throw new Error(`bench ${task} on ${edition} failed (exit ${r.status}):\n${r.stderr.slice(-3000)}`);
  return JSON.parse(last) as Sample;
}

/** What a whole process cost: its wall time from spawn to exit, and the stage lines `baogao build` prints. */
export interface ProcessRun {
  ms: number;
  steps: Record<string, number>;
}

function timedProcess(what: string, args: string[]): ProcessRun {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`bench: ${what} failed (exit ${r.status}):\n${r.stderr.slice(-3000)}`);
  // The build's progress lines: "  pdf        4321 ms" (src/cli/run.ts).
  const steps = Object.fromEntries([...r.stderr.matchAll(/^ {2}(\S.*?) +(\d+) ms$/gm)].map((m) => [m[1].trim(), Number(m[2])]));
  return { ms, steps };
}

/** `baogao build` exactly as a user runs it (compiled dist/, a process of its own). */
export function runBuildCommand(edition: string, out: string): ProcessRun {
  return timedProcess(`baogao build ${edition}`, [path.join(ROOT, 'bin/baogao.mjs'), 'build', edition, '--out', out, '--force']);
}

/** The floor as a process: Node + puppeteer + Chromium printing the build's two pages (floor.mjs). */
export function runFloorProcess(dir: string, chromium: string, pdfOptions: object, args: string[]): ProcessRun {
  return timedProcess('the Chromium floor', [path.join(ROOT, 'scripts/bench/floor.mjs'), dir, chromium, JSON.stringify(pdfOptions), ...args]);
}

export const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** The median of every step over the samples (a step a run lacks counts as missing, not 0). */
export function medianSteps(samples: (Record<string, number> | undefined)[]): Record<string, number> {
  const names = [...new Set(samples.flatMap((s) => Object.keys(s ?? {})))];
  return Object.fromEntries(names.map((n) => [n, median(samples.flatMap((s) => (s?.[n] === undefined ? [] : [s[n]])))]));
}

export function progress(text: string): void {
  process.stderr.write(text);
}

// A stage of a few milliseconds (CSV) would read 0.00 s.
export const secs = (ms: number | undefined): string =>
  ms === undefined || Number.isNaN(ms) ? '–' : ms < 100 ? `${ms.toFixed(ms < 10 ? 2 : 1)} ms` : `${(ms / 1000).toFixed(2)} s`;
export const times = (x: number | undefined): string => (x === undefined || !Number.isFinite(x) ? '–' : `${x.toFixed(2)}×`);

/** A target met when `value ≤ limit`. */
export function atMost(name: string, value: number | undefined, limit: number, unit = '×'): Target {
  const shown = value === undefined || !Number.isFinite(value) ? '–' : unit === '×' ? times(value) : `${value.toFixed(0)} ${unit}`;
  return {
    name,
    measured: shown,
    limit: `≤ ${limit}${unit === '×' ? '×' : ` ${unit}`}`,
    pass: value === undefined || !Number.isFinite(value) ? undefined : value <= limit,
  };
}
