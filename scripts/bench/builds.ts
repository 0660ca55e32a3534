/**
 * Full builds of the sample against the Chromium-only floor, both timed as
 * whole processes from spawn to exit, as a user meets them:
 *
 * - cold: `baogao build content --out <fresh folder>`: nothing from an earlier
 *   build (no output folder, so nothing the PDF stage could reuse).
 * - warm: the same command again onto the folder the cold build wrote (what a
 *   rebuild costs: the OS's file caches warm, the previous outputs replaced).
 *   Nothing changed, so both prints are taken from the folder's kept prints
 *   (src/render/pdf/print-store.ts) and Chromium is not started.
 * - edited: again onto that folder after a one-word edit in a Chinese and an
 *   English chapter, so that both pages are printed again: what a rebuild
 *   after an edit costs. Shown for what it is, with no target of its own.
 * - floor: the least program that prints the two HTML pages the build wrote
 *   (scripts/bench/floor.mjs: Node, puppeteer, one Chromium launch, both pages
 *   at once with the PDF stage's page.pdf options). No build can be faster.
 *
 * The three run in turn in each round, so that load from other work on the
 * machine weighs on all of them alike; each ratio is taken within a round,
 * then the median over the rounds.
 */
import fs from 'node:fs';
import path from 'node:path';
import { chromiumArgs } from '../../src/render/pdf/browser.js';
import { ensureBrowser } from '../../src/render/pdf/find-browser.js';
import { PDF_OPTIONS } from '../../src/render/pdf/page-print.js';
import { atMost, median, progress, runBuildCommand, runFloorProcess, secs, times, type ProcessRun, type Section } from './measure.js';
import { ensureCompiled } from './starts.js';

const COLD_LIMIT = 1.15;
const WARM_LIMIT = 1.1;

/** One word of a chapter swapped for another and back, round by round: a real edit each time, never a check finding. */
function editor(edition: string): () => void {
  const edits: [string, string, string][] = [
    [path.join(edition, 'zh', '01-review.md'), '进一步', '更加'],
    [path.join(edition, 'en', '01-review.md'), 'further', 'more'],
  ];
  let forward = true;
  return () => {
    for (const [file, a, b] of edits) {
      const text = fs.readFileSync(file, 'utf8');
      const [from, to] = forward ? [a, b] : [b, a];
      if (!text.includes(from)) throw new Error(`bench: ${file} no longer has "${from}" to edit`);
      fs.writeFileSync(file, text.replace(from, to));
    }
    forward = !forward;
  };
}

export async function fullBuilds(sample: string, tmp: string, runs: number): Promise<Section> {
  ensureCompiled();
  const chromium = (await ensureBrowser()).path;
  // A copy, which the edited round changes.
  const edition = path.join(tmp, 'full-edition');
  fs.rmSync(edition, { recursive: true, force: true });
  fs.cpSync(sample, edition, { recursive: true });
  const edit = editor(edition);
  const out = path.join(tmp, 'full-1x');
  const cold: ProcessRun[] = [];
  const warm: ProcessRun[] = [];
  const edited: ProcessRun[] = [];
  const floor: ProcessRun[] = [];
  for (let i = 0; i < runs; i++) {
    fs.rmSync(out, { recursive: true, force: true });
    progress(`  full builds: round ${i + 1}/${runs}: cold … `);
    cold.push(runBuildCommand(edition, out));
    progress(`${secs(cold[i].ms)}, warm … `);
    warm.push(runBuildCommand(edition, out));
    progress(`${secs(warm[i].ms)}, edited … `);
    edit();
    edited.push(runBuildCommand(edition, out));
    progress(`${secs(edited[i].ms)}, floor … `);
    floor.push(runFloorProcess(out, chromium, PDF_OPTIONS, chromiumArgs()));
    progress(`${secs(floor[i].ms)}\n`);
  }
  const m = (xs: ProcessRun[]) => median(xs.map((x) => x.ms));
  const step = (xs: ProcessRun[], name: string) => median(xs.map((x) => x.steps[name] ?? NaN));
  const before = (xs: ProcessRun[]) => median(xs.map((x) => (x.steps.load ?? 0) + (x.steps.check ?? 0) + (x.steps.html ?? 0)));
  const rc = median(cold.map((x, i) => x.ms / floor[i].ms));
  const rw = median(warm.map((x, i) => x.ms / floor[i].ms));
  const re = median(edited.map((x, i) => x.ms / floor[i].ms));
  return {
    lines: [
      `| \`baogao build content\` (check + zh/en HTML + zh/en PDF + XLSX + CSV), whole process, median of ${runs} | time | load + check + HTML | PDF stage | ÷ floor | target |`,
      '|---|--:|--:|--:|--:|---|',
      `| cold: a fresh output folder | ${secs(m(cold))} | ${secs(before(cold))} | ${secs(step(cold, 'pdf'))} | **${times(rc)}** | ≤ ${COLD_LIMIT}× |`,
      `| warm: again onto the folder the cold build wrote (both prints kept, Chromium not started) | ${secs(m(warm))} | ${secs(before(warm))} | ${secs(step(warm, 'pdf'))} | **${times(rw)}** | ≤ ${WARM_LIMIT}× |`,
      `| edited: again after a one-word edit in a zh and an en chapter (both printed) | ${secs(m(edited))} | ${secs(before(edited))} | ${secs(step(edited, 'pdf'))} | ${times(re)} | |`,
      `| floor: Node + puppeteer + Chromium printing the two HTML pages (1 launch, 2 × page.pdf) | ${secs(m(floor))} | | | 1× | |`,
      '',
    ],
    targets: [atMost('cold full build ÷ Chromium floor', rc, COLD_LIMIT), atMost('warm full build ÷ Chromium floor', rw, WARM_LIMIT)],
  };
}
