/**
 * Cold and warm full builds of the sample against the Chromium-only floor.
 *
 * - cold: no remembered contents page numbers (the toc cache is cleared first).
 * - warm: the same build again right after, with the page numbers the cold
 *   build remembered (what a rebuild of an unchanged page costs).
 * - floor: Chromium alone printing the two HTML pages the build wrote (one
 *   launch, both pages at once, the PDF stage's page.pdf options): no build
 *   can print faster.
 *
 * The three run in turn in each round, so that load from other work on the
 * machine weighs on all of them alike; each figure is the median of the rounds.
 * Kept apart from the rest of the bench so that changes to the PDF stage
 * (one print per language) only touch this file.
 */
import path from 'node:path';
import { atMost, median, progress, runChild, secs, times, type Sample, type Section } from './measure.js';

const COLD_LIMIT = 1.15;
const WARM_LIMIT = 1.1;

export function fullBuilds(edition: string, tmp: string, runs: number): Section {
  const out = path.join(tmp, 'full-1x');
  const cold: Sample[] = [];
  const warm: Sample[] = [];
  const floor: Sample[] = [];
  for (let i = 0; i < runs; i++) {
    progress(`  full builds: round ${i + 1}/${runs}: cold … `);
    cold.push(runChild('full', edition, out, 'cold'));
    progress(`${secs(cold[i].ms)}, warm … `);
    warm.push(runChild('full', edition, out));
    progress(`${secs(warm[i].ms)}, floor … `);
    floor.push(runChild('floor', edition, out));
    progress(`${secs(floor[i].ms)}\n`);
  }
  const m = (xs: Sample[]) => median(xs.map((x) => x.ms));
  const pdf = (xs: Sample[]) => median(xs.map((x) => x.steps.pdf ?? NaN));
  const [c, w, f] = [m(cold), m(warm), m(floor)];
  // Ratios per round (same load), then their median.
  const rc = median(cold.map((x, i) => x.ms / floor[i].ms));
  const rw = median(warm.map((x, i) => x.ms / floor[i].ms));
  return {
    lines: [
      `| full build of the sample (check + zh/en HTML + zh/en PDF + XLSX + CSV), fresh process, median of ${runs} | time | of it PDF stage | ÷ floor | target |`,
      '|---|--:|--:|--:|---|',
      `| cold: no remembered contents page numbers | ${secs(c)} | ${secs(pdf(cold))} | **${times(rc)}** | ≤ ${COLD_LIMIT}× |`,
      `| warm: the page numbers of the build before | ${secs(w)} | ${secs(pdf(warm))} | **${times(rw)}** | ≤ ${WARM_LIMIT}× |`,
      `| floor: Chromium alone printing the two HTML pages (1 launch, 2 × page.pdf) | ${secs(f)} | | 1× | |`,
      `| peak RSS of the Node process (cold build) | ${Math.max(...cold.map((x) => x.maxRssMB)).toFixed(0)} MB | | | |`,
      '',
    ],
    targets: [atMost('cold full build ÷ Chromium floor', rc, COLD_LIMIT), atMost('warm full build ÷ Chromium floor', rw, WARM_LIMIT)],
  };
}
