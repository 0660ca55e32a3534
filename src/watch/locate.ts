/**
 * Where a finding is in the served pages. A finding names a file and a line;
 * the page shows blocks, tables and figures. This maps one to the other, as
 * plain data (ids and indexes) that the panel's script resolves in the page:
 * a data reference by its `data-place`, a chapter place by its block (block n
 * of the zh file is block n of the en file and row n of the bilingual page),
 * a table place by its table, row and column.
 */
import path from 'node:path';
import { lineText, sourceText } from '../source-text.js';
import type { Finding, Severity } from '../diagnostics.js';
import { blocksOf } from '../markdown/blocks.js';
import type { Edition, Lang, Place } from '../model.js';

/** A place in the served pages; every field is an id, an index or a number. */
export interface Target {
  /** `file:line:column`, as written in `span.num[data-place]`. */
  place: string;
  lang?: Lang;
  chapter?: string;
  /** 0-based block index within the chapter. */
  block?: number;
  /**
   * The block's position on each page, where the pages differ: the English
   * page shows untranslated Chinese blocks in place, the bilingual page has
   * one row per Chinese block.
   */
  pages?: { zh?: number; en?: number; bilingual?: number };
  table?: string;
  row?: string;
  /** 0-based column index. */
  column?: number;
  figure?: string;
  /** The cover (edition.yaml). */
  cover?: boolean;
}

export interface FindingView {
  severity: Severity;
  ruleId: string;
  message: string;
  file: string;
  line: number;
  column: number;
  other?: { file: string; line: number; column: number; label?: string };
  target: Target;
}

export interface ExcerptLine {
  line: number;
  /** The line's text from character `from` on (long lines are cut around the column). */
  text: string;
  from: number;
}

/** A finding of a broken build, with the lines around it. */
export interface ErrorView extends FindingView {
  excerpt: ExcerptLine[];
}

const before = (a: Place | { line: number; column: number }, b: { line: number; column: number }) =>
  a.line < b.line || (a.line === b.line && a.column <= b.column);

/** Index of the last item that passes `test`, or -1. */
function last<T>(items: readonly T[], test: (item: T) => boolean): number {
  for (let i = items.length - 1; i >= 0; i--) if (test(items[i])) return i;
  return -1;
}

/** The page target of one place. */
export function locate(edition: Edition | undefined, place: Place): Target {
  const target: Target = { place: `${place.file}:${place.line}:${place.column}` };
  if (!edition) return target;
  const file = path.resolve(place.file);
  if (file === path.resolve(edition.dir, 'edition.yaml')) return { ...target, cover: true };
  for (const ch of edition.chapters) {
    for (const lang of ['zh', 'en'] as const) {
      const doc = ch.docs[lang];
      if (path.resolve(doc.file) !== file) continue;
      const blocks = blocksOf(doc.tree);
      let block = blocks.findIndex((b) => b.position && b.position.start.line <= place.line && place.line <= b.position.end.line);
      if (block < 0)
        block = Math.max(
          0,
          last(blocks, (b) => (b.position?.start.line ?? 0) <= place.line),
        );
      const k = ch.alignment.findIndex((p) => p[lang] === block);
      const pair = ch.alignment[k];
      // The zh page holds the Chinese blocks; the en page every row of the alignment; the bilingual page a row per Chinese block.
      const zhIndex = pair?.zh ?? ch.alignment.slice(0, k).filter((p) => p.zh !== undefined).length;
      const pages = k < 0 ? undefined : { zh: zhIndex, en: k, bilingual: zhIndex };
      return { ...target, lang, chapter: ch.id, block, ...(pages ? { pages } : {}) };
    }
  }
  const table = edition.tables.find((t) => path.resolve(t.file) === file);
  if (table) {
    const row = table.rows[last(table.rows, (r) => before(r.place, place))];
    if (!row) return { ...target, table: table.id };
    const cell = Object.values(row.cells)
      .filter((c) => before(c.place, place))
      .sort((a, b) => a.place.line - b.place.line || a.place.column - b.place.column)
      .pop();
    const column = cell ? table.columns.findIndex((c) => c.id === cell.column) : -1;
    return { ...target, table: table.id, row: row.id, ...(column >= 0 ? { column } : {}) };
  }
  const figure = edition.figures.find((f) => path.resolve(f.file) === file);
  if (figure) return { ...target, figure: figure.id };
  return target;
}

export function findingView(f: Finding, edition: Edition | undefined): FindingView {
  const { file, line, column } = f.place;
  const other = f.other ? { file: f.other.file, line: f.other.line, column: f.other.column, label: f.other.label } : undefined;
  return { severity: f.severity, ruleId: f.ruleId, message: f.message, file, line, column, ...(other ? { other } : {}), target: locate(edition, f.place) };
}

/** The lines around `line` of `file` as the loader last read it (two before, two after); nothing of a file it refused. */
export function excerpt(file: string, line: number, column = 1): ExcerptLine[] {
  const source = sourceText(file);
  if (!source) return [];
  const from = Math.max(1, line - 2);
  const to = Math.min(source.lineStarts.length, line + 2);
  // Long lines (a paragraph is one line) are shown from 60 characters before the column.
  const start = Math.max(0, column - 1 - 60);
  const out: ExcerptLine[] = [];
  for (let n = from; n <= to; n++) {
    const chars = [...(lineText(source, n) ?? '')];
    const shown = chars.slice(start, start + 160).join('');
    out.push({ line: n, text: chars.length > start + 160 ? `${shown}…` : shown, from: start });
  }
  return out;
}
