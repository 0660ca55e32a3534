/**
 * Watch save-to-page: the time from saving an edit in one chapter of the
 * sample to the page having it, in a running `baogao watch`, as a median.
 * Target (issue 17): ≤ 100 ms. The measurement is scripts/bench-watch.ts
 * (also a command of its own, with `--against DIR` to compare checkouts).
 */
import { inChild, type SaveToPage } from '../bench-watch.js';
import { atMost, median, ROOT, type Section } from './measure.js';

/** Two fresh processes, each saving one paragraph `5 × runs` times (15 at the default 3 runs). */
export async function watchSaveToPage(runs: number): Promise<Section | undefined> {
  const saves = Math.max(5 * runs, 5);
  const rounds: SaveToPage[] = [inChild(ROOT, saves), inChild(ROOT, saves)];
  const all = rounds.flatMap((r) => r.ms);
  const med = median(all);
  const ms = (x: number) => `${x.toFixed(0)} ms`;
  return {
    lines: [
      `| watch, one-paragraph save in the largest chapter (2 fresh processes × ${saves} saves) | median | range | target |`,
      '|---|--:|--:|---|',
      `| watch save-to-page | ${ms(med)} | ${ms(Math.min(...all))}–${ms(Math.max(...all))} | ≤ 100 ms |`,
      `| · the server's rebuild, to the pages sent (median) | ${ms(median(rounds.map((r) => r.rebuildMedian)))} | | |`,
      `| · CPU time of the process, save to page (median; less inflated by a shared machine) | ${ms(median(rounds.map((r) => r.cpuMedian)))} | | |`,
      '',
    ],
    targets: [atMost('watch save-to-page, median', med, 100, 'ms')],
  };
}

/** What the bench prints when the watch part is skipped. */
export function watchNotMeasured(): Section {
  return {
    lines: ['| watch save-to-page (median) | not measured in this run | ≤ 100 ms |', ''],
    targets: [{ ...atMost('watch save-to-page, median', undefined, 100, 'ms') }],
  };
}
