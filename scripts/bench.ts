/**
 * `npm run bench`: the speed targets of issue 17, measured in one run as
 * ratios against baselines measured in the same run, printed as Markdown for
 * docs/performance.md, and a final summary of the targets, pass or fail.
 *
 *   npm run bench                               # everything (starts, builds, watch, scale, rows)
 *   npm run bench -- --only starts,builds       # some parts only
 *   npm run bench -- --skip rows                # all but some parts
 *   npm run bench -- --runs 5                   # rounds at 1× (default 3)
 *   npm run bench -- --scale 10,30 --scale-runs 1,1   # factors and their runs (default)
 *   npm run bench -- --start-runs 11            # rounds of the command start-up table
 *   npm run bench -- --rows 1000,5000,10000     # sizes of the one-large-table part
 *
 * Parts (each in scripts/bench/):
 * - starts (starts.ts): `baogao --version` and `baogao check content` as
 *   processes ÷ a bare `node -e 0`.
 * - builds (builds.ts): cold and warm full builds ÷ the Chromium-only floor.
 * - watch (watch.ts): save-to-page in `baogao watch`.
 * - scale (scaling.ts): every stage at 1×, 10×, 30× the sample.
 * - rows (rows.ts): one table of 1k/5k/10k rows.
 *
 * Every measurement of a build runs in a fresh child process
 * (scripts/bench/child.ts) that times the work only. Exits 1 when a measured
 * target fails, so that the summary cannot be overlooked.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SAMPLE_DIR } from './make-synthetic.js';
import { fullBuilds } from './bench/builds.js';
import { stageAvailable, type Section, type Target } from './bench/measure.js';
import { rowsTable } from './bench/rows.js';
import { scaling } from './bench/scaling.js';
import { commandStarts } from './bench/starts.js';
import { watchNotMeasured, watchSaveToPage } from './bench/watch.js';

const PARTS = ['starts', 'builds', 'watch', 'scale', 'rows'] as const;
type Part = (typeof PARTS)[number];

function sh(cmd: string, args: string[]): string {
  const r = spawnSync(cmd, args, { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : '';
}

async function machine(pdf: boolean): Promise<string[]> {
  const lines = [
    `- CPU: ${os.cpus()[0]?.model.trim() ?? 'unknown CPU'}; \`nproc\`: ${sh('nproc', []) || os.availableParallelism()}`,
    `- memory: ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB`,
    `- OS: ${os.type()} ${os.release()} (${os.arch()}); Node ${process.version}`,
  ];
  if (pdf) {
    const { ensureBrowser } = await import('../src/render/pdf/find-browser.js');
    const exe = (await ensureBrowser()).path;
    lines.push(`- browser: ${sh(exe, ['--version']) || exe}`);
  }
  return lines;
}

function summary(targets: Target[]): string[] {
  const mark = (t: Target) => (t.pass === undefined ? 'not measured' : t.pass ? 'pass' : '**FAIL**');
  return [
    '#### Targets',
    '',
    '| target | measured | limit | result |',
    '|---|--:|--:|---|',
    ...targets.map((t) => `| ${t.name} | ${t.measured} | ${t.limit} | ${mark(t)} |`),
    '',
  ];
}

async function main(argv: string[]): Promise<number> {
  const value = (name: string) => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const list = (name: string, dflt: string) =>
    (value(name) ?? dflt)
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
  const numbers = (name: string, dflt: string) =>
    list(name, dflt)
      .map(Number)
      .filter((n) => n > 0);
  for (const p of [...list('only', ''), ...list('skip', '')])
    if (!(PARTS as readonly string[]).includes(p)) throw new Error(`bench: unknown part "${p}" (parts: ${PARTS.join(', ')})`);
  const only = list('only', PARTS.join(','));
  const parts = new Set(PARTS.filter((p) => only.includes(p) && !list('skip', '').includes(p)));
  if (argv.includes('--no-scale')) parts.delete('scale');
  if (argv.includes('--no-rows')) parts.delete('rows');
  const want = (p: Part) => parts.has(p);

  const runs = numbers('runs', '3')[0] ?? 3;
  const factors = numbers('scale', '10,30');
  const scaleRuns = numbers('scale-runs', factors.map(() => '1').join(','));
  const pdf = stageAvailable('pdf');
  const started = Date.now();
  const load0 = os.loadavg()[0];
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'baogao-bench-'));
  const out: string[] = [];
  const targets: Target[] = [];
  const add = (title: string, s: Section) => {
    out.push(`#### ${title}`, '', ...s.lines);
    targets.push(...s.targets);
  };
  try {
    if (want('starts')) {
      process.stderr.write('command start-up\n');
      add('Command start-up', commandStarts(numbers('start-runs', '11')[0] ?? 11));
    }
    if (want('builds') && pdf) {
      process.stderr.write('full builds\n');
      add('Full build against the Chromium floor', await fullBuilds(SAMPLE_DIR, tmp, runs));
    }
    if (want('watch')) {
      process.stderr.write('watch\n');
      const w = await watchSaveToPage(runs);
      add('Watch: save to page', w ?? watchNotMeasured());
    }
    if (want('scale')) {
      process.stderr.write('scaling\n');
      add(`Scaling: every stage at 1×, ${factors.map((f) => `${f}×`).join(', ')}`, scaling({ factors, runs: [runs, ...scaleRuns], pdf, tmp }));
    }
    if (want('rows')) {
      process.stderr.write('one large table\n');
      add('One large table', rowsTable(numbers('rows', '1000,5000,10000'), tmp));
    }
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  const head = [
    `### baogao bench, ${new Date().toISOString().slice(0, 10)}`,
    '',
    ...(await machine(pdf)),
    `- command: \`npm run bench${argv.length ? ` -- ${argv.join(' ')}` : ''}\`; took ${((Date.now() - started) / 60000).toFixed(1)} min`,
    `- medians of ${runs} run(s) at 1×${want('scale') ? `, ${scaleRuns.join(', ')} at ${factors.map((f) => `${f}×`).join(', ')}` : ''}; every build a fresh Node process timing the work only`,
    // Other work on the machine slows every row; the load average says how much there was.
    `- load average (1 min) at start / end: ${load0.toFixed(1)} / ${os.loadavg()[0].toFixed(1)} on ${os.availableParallelism()} cores`,
    '',
  ];
  console.log([...head, ...out, ...summary(targets)].join('\n'));
  return targets.some((t) => t.pass === false) ? 1 : 0;
}

process.exitCode = await main(process.argv.slice(2));
