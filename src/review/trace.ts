/**
 * From a place in the reviewed copy to a place in the sources. The copy's
 * bookmark names the unit (paragraph, table cell …) and the hash of its text
 * as built; the unit is rebuilt from the current edition with the renderer's
 * own function (render/docx/units.ts). Same hash: the offset maps to the exact
 * line and column. Otherwise the text was edited since the copy was built:
 * the comment still points at the unit, and says so.
 */
import type { Edition, Lang, Place } from '../model.js';
import { parseBookmark, textHash } from '../render/docx/bookmarks.js';
import { unitsByKey, unitText, type Unit } from '../render/docx/units.js';
import { lineColumn, sourceText } from '../source-text.js';
import type { Anchor } from './read-docx.js';

/** same: unchanged; moved: unchanged text now elsewhere; changed: edited since; gone: no longer in the edition; untraced: outside the report's text. */
export type TraceStatus = 'same' | 'moved' | 'changed' | 'gone' | 'untraced';

export interface Traced {
  status: TraceStatus;
  place?: Place;
  /** The table cell a commented figure is taken from. */
  other?: Place;
  unit?: string;
}

/** The source place of the character at `offset` of a unit's text. */
export function placeAt(u: Unit, offset: number): { place: Place; other?: Place } {
  let acc = 0;
  for (const [i, p] of u.pieces.entries()) {
    const last = i === u.pieces.length - 1;
    if (offset < acc + p.text.length || last) {
      const within = Math.max(0, Math.min(offset - acc, p.text.length));
      const src = p.offset !== undefined ? sourceText(p.place.file) : undefined;
      const place = src && p.offset !== undefined ? { file: p.place.file, ...lineColumn(src, p.offset + within) } : p.place;
      return { place, other: p.other };
    }
    acc += p.text.length;
  }
  return { place: u.place };
}

export class Tracer {
  private readonly units: Map<string, Unit>;
  private readonly byHash = new Map<string, Unit[]>();

  constructor(
    private readonly edition: Edition,
    private readonly lang: Lang,
  ) {
    this.units = unitsByKey(edition, lang);
    for (const u of this.units.values()) {
      const h = textHash(unitText(u));
      this.byHash.set(h, [...(this.byHash.get(h) ?? []), u]);
    }
  }

  trace(anchor: Anchor): Traced {
    const b = anchor.bookmark ? parseBookmark(anchor.bookmark) : undefined;
    if (!b) return { status: 'untraced' };
    const u = this.units.get(b.key);
    if (u && textHash(unitText(u)) === b.hash) return { status: 'same', unit: u.key, ...placeAt(u, anchor.offset) };
    // The same text under another key: blocks were added or removed before it.
    const moved = this.byHash.get(b.hash);
    if (moved?.length === 1 && unitText(moved[0]) !== '') return { status: 'moved', unit: moved[0].key, ...placeAt(moved[0], anchor.offset) };
    if (u) return { status: 'changed', unit: u.key, place: u.place };
    return { status: 'gone', place: this.fileOf(b.key) };
  }

  /** The file a unit no longer in the edition came from: its chapter, table or figure (by number). */
  private fileOf(key: string): Place | undefined {
    const m = /^([ptf])(\d+)_/.exec(key);
    const n = Number(m?.[2]);
    const file =
      m?.[1] === 'p'
        ? this.edition.chapters[n - 1]?.docs[this.lang].file
        : m?.[1] === 't'
          ? this.edition.tables.find((t) => t.number === n)?.file
          : this.edition.figures.find((f) => f.number === n)?.file;
    return file ? { file, line: 1, column: 1 } : undefined;
  }
}
