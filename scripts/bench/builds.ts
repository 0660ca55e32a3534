/**
 * Full builds of the sample against the Chromium-only floor, both timed as
 * whole processes from spawn to exit, as a user meets them:
 *
 * - cold: `baogao build content --out <fresh folder>`: nothing from an earlier
 *   build (no output folder, so nothing the PDF stage could reuse).
 * - warm: the same command again onto the folder the cold build wrote (what a
 *   rebuild costs: the OS's file caches warm, the previous outputs replaced).
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

export async function fullBuilds(edition: string, tmp: string, runs: number): Promise<Section> {
  ensureCompiled();
  const chromium = (await ensureBrowser()).path;
  const out = path.join(tmp, 'full-1x');
  const cold: ProcessRun[] = [];
  const warm: ProcessRun[] = [];
  const floor: ProcessRun[] = [];
  for (let i = 0; i < runs; i++) {
    fs.rmSync(out, { recursive: true, force: true });
    progress(`  full builds: round ${i + 1}/${runs}: cold … `);
    cold.push(runBuildCommand(edition, out));
    progress(`${secs(cold[i].ms)}, warm … `);
    warm.push(runBuildCommand(edition, out));
    progress(`${secs(warm[i].ms)}, floor … `);
    floor.push(runFloorProcess(out, chromium, PDF_OPTIONS, chromiumArgs()));
    progress(`${secs(floor[i].ms)}\n`);
  }
  const m = (xs: ProcessRun[]) => median(xs.map((x) => x.ms));
  const step = (xs: ProcessRun[], name: string) => median(xs.map((x) => x.steps[name] ?? NaN));
  const before = (xs: ProcessRun[]) => median(xs.map((x) => (x.steps.load ?? 0) + (x.steps.check ?? 0) + (x.steps.html ?? 0)));
  const rc = median(cold.map((x, i) => x.ms / floor[i].ms));
  const rw = median(warm.map((x, i) => x.ms / floor[i].ms));
  return {
    lines: [
      `| \`baogao build content\` (check + zh/en HTML + zh/en PDF + XLSX + CSV), whole process, median of ${runs} | time | load + check + HTML | PDF stage | ÷ floor | target |`,
      '|---|--:|--:|--:|--:|---|',
      `| cold: a fresh output folder | ${secs(m(cold))} | ${secs(before(cold))} | ${secs(step(cold, 'pdf'))} | **${times(rc)}** | ≤ ${COLD_LIMIT}× |`,
      `| warm: again onto the folder the cold build wrote | ${secs(m(warm))} | ${secs(before(warm))} | ${secs(step(warm, 'pdf'))} | **${times(rw)}** | ≤ ${WARM_LIMIT}× |`,
      `| floor: Node + puppeteer + Chromium printing the two HTML pages (1 launch, 2 × page.pdf) | ${secs(m(floor))} | | | 1× | |`,
      '',
    ],
    targets: [atMost('cold full build ÷ Chromium floor', rc, COLD_LIMIT), atMost('warm full build ÷ Chromium floor', rw, WARM_LIMIT)],
  };
}
