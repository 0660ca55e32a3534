/**
 * Scaling: every stage on the sample (1×) and on synthetic editions 10× and
 * 30× its size (scripts/make-synthetic.ts). Target (issue 17): at each
 * factor, every stage takes at most factor × its 1× time (nothing grows
 * faster than the edition).
 *
 * The stages other than the PDF run one after the other in one process,
 * twice; the ratios use the second (warm) run, so that start-up costs (JIT,
 * font tables) do not flatter them, and its CPU time (user + system of the
 * Node process), which the other jobs of a shared machine change far less
 * than the wall time (both are printed). The PDF stage is its time in an HTML +
 * PDF build in a fresh process, cold (no remembered page numbers) at every
 * factor. The large editions get fewer runs (`--scale-runs`).
 */
import fs from 'node:fs';
import path from 'node:path';
import { makeSynthetic, SAMPLE_DIR } from '../make-synthetic.js';
import { atMost, median, medianSteps, progress, runChild, secs, stageAvailable, times, type Sample, type Section } from './measure.js';

export interface ScaleOptions {
  factors: number[];
  /** Runs at 1× and at each factor, in order. */
  runs: number[];
  pdf: boolean;
  tmp: string;
}

const STAGES: [step: string, label: string][] = [
  ['load', 'load (YAML, Markdown)'],
  ['check', 'check rules'],
  ['html', 'HTML: zh, en, bilingual'],
  ['check report', 'check report (check.html)'],
  ['xlsx', 'XLSX'],
  ['csv', 'CSV'],
  ['docx', 'DOCX'],
];

interface AtScale {
  factor: number;
  /** CPU ms per stage, warm run. */
  cpu: Record<string, number>;
  /** Wall ms per stage, warm run. */
  wall: Record<string, number>;
  pdf?: number;
  rssMB: number;
}

/**
 * The folder the stages child writes into: RAM-backed (/dev/shm) when the
 * machine has one with room to spare. This part measures how baogao's work
 * grows; this machine's disk (ext4, mounted with `discard`) makes a file for
 * anywhere from 12 µs to 250 µs from one minute to the next (a bare Node
 * script writing 272 files, docs/performance.md), and the CSV stage makes 11
 * files at 1× and 272 at 30×: its ratio measured the disk's moods. On
 * /dev/shm the HTML stage copies the 14 MB of font slices the pages use,
 * where on disk it hard-links them: ~25 ms more CPU at every factor (111 →
 * 135 ms at 1×), so its ratios read lower than on disk (docs/performance.md).
 * The builds against the floor stay on disk.
 */
function stagesRoot(tmp: string): string {
  try {
    // A container's /dev/shm can be 64 MB; a 30× pass writes a few hundred.
    const { bavail, bsize } = fs.statfsSync('/dev/shm');
    if (bavail * bsize < 2 ** 31) return tmp;
    return fs.mkdtempSync('/dev/shm/baogao-bench-');
  } catch {
    return tmp;
  }
}

function measureAt(factor: number, runs: number, opts: ScaleOptions, stagesDir: string): AtScale {
  const edition = factor === 1 ? SAMPLE_DIR : makeSynthetic(factor, path.join(opts.tmp, `edition-${factor}x`));
  const stages: Sample[] = [];
  const pdf: Sample[] = [];
  for (let i = 0; i < runs; i++) {
    progress(`  ${factor}×: run ${i + 1}/${runs}: stages … `);
    stages.push(runChild('stages', edition, path.join(stagesDir, `stages-${factor}x`)));
    progress(`${secs(stages[i].ms)}, warm ${secs(stages[i].warmMs)}`);
    if (opts.pdf) {
      progress(', HTML + PDF … ');
      pdf.push(runChild('pdf', edition, path.join(opts.tmp, `pdf-${factor}x`)));
      progress(secs(pdf[i].ms));
    }
    progress('\n');
  }
  return {
    factor,
    cpu: medianSteps(stages.map((s) => s.warmCpuSteps)),
    wall: medianSteps(stages.map((s) => s.warmSteps)),
    pdf: opts.pdf ? median(pdf.map((s) => s.steps.pdf ?? NaN)) : undefined,
    rssMB: Math.max(...stages.map((s) => s.maxRssMB), ...pdf.map((s) => s.maxRssMB)),
  };
}

export function scaling(opts: ScaleOptions): Section {
  const stagesDir = stagesRoot(opts.tmp);
  let all: AtScale[];
  try {
    all = [1, ...opts.factors].map((f, k) => measureAt(f, opts.runs[k] ?? opts.runs[opts.runs.length - 1], opts, stagesDir));
  } finally {
    if (stagesDir !== opts.tmp) fs.rmSync(stagesDir, { recursive: true, force: true });
  }
  const [one, ...big] = all;
  const rows: [label: string, pick: (a: AtScale) => number | undefined][] = STAGES.filter(
    ([step]) => step === 'load' || step === 'check' || step === 'html' || step === 'check report' || stageAvailable(step),
  ).map(([step, label]) => [`${label}, CPU`, (a) => a.cpu[step]]);
  if (opts.pdf) rows.push(['PDF: zh + en, cold (fresh process), wall', (a) => a.pdf]);
  const targets = big.flatMap((b) => rows.map(([label, pick]) => atMost(`${b.factor}× edition: ${label} ÷ 1×`, ratioOf(pick(b), pick(one)), b.factor)));
  const head = `| stage | 1× (sample) | ${big.map((b) => `${b.factor}×`).join(' | ')} | ${big.map((b) => `${b.factor}×÷1× (≤ ${b.factor}×)`).join(' | ')} |`;
  const lines = [
    `Runs (median): ${all.map((a, k) => `${opts.runs[k] ?? opts.runs[opts.runs.length - 1]} at ${a.factor}×`).join(', ')}. Stages written to ${stagesDir === opts.tmp ? 'the temporary folder' : '/dev/shm (RAM)'}; the PDF stage to disk.`,
    '',
    head,
    `|---|--:|${big.map(() => '--:|').join('')}${big.map(() => '--:|').join('')}`,
    ...rows.map(
      ([label, pick]) =>
        `| ${label} | ${secs(pick(one))} | ${big.map((b) => secs(pick(b))).join(' | ')} | ${big.map((b) => times(ratioOf(pick(b), pick(one)))).join(' | ')} |`,
    ),
    `| (all stages but the PDF, wall time) | ${secs(sum(one.wall))} | ${big.map((b) => secs(sum(b.wall))).join(' | ')} | ${big.map((b) => times(ratioOf(sum(b.wall), sum(one.wall)))).join(' | ')} |`,
    `| peak RSS of the Node process | ${one.rssMB.toFixed(0)} MB | ${big.map((b) => `${b.rssMB.toFixed(0)} MB`).join(' | ')} | ${big.map((b) => times(b.rssMB / one.rssMB)).join(' | ')} |`,
    '',
  ];
  return { lines, targets };
}

const ratioOf = (a: number | undefined, b: number | undefined) => (a === undefined || b === undefined || !(b > 0) ? undefined : a / b);

const sum = (steps: Record<string, number>) => Object.values(steps).reduce((a, b) => a + b, 0);
