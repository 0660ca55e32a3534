/**
 * What check.html knows about each place before it marks a figure: the
 * statuses the rules recorded (and the errors found there), and the anchors
 * of what it has rendered so far, so that every finding links to its place.
 */
import type { FigureStatus, FigureStatusEntry, Finding } from '../../diagnostics.js';
import { placeKey } from '../../model/text-places.js';
import type { Place } from '../../model.js';

export const STATUSES: readonly FigureStatus[] = ['mismatch', 'verified', 'cross-checked', 'data-linked', 'unchecked'];
export const RANK: Record<FigureStatus, number> = { unchecked: 0, 'data-linked': 1, 'cross-checked': 2, verified: 3, mismatch: 4 };

/** What the rules said about each place; an error at a figure makes it a mismatch. */
export class StatusBook {
  private readonly byPlace = new Map<string, { status: FigureStatus; details: string[] }>();
  readonly counts: Record<FigureStatus, number> = { mismatch: 0, verified: 0, 'cross-checked': 0, 'data-linked': 0, unchecked: 0 };

  constructor(entries: FigureStatusEntry[], findings: Finding[]) {
    for (const e of entries) this.add(e.place, e.status, `${e.ruleId}: ${e.detail ?? e.status}`);
    for (const f of findings) if (f.severity === 'error') this.add(f.place, 'mismatch', `${f.ruleId}: ${f.message}`);
  }

  private add(place: Place, status: FigureStatus, detail: string): void {
    const key = placeKey(place);
    const now = this.byPlace.get(key);
    if (!now) return void this.byPlace.set(key, { status, details: [detail] });
    if (RANK[status] > RANK[now.status]) now.status = status;
    if (!now.details.includes(detail)) now.details.push(detail);
  }

  get(place: Place): { status: FigureStatus; details: string[] } | undefined {
    return this.byPlace.get(placeKey(place));
  }
}

/** Anchors of marked places, so that findings link to the figure or the block. */
export class Anchors {
  private readonly ids = new Map<string, string>();
  /** Each file's blocks in the order of their lines (they are added in reading order). */
  private readonly blocksByFile = new Map<string, { from: number; to: number; id: string }[]>();
  readonly tables = new Map<string, string>();

  /** Records a rendered block, so that findings inside its lines link to it. */
  addBlock(file: string, from: number, to: number, id: string): void {
    let list = this.blocksByFile.get(file);
    if (!list) this.blocksByFile.set(file, (list = []));
    list.push({ from, to, id });
  }

  /** The block of `file` whose lines hold `line`: a binary search, since a scan per finding would be findings × blocks. */
  private blockAt(file: string, line: number): string | undefined {
    const list = this.blocksByFile.get(file);
    if (!list) return undefined;
    let lo = 0;
    let hi = list.length - 1;
    let best = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (list[mid].from <= line) {
        best = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    // Blocks do not overlap; the last one starting at or before the line is the only candidate.
    return best >= 0 && line <= list[best].to ? list[best].id : undefined;
  }

  /** An id for the place, only the first time it is rendered. */
  claim(place: Place): string | undefined {
    const key = placeKey(place);
    if (this.ids.has(key)) return undefined;
    const id = `p${this.ids.size + 1}`;
    this.ids.set(key, id);
    return id;
  }

  /** Where a finding at `place` should link: the figure, else its block or table. */
  href(place: Place): string | undefined {
    const exact = this.ids.get(placeKey(place));
    if (exact) return `#${exact}`;
    const block = this.blockAt(place.file, place.line);
    if (block) return `#${block}`;
    const table = this.tables.get(place.file);
    return table ? `#${table}` : undefined;
  }
}
