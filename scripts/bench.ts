/**
 * `npm run bench`: how long a build takes, against what it cannot go below,
 * and how it scales. Prints one Markdown table (paste it into
 * docs/performance.md).
 *
 *   npm run bench [-- --runs 3] [-- --scale-runs 1] [-- --factor 10] [-- --no-scale] [-- --start-runs 11]
 *
 * Every measurement runs in a fresh child process (`--child`), so that no run
 * profits from another's warm caches or JIT; the child times the work only
 * (not Node's start-up or the TypeScript compile) and reports the peak
 * resident memory of its Node process (`process.resourceUsage().maxRSS`, what
 * `/usr/bin/time -v` calls "Maximum resident set size"; Chromium's own
 * processes are not included). Each figure is the median of its runs.
 *
 * - full build: check + zh/en HTML + zh/en PDF + XLSX, as `baogao build` does it.
 * - floor: Chromium alone printing the full build's two HTML pages (one
 *   browser launch, both pages printed at once with the PDF stage's page.pdf
 *   options, browser closed): no build can print faster than this.
 * - HTML-only rebuild, check, XLSX: the other stages on their own, each run
 *   twice in its process: the first run is what a command costs (start-up,
 *   JIT, font tables), the second what a rebuild in `baogao watch` costs and
 *   the fair base for the scaling ratios.
 * - scaling: the same on a synthetic edition `factor` times the sample
 *   (scripts/make-synthetic.ts); nothing should grow faster than the edition.
 * - rows: one table of 1,000, 5,000 and 10,000 rows added to the sample
 *   (`makeRows`), built to HTML and XLSX in a fresh process each: time per
 *   stage and peak memory, and the growth from 1k to 10k rows, which must
 *   stay about 10× (linear), never 100× (quadratic). `--rows 1000,5000,10000`
 *   chooses the sizes, `--no-rows` skips the table, `--rows-only` runs nothing else.
 * - watch: save-to-page of a one-paragraph edit in `baogao watch`
 *   (scripts/bench-watch.ts), `--watch-runs 21` saves in each of two fresh
 *   processes; `--no-watch` skips it.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { watchRows } from './bench-watch.js';
import { makeRows, makeSynthetic, SAMPLE_DIR } from './make-synthetic.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const TEMPLATES = path.join(ROOT, 'templates');

type Task = 'full' | 'floor' | 'html' | 'xlsx' | 'check' | 'rows';

interface Sample {
  /** The first run in a fresh process: what a `baogao` command costs. */
  ms: number;
  steps: Record<string, number>;
  /** The same work again in the same process (JIT and caches warm): what `baogao watch` costs, and the fair base for scaling. */
  warmMs?: number;
  warmSteps?: Record<string, number>;
  maxRssMB: number;
}

function stageAvailable(stage: 'pdf' | 'xlsx'): boolean {
  return !/not available in this version/.test(fs.readFileSync(path.join(ROOT, 'src/render', stage, 'index.ts'), 'utf8'));
}

// ───────────────────────── child: one measurement ─────────────────────────

async function child(task: Task, edition: string, out: string): Promise<Sample> {
  const { build, loadAndCheck } = await import('../src/build.js');
  const once = async (): Promise<{ ms: number; steps: Record<string, number> }> => {
    const steps: Record<string, number> = {};
    const onStep = (name: string, ms: number) => void (steps[name] = (steps[name] ?? 0) + ms);
    const t0 = performance.now();
    if (task === 'check') await loadAndCheck({ edition, onStep });
    else if (task === 'floor') await printFloor(out);
    else {
      const formats = task === 'full' ? (['html', 'xlsx', 'pdf'] as const).filter((f) => f === 'html' || stageAvailable(f)) : task === 'xlsx' || task === 'rows' ? (['html', 'xlsx'] as const) : (['html'] as const);
      await build({ edition, out, langs: ['zh', 'en'], formats: [...formats], force: true, templates: TEMPLATES, onStep });
    }
    return { ms: performance.now() - t0, steps };
  };
  const cold = await once();
  // The stages without Chromium run a second time in the same process.
  const warm = task === 'check' || task === 'html' || task === 'xlsx' ? await once() : undefined;
  return { ...cold, warmMs: warm?.ms, warmSteps: warm?.steps, maxRssMB: process.resourceUsage().maxRSS / 1024 };
}

/** Chromium alone: one launch, the two pages printed at once, close. `dir` holds a finished build. */
async function printFloor(dir: string): Promise<number> {
  const { ensureBrowser } = await import('../src/render/pdf/find-browser.js');
  const { default: puppeteer } = await import('puppeteer');
  const executablePath = (await ensureBrowser()).path;
  // The PDF stage's flags (src/render/pdf/browser.ts).
  const args = ['--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--font-render-hinting=none', ...(process.getuid?.() === 0 ? ['--no-sandbox'] : [])];
  const t0 = performance.now();
  const browser = await puppeteer.launch({ executablePath, headless: true, args });
  try {
    await Promise.all(
      ['zh', 'en'].map(async (lang) => {
        const page = await browser.newPage();
        await page.goto(pathToFileURL(path.join(dir, lang, 'index.html')).href, { waitUntil: 'load' });
        const pdf = await page.pdf({ format: 'a4', preferCSSPageSize: true, printBackground: true, outline: false, tagged: true, waitForFonts: true });
        if (pdf.length < 1000) throw new Error(`floor: ${lang} printed ${pdf.length} bytes`);
        await page.close();
      }),
    );
  } finally {
    await browser.close();
  }
  return performance.now() - t0;
}

// ───────────────────────── parent: runs and the table ─────────────────────────

function runChild(task: Task, edition: string, out: string): Sample {
  const r = spawnSync(process.execPath, [path.join(ROOT, 'bin/run-ts.mjs'), path.join(ROOT, 'scripts/bench.ts'), '--child', task, edition, out], {
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  const last = r.stdout.trim().split('\n').pop() ?? '';
  if (r.status !== 0 || !last.startsWith('{')) throw new Error(`bench ${task} on ${edition} failed (exit ${r.status}):\n${r.stderr.slice(-3000)}`);
  return JSON.parse(last) as Sample;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

interface Measured {
  ms: number;
  steps: Record<string, number>;
  warmMs?: number;
  warmSteps: Record<string, number>;
  maxRssMB: number;
  runs: number;
}

function measure(task: Task, edition: string, out: string, runs: number, label: string): Measured {
  const samples: Sample[] = [];
  for (let i = 0; i < runs; i++) {
    process.stderr.write(`  ${label}: ${task} run ${i + 1}/${runs} … `);
    const s = runChild(task, edition, out);
    process.stderr.write(`${(s.ms / 1000).toFixed(2)} s${s.warmMs === undefined ? '' : `, warm ${(s.warmMs / 1000).toFixed(2)} s`}\n`);
    samples.push(s);
  }
  const medianSteps = (pick: (s: Sample) => Record<string, number> | undefined) => {
    const names = [...new Set(samples.flatMap((s) => Object.keys(pick(s) ?? {})))];
    return Object.fromEntries(names.map((n) => [n, median(samples.map((s) => pick(s)?.[n] ?? 0))]));
  };
  const warm = samples.map((s) => s.warmMs).filter((x): x is number => x !== undefined);
  return {
    ms: median(samples.map((s) => s.ms)),
    steps: medianSteps((s) => s.steps),
    warmMs: warm.length ? median(warm) : undefined,
    warmSteps: medianSteps((s) => s.warmSteps),
    maxRssMB: Math.max(...samples.map((s) => s.maxRssMB)),
    runs,
  };
}

function sh(cmd: string, args: string[]): string {
  const r = spawnSync(cmd, args, { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : '';
}

async function machine(pdf: boolean): Promise<string[]> {
  const cpu = os.cpus()[0]?.model.trim() ?? 'unknown CPU';
  const lines = [
    `- CPU: ${cpu}; \`nproc\`: ${sh('nproc', []) || os.availableParallelism()}`,
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

/**
 * Whole commands as a user types them (`baogao --version`, `baogao check`),
 * each a fresh process, against a bare `node -e 0` measured in the same
 * rounds: the runs are interleaved so that other load on the machine weighs
 * on the baseline and the commands alike.
 */
function commandStarts(runs: number): string[] {
  const bin = path.join(ROOT, 'bin/baogao.mjs');
  const cases: [string, string[], string][] = [
    ['`node -e 0` (baseline)', ['-e', '0'], ''],
    ['`baogao --version`', [bin, '--version'], '≤ 3×'],
    ['`baogao check content`', [bin, 'check', SAMPLE_DIR], '≤ 8×'],
  ];
  const times: number[][] = cases.map(() => []);
  for (let i = 0; i < runs; i++) {
    cases.forEach(([name, args], k) => {
      const t0 = performance.now();
      const r = spawnSync(process.execPath, args, { cwd: ROOT, stdio: 'ignore' });
      if (r.status !== 0) throw new Error(`bench: ${name} exited ${r.status}`);
      times[k].push(performance.now() - t0);
    });
  }
  const base = median(times[0]);
  return [
    `| command (fresh process, median of ${runs}) | time | ÷ node -e 0 | target |`,
    '|---|--:|--:|---|',
    ...cases.map(([name, , target], k) => `| ${name} | ${median(times[k]).toFixed(0)} ms | ${(median(times[k]) / base).toFixed(2)}× | ${target} |`),
    '',
  ];
}

const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const ratio = (a: number, b: number) => (b > 0 ? `${(a / b).toFixed(2)}×` : '–');

/**
 * The row-scaling table: HTML + XLSX builds of the sample plus one table of
 * each size, a fresh process each (cold, as `baogao build` runs).
 */
function rowsTable(sizes: number[], tmp: string): string[] {
  const results = sizes.map((n) => {
    const edition = makeRows(n, path.join(tmp, `rows-${n}`));
    process.stderr.write(`  ${n} rows: html+xlsx … `);
    const r = runChild('rows', edition, path.join(tmp, `rows-out-${n}`));
    process.stderr.write(`${(r.ms / 1000).toFixed(2)} s, ${r.maxRssMB.toFixed(0)} MB\n`);
    const checkHtml = fs.statSync(path.join(tmp, `rows-out-${n}`, 'check.html')).size;
    fs.rmSync(path.join(tmp, `rows-out-${n}`), { recursive: true, force: true });
    return { n, r, checkHtml };
  });
  const stages = ['load', 'check', 'html', 'check report', 'xlsx'];
  const first = results[0];
  const last = results[results.length - 1];
  const lines = [
    '',
    `#### One table of ${sizes.map((n) => n.toLocaleString('en')).join(' / ')} rows (HTML + XLSX build, fresh process each)`,
    '',
    `| rows | total | ${stages.join(' | ')} | check.html | peak RSS |`,
    `|--:|--:|${stages.map(() => '--:|').join('')}--:|--:|`,
  ];
  for (const { n, r, checkHtml } of results) {
    lines.push(`| ${n.toLocaleString('en')} | ${s(r.ms)} | ${stages.map((k) => (r.steps[k] === undefined ? '–' : s(r.steps[k]))).join(' | ')} | ${(checkHtml / 1048576).toFixed(1)} MB | ${r.maxRssMB.toFixed(0)} MB |`);
  }
  if (results.length > 1) {
    const f = last.n / first.n;
    const grow = (a: number, b: number) => ratio(b, a);
    lines.push(
      `| **${last.n / 1000}k ÷ ${first.n / 1000}k** (rows ×${f}; linear ≤ ${f}×) | ${grow(first.r.ms, last.r.ms)} | ${stages.map((k) => grow(first.r.steps[k] ?? 0, last.r.steps[k] ?? 0)).join(' | ')} | ${grow(first.checkHtml, last.checkHtml)} | ${grow(first.r.maxRssMB, last.r.maxRssMB)} |`,
    );
  }
  return lines;
}

async function main(argv: string[]): Promise<void> {
  const opt = (name: string, dflt: number) => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 ? Number(argv[i + 1]) : dflt;
  };
  const runs = opt('runs', 3);
  const scaleRuns = opt('scale-runs', 1);
  const factor = opt('factor', 10);
  const scale = !argv.includes('--no-scale');
  const rowsAt = argv.indexOf('--rows');
  const rowSizes = argv.includes('--no-rows') ? [] : (rowsAt >= 0 ? argv[rowsAt + 1] : '1000,5000,10000').split(',').map(Number).filter((n) => n > 0);
  if (argv.includes('--rows-only')) {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'baogao-bench-'));
    try {
      console.log([`### baogao bench (rows), ${new Date().toISOString().slice(0, 10)}`, '', ...(await machine(false)), `- load average (1 min) at start: ${os.loadavg()[0].toFixed(1)} on ${os.availableParallelism()} cores`, ...rowsTable(rowSizes, tmp)].join('\n'));
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
    return;
  }
  const pdf = stageAvailable('pdf');
  const xlsx = stageAvailable('xlsx');

  const load0 = os.loadavg()[0];
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'baogao-bench-'));
  try {
    const editions: [string, string, number][] = [['1×', SAMPLE_DIR, runs]];
    if (scale) editions.push([`${factor}×`, makeSynthetic(factor, path.join(tmp, `edition-${factor}x`)), scaleRuns]);
    const results: Record<string, Partial<Record<Task, Measured>>> = {};
    const started = Date.now();
    for (const [label, edition, n] of editions) {
      process.stderr.write(`${label} edition (${n} run${n > 1 ? 's' : ''} each)\n`);
      const out = path.join(tmp, `out-${label}`);
      const r: Partial<Record<Task, Measured>> = {};
      r.full = measure('full', edition, out, n, label);
      if (pdf) r.floor = measure('floor', edition, out, n, label);
      r.html = measure('html', edition, path.join(tmp, `html-${label}`), n, label);
      if (xlsx) r.xlsx = measure('xlsx', edition, path.join(tmp, `xlsx-${label}`), n, label);
      r.check = measure('check', edition, out, n, label);
      results[label] = r;
    }

    const one = results['1×'];
    const big = scale ? results[`${factor}×`] : undefined;
    const cols = scale ? `| 1× (sample) | ${factor}× | ${factor}×/1× | target |` : '| 1× (sample) | target |';
    const rule = scale ? '|---|--:|--:|--:|---|' : '|---|--:|---|';
    const row = (name: string, a: number | undefined, b: number | undefined, target: string, fmt = s) =>
      scale ? `| ${name} | ${a === undefined ? '–' : fmt(a)} | ${b === undefined ? '–' : fmt(b)} | ${a !== undefined && b !== undefined ? ratio(b, a) : '–'} | ${target} |` : `| ${name} | ${a === undefined ? '–' : fmt(a)} | ${target} |`;
    const step = (m: Measured | undefined, name: string) => m?.steps[name];
    const full = pdf ? 'full build (check + zh/en HTML + zh/en PDF + XLSX)' : `full build (check + zh/en HTML${xlsx ? ' + XLSX' : ''}; no PDF stage yet)`;
    const mb = (x: number) => `${x.toFixed(0)} MB`;

    const lines: string[] = [];
    lines.push(`### baogao bench, ${new Date().toISOString().slice(0, 10)}`, '');
    lines.push(...(await machine(pdf)));
    lines.push(`- command: \`npm run bench -- ${argv.filter((a) => a !== '--child').join(' ')}\``.replace(/ -- `$/, '`'));
    lines.push(`- median of ${runs} run(s) at 1×${scale ? `, ${scaleRuns} at ${factor}×` : ''}; each run a fresh Node process, timing the work only; bench took ${((Date.now() - started) / 60000).toFixed(1)} min`);
    // Other work on the machine slows every row; the load average says how much there was.
    lines.push(`- load average (1 min) at start / end: ${load0.toFixed(1)} / ${os.loadavg()[0].toFixed(1)} on ${os.availableParallelism()} cores`, '');
    process.stderr.write('command start-up\n');
    lines.push(...commandStarts(opt('start-runs', 11)));
    lines.push(`| measurement ${cols}`, rule);
    lines.push(row(full, one.full?.ms, big?.full?.ms, pdf ? `≤ ${factor}× (nothing quadratic)` : ''));
    if (pdf) {
      lines.push(row('floor: Chromium alone printing the two HTML pages (1 launch, 2 × page.pdf)', one.floor?.ms, big?.floor?.ms, ''));
      const r1 = one.full && one.floor ? one.full.ms / one.floor.ms : undefined;
      const r2 = big?.full && big.floor ? big.full.ms / big.floor.ms : undefined;
      lines.push(scale ? `| **full build ÷ floor** | **${r1?.toFixed(2)}×** | ${r2?.toFixed(2)}× | – | ≤ 1.3× |` : `| **full build ÷ floor** | **${r1?.toFixed(2)}×** | ≤ 1.3× |`);
    } else lines.push(scale ? '| floor (Chromium alone) | skipped: the PDF stage is not available yet | | | |' : '| floor (Chromium alone) | skipped: the PDF stage is not available yet | |');
    lines.push(row('HTML-only rebuild (load + check + HTML), fresh process', one.html?.ms, big?.html?.ms, ''));
    lines.push(row('HTML-only rebuild, warm process (as in watch)', one.html?.warmMs, big?.html?.warmMs, `≤ ${factor}×`));
    lines.push(row('check (load + rules), fresh process', one.check?.ms, big?.check?.ms, ''));
    lines.push(row('check (load + rules), warm process', one.check?.warmMs, big?.check?.warmMs, `≤ ${factor}×`));
    // Stages: warm where the stage can run twice in a process, so that start-up costs do not flatter the ratio.
    const warmStep = (m: Measured | undefined, name: string) => m?.warmSteps[name];
    lines.push(row('· stage load (warm)', warmStep(one.check, 'load'), warmStep(big?.check, 'load'), `≤ ${factor}×`));
    lines.push(row('· stage check rules (warm)', warmStep(one.check, 'check'), warmStep(big?.check, 'check'), `≤ ${factor}×`));
    lines.push(row('· stage HTML: zh, en, bilingual (warm)', warmStep(one.html, 'html'), warmStep(big?.html, 'html'), `≤ ${factor}×`));
    if (xlsx) lines.push(row('· stage XLSX alone (warm)', warmStep(one.xlsx, 'xlsx'), warmStep(big?.xlsx, 'xlsx'), `≤ ${factor}×`));
    if (pdf) lines.push(row('· stage PDF, in the full build beside XLSX (fresh process)', step(one.full, 'pdf'), step(big?.full, 'pdf'), `≤ ${factor}×`));
    const other = Object.keys(one.html?.warmSteps ?? {}).filter((k) => !['load', 'check', 'html', 'xlsx', 'pdf'].includes(k));
    for (const k of other) lines.push(row(`· stage ${k} (warm)`, warmStep(one.html, k), warmStep(big?.html, k), ''));
    lines.push(row('peak RSS of the Node process, full build', one.full?.maxRssMB, big?.full?.maxRssMB, '', mb));
    if (!argv.includes('--no-watch')) lines.push(...watchRows(opt('watch-runs', 21)));
    if (rowSizes.length) lines.push(...rowsTable(rowSizes, tmp));
    console.log(lines.join('\n'));
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

const argv = process.argv.slice(2);
if (argv[0] === '--child') {
  const [, task, edition, out] = argv;
  const r = await child(task as Task, edition, out);
  console.log(JSON.stringify(r));
  // Puppeteer or ECharts may leave handles open; the measurement is done.
  process.exit(0);
} else {
  await main(argv);
}
