/**
 * The figures of the check report, marked by status. Narrative blocks and
 * tables become hast with every figure wrapped in a span that says what the
 * checker established about it (data-linked, verified, checked against the
 * other language, mismatch, unchecked) and, on hover, what it was compared
 * with: the source cell of a data reference, the table cell of a verified
 * figure. Text goes into text nodes and attribute values into properties, so
 * hast-util-to-html escapes all of it; raw HTML of the edition is never kept.
 */
import type { Element, ElementContent } from 'hast';
import { h } from 'hastscript';
import type { Nodes, Text } from 'mdast';
import { placeAt, placeKey, flatten, yamlTextPlace, type FlatText } from '../../model/text-places.js';
import type { FigureStatus } from '../../diagnostics.js';
import { lookupCell, numText } from '../../model/cells.js';
import { refLabel } from '../../model/labels.js';
import { rowsById } from '../../model-index.js';
import { directiveLabel } from '../../markdown/remark-known-directives.js';
import type { Edition, Figure, Lang, Place, Table } from '../../model.js';
import { formatQuantity } from '../../quantity/format.js';
import { scanEn } from '../../quantity/parse-en.js';
import { parseZhFigure, scanZh } from '../../quantity/parse-zh.js';
import { RANK, type Anchors, type StatusBook } from './status.js';

export interface MarkContext {
  edition: Edition;
  lang: Lang;
  book: StatusBook;
  anchors: Anchors;
  /** The edition's tables and figures by id: a scan per directive would be directives × tables. */
  tables: ReadonlyMap<string, Table>;
  figures: ReadonlyMap<string, Figure>;
}

/** Years (2022年, In 2022) are not figures anyone checks; they would only add noise. */
const isYear = (digits: string, unit: string) => /^(19|20)\d\d$/.test(digits) && (unit === '' || unit === '年');

/**
 * One figure span. `place` is where the figure's digits are; `cell`, for a
 * figure inside a table cell, the cell's own place, which rules that judge a
 * whole cell report at.
 */
function mark(ctx: MarkContext, text: string, place: Place | undefined, fallback: FigureStatus, title: string, withId: boolean, cell?: Place): Element {
  const known = (place ? ctx.book.get(place) : undefined) ?? (cell ? ctx.book.get(cell) : undefined);
  const status = known && RANK[known.status] > RANK[fallback] ? known.status : fallback;
  const hover = [title, ...(known?.details ?? [])].filter(Boolean).join('\n') || 'unchecked: no rule compared this figure';
  const id = withId && place ? ctx.anchors.claim(place) : undefined;
  if (withId) ctx.book.counts[status]++;
  const dataPlace = place && placeKey(place);
  const properties = { className: ['fig', `s-${status}`], id, dataFigure: withId || undefined, dataStatus: status, dataPlace, title: hover };
  // The most numerous element of the page, so written as hast directly, without hastscript's parsing of names and values.
  return { type: 'element', tagName: 'span', properties, children: [{ type: 'text', value: text }] };
}

interface Range {
  start: number;
  end: number;
  digits: number;
  place: Place;
}

/** The figures of a text, by offset, each with the place of its digits. */
function figureRanges(text: string, lang: Lang, placeOf: (k: number) => Place, inText: (k: number) => boolean, book?: StatusBook): Range[] {
  const found =
    lang === 'zh'
      ? scanZh(text)
          .filter((f) => !isYear(f.quantity.digits, f.quantity.unit))
          .map((f) => ({ start: f.index, end: f.index + f.length, digits: f.digitsIndex }))
      : scanEn(text)
          // A number word ("one of") is a figure only where a rule compared it.
          .filter((f) => !f.ordinal && !f.numbered && !(f.dimension === 'bare' && isYear(f.digits, '')) && !(f.word && !book?.get(placeOf(f.digitsIndex))))
          .map((f) => ({ start: f.index, end: f.index + f.length, digits: f.digitsIndex }));
  return found.filter((r) => inText(r.digits)).map((r) => ({ ...r, place: placeOf(r.digits) }));
}

/** The index of the first of `list` (sorted, not overlapping) that ends after `at`. */
function firstEndingAfter<T>(list: readonly T[], at: number, end: (x: T) => number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (end(list[mid]) <= at) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** A plain text (a table cell, an item) with its figures marked; `cell` is the place of a cell whose primary figure it holds. */
function markText(ctx: MarkContext, text: string, base: Place, cell?: Place): ElementContent[] {
  const ranges = figureRanges(
    text,
    ctx.lang,
    (k) => yamlTextPlace(base, text, k),
    () => true,
    ctx.book,
  );
  const out: ElementContent[] = [];
  let at = 0;
  for (const [i, r] of ranges.entries()) {
    if (r.start > at) out.push({ type: 'text', value: text.slice(at, r.start) });
    out.push(mark(ctx, text.slice(r.start, r.end), r.place, 'unchecked', '', true, i === 0 ? cell : undefined));
    at = r.end;
  }
  if (at < text.length) out.push({ type: 'text', value: text.slice(at) });
  return out;
}

/** The source cell of a data reference, as shown on hover. */
function sourceTitle(edition: Edition, label: string): string {
  const { table, cell, problem } = lookupCell(edition.tables, label);
  if (!table || !cell) return `data reference ${label}: ${problem ?? 'unresolved'}`;
  const [, rowId, colId] = label.split('/');
  const row = rowsById(table).get(rowId);
  const labelCol = table.columns.find((c) => c.kind === 'label');
  const rowName = (labelCol && row?.cells[labelCol.id]?.text.zh) || rowId;
  const header = table.columns.find((c) => c.id === colId)?.header.zh ?? colId;
  const name = refLabel('table', table.number, 'zh', edition.meta.style.numbering);
  return `data-linked: ${name} ${rowName} · ${header} = ${cell.text.zh} (${placeKey(cell.place)})`;
}

/** A narrative block as hast, figures marked. */
export function blockHast(ctx: MarkContext, node: Nodes, file: string): ElementContent[] {
  const flat: FlatText = flatten(node);
  const starts = new Map<Text, number>(flat.segments.map((s) => [s.node, s.start]));
  const segEnd = (s: FlatText['segments'][number]) => s.start + s.node.value.length;
  const inText = (k: number) => {
    const s = flat.segments[firstEndingAfter(flat.segments, k, segEnd)];
    return s !== undefined && k >= s.start;
  };
  const ranges = figureRanges(flat.text, ctx.lang, (k) => placeAt(flat, k, file), inText, ctx.book);
  const text = (t: Text): ElementContent[] => {
    const s = starts.get(t) ?? 0;
    const e = s + t.value.length;
    const out: ElementContent[] = [];
    const plain = (a: number, b: number) => void (b > a && out.push({ type: 'text', value: flat.text.slice(a, b) }));
    let at = s;
    // A figure may run across text nodes (part of it bold): each node marks its share, the one with the digits claims the id.
    for (let i = firstEndingAfter(ranges, s, (r) => r.end); i < ranges.length && ranges[i].start < e; i++) {
      const r = ranges[i];
      const a = Math.max(r.start, s);
      const b = Math.min(r.end, e);
      plain(at, a);
      out.push(mark(ctx, flat.text.slice(a, b), r.place, 'unchecked', '', r.digits >= a && r.digits < b));
      at = b;
    }
    plain(at, e);
    return out;
  };
  const kids = (n: Nodes): ElementContent[] => ('children' in n ? (n.children as Nodes[]).flatMap(walk) : []);
  const walk = (n: Nodes): ElementContent[] => {
    switch (n.type) {
      case 'text':
        return text(n);
      case 'heading':
        return [h(`h${Math.min(6, n.depth + 1)}`, kids(n))];
      case 'paragraph':
        return [h('p', kids(n))];
      case 'list':
        return [h(n.ordered ? 'ol' : 'ul', kids(n))];
      case 'listItem':
        return [h('li', kids(n))];
      case 'strong':
        return [h('strong', kids(n))];
      case 'emphasis':
        return [h('em', kids(n))];
      case 'break':
        return [h('br')];
      case 'inlineCode':
        return [h('code', n.value)];
      case 'code':
        return [h('pre', n.value)];
      case 'html':
        // Raw HTML is never passed through (the loader warns about it): it shows as text.
        return [{ type: 'text', value: n.value }];
      case 'textDirective': {
        const label = directiveLabel(n);
        if (n.name === 'ref') {
          const t = ctx.tables.get(label);
          const target = t ?? ctx.figures.get(label);
          return [{ type: 'text', value: target ? refLabel(t ? 'table' : 'figure', target.number, ctx.lang, ctx.edition.meta.style.numbering) : label }];
        }
        const value = numText(ctx.edition.tables, n, ctx.lang, ctx.edition.meta.style.precision);
        const place = { file, line: n.position?.start.line ?? 1, column: n.position?.start.column ?? 1 };
        return [mark(ctx, value, place, 'data-linked', sourceTitle(ctx.edition, label), true)];
      }
      default:
        return kids(n);
    }
  };
  return walk(node);
}

/** A table as hast in one language, its figures marked at their cells. */
export function tableHast(ctx: MarkContext, table: Table): Element {
  const { lang } = ctx;
  const head = table.columns.map((c) => h('th', c.header[lang]));
  const rows = table.rows.map((row) => {
    const cells = table.columns.map((col) => {
      const cell = row.cells[col.id];
      if (!cell) return h('td');
      if (cell.items)
        return h(
          'td',
          h(
            'ul',
            cell.items.map((it) => h('li', markText(ctx, it.text[lang], it.place))),
          ),
        );
      if (col.kind === 'label') return h('th', { scope: 'row' }, cell.text[lang]);
      if (!cell.text.zh) return h('td', { className: [col.kind, 'todo'] }, '[x]');
      // A cell that is one figure is marked whole; a sentence with a figure in it, at the figure.
      if (cell.quantity && (col.kind === 'number' || parseZhFigure(cell.text.zh))) {
        return h('td', { className: [col.kind] }, mark(ctx, cell.text[lang], cell.place, 'unchecked', '', lang === 'zh'));
      }
      return h('td', { className: [col.kind] }, markText(ctx, cell.text[lang], cell.place, cell.quantity ? cell.place : undefined));
    });
    return h('tr', cells);
  });
  const caption = `${refLabel('table', table.number, lang, ctx.edition.meta.style.numbering)} ${table.caption[lang]}`;
  const id = lang === 'zh' ? `t-${table.id}` : undefined;
  if (id) ctx.anchors.tables.set(table.file, id);
  return h('table', { className: ['data'], id }, [h('caption', caption), h('thead', h('tr', head)), h('tbody', rows)]);
}

/** A chart's points in one language: a data-linked cell or a figure stated in the report. */
export function figureHast(ctx: MarkContext, figure: Figure): Element {
  const caption = `${refLabel('figure', figure.number, ctx.lang, ctx.edition.meta.style.numbering)} ${figure.caption[ctx.lang]}`;
  const points = figure.points.map((p) => {
    const value = formatQuantity(p.value, ctx.lang, { precision: ctx.edition.meta.style.precision });
    const title = p.ref ? sourceTitle(ctx.edition, p.ref) : '';
    return h('li', [`${p.label[ctx.lang]}: `, mark(ctx, value, p.place, p.ref ? 'data-linked' : 'unchecked', title, ctx.lang === 'zh')]);
  });
  return h('figure', { className: ['chart'] }, [h('figcaption', caption), h('ul', points)]);
}
