/**
 * Watch save-to-page: the time from saving an edit in one chapter of the
 * sample to the page showing it, in a running `baogao watch`, as a median.
 * Target (issue 17): ≤ 100 ms.
 *
 * Not measured yet: the helper working on `watch` fills in this function (it
 * returns undefined until then, and the summary says "not measured").
 */
import { atMost, type Section } from './measure.js';

export async function watchSaveToPage(_runs: number): Promise<Section | undefined> {
  return undefined;
}

/** What the bench prints while {@link watchSaveToPage} measures nothing. */
export function watchNotMeasured(): Section {
  return {
    lines: ['| watch save-to-page (median) | not measured in this version (scripts/bench/watch.ts) | ≤ 100 ms |', ''],
    targets: [{ ...atMost('watch save-to-page, median', undefined, 100, 'ms') }],
  };
}
