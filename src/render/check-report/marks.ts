/**
 * The figures of the check report, marked by status. Narrative blocks and
 * tables are written to HTML with every figure wrapped in a span that says
 * what the checker established about it (data-linked, verified, checked
 * against the other language, mismatch, unchecked) and, on hover, what it
 * was compared with: the source cell of a data reference, the table cell of
 * a verified figure.
 */
import type { Nodes, Text } from 'mdast';
import { placeAt, placeKey, flatten, yamlTextPlace, type FlatText } from '../../model/text-places.js';
import type { FigureStatus, FigureStatusEntry, Finding } from '../../diagnostics.js';
import { lookupCell, numText } from '../../model/cells.js';
import { refLabel } from '../../model/labels.js';
import { rowsById } from '../../model-index.js';
import { directiveLabel } from '../../markdown/remark-known-directives.js';
import type { Edition, Figure, Lang, Place, Table } from '../../model.js';
import { formatQuantity } from '../../quantity/format.js';
import { scanEn } from '../../quantity/parse-en.js';
import { parseZhFigure, scanZh } from '../../quantity/parse-zh.js';

export const STATUSES: readonly FigureStatus[] = ['mismatch', 'verified', 'cross-checked', 'data-linked', 'unchecked'];
const RANK: Record<FigureStatus, number> = { unchecked: 0, 'data-linked': 1, 'cross-checked': 2, verified: 3, mismatch: 4 };

/** HTML-escapes text and attribute values. */
export function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

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

export interface MarkContext {
  edition: Edition;
  lang: Lang;
  book: StatusBook;
  anchors: Anchors;
}

/** Years (2022年, In 2022) are not figures anyone checks; they would only add noise. */
const isYear = (digits: string, unit: string) => /^(19|20)\d\d$/.test(digits) && (unit === '' || unit === '年');

/**
 * One figure span. `place` is where the figure's digits are; `cell`, for a
 * figure inside a table cell, the cell's own place, which rules that judge a
 * whole cell report at.
 */
function mark(ctx: MarkContext, text: string, place: Place | undefined, fallback: FigureStatus, title: string, withId: boolean, cell?: Place): string {
  const known = (place ? ctx.book.get(place) : undefined) ?? (cell ? ctx.book.get(cell) : undefined);
  const status = known && RANK[known.status] > RANK[fallback] ? known.status : fallback;
  const hover = [title, ...(known?.details ?? [])].filter(Boolean).join('\n') || 'unchecked: no rule compared this figure';
  const id = withId && place ? ctx.anchors.claim(place) : undefined;
  if (withId) ctx.book.counts[status]++;
  return `<span class="fig s-${status}"${id ? ` id="${id}"` : ''}${withId ? ' data-figure' : ''} data-status="${status}"${place ? ` data-place="${esc(placeKey(place))}"` : ''} title="${esc(hover)}">${esc(text)}</span>`;
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
      ? scanZh(text).filter((f) => !isYear(f.quantity.digits, f.quantity.unit)).map((f) => ({ start: f.index, end: f.index + f.length, digits: f.digitsIndex }))
      : scanEn(text)
          // A number word ("one of") is a figure only where a rule compared it.
          .filter((f) => !f.ordinal && !f.numbered && !(f.dimension === 'bare' && isYear(f.digits, '')) && !(f.word && !book?.get(placeOf(f.digitsIndex))))
          .map((f) => ({ start: f.index, end: f.index + f.length, digits: f.digitsIndex }));
  return found.filter((r) => inText(r.digits)).map((r) => ({ ...r, place: placeOf(r.digits) }));
}

/** A plain text (a table cell, an item) with its figures marked; `cell` is the place of a cell whose primary figure it holds. */
function markText(ctx: MarkContext, text: string, base: Place, cell?: Place): string {
  const ranges = figureRanges(text, ctx.lang, (k) => yamlTextPlace(base, text, k), () => true, ctx.book);
  let out = '';
  let at = 0;
  for (const [i, r] of ranges.entries()) {
    out += esc(text.slice(at, r.start)) + mark(ctx, text.slice(r.start, r.end), r.place, 'unchecked', '', true, i === 0 ? cell : undefined);
    at = r.end;
  }
  return out + esc(text.slice(at));
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
  return `data-linked: ${refLabel('table', table.number, 'zh', edition.meta.style.numbering)} ${rowName} · ${header} = ${cell.text.zh} (${placeKey(cell.place)})`;
}

/** A narrative block as HTML, figures marked. */
export function blockHtml(ctx: MarkContext, node: Nodes, file: string): string {
  const flat: FlatText = flatten(node);
  const starts = new Map<Text, number>(flat.segments.map((s) => [s.node, s.start]));
  const inText = (k: number) => flat.segments.some((s) => k >= s.start && k < s.start + s.node.value.length);
  const ranges = figureRanges(flat.text, ctx.lang, (k) => placeAt(flat, k, file), inText, ctx.book);
  const text = (t: Text): string => {
    const s = starts.get(t) ?? 0;
    const e = s + t.value.length;
    let out = '';
    let at = s;
    for (const r of ranges.filter((x) => x.end > s && x.start < e)) {
      const a = Math.max(r.start, s);
      const b = Math.min(r.end, e);
      out += esc(flat.text.slice(at, a)) + mark(ctx, flat.text.slice(a, b), r.place, 'unchecked', '', r.digits >= a && r.digits < b);
      at = b;
    }
    return out + esc(flat.text.slice(at, e));
  };
  const kids = (n: Nodes) => ('children' in n ? (n.children as Nodes[]).map(walk).join('') : '');
  const walk = (n: Nodes): string => {
    switch (n.type) {
      case 'text':
        return text(n);
      case 'heading':
        return `<h${n.depth + 1}>${kids(n)}</h${n.depth + 1}>`;
      case 'paragraph':
        return `<p>${kids(n)}</p>`;
      case 'list':
        return n.ordered ? `<ol>${kids(n)}</ol>` : `<ul>${kids(n)}</ul>`;
      case 'listItem':
        return `<li>${kids(n)}</li>`;
      case 'strong':
        return `<strong>${kids(n)}</strong>`;
      case 'emphasis':
        return `<em>${kids(n)}</em>`;
      case 'break':
        return '<br>';
      case 'inlineCode':
        return `<code>${esc(n.value)}</code>`;
      case 'code':
        return `<pre>${esc(n.value)}</pre>`;
      case 'html':
        // Raw HTML is never passed through (the loader warns about it): it shows as text.
        return esc(n.value);
      case 'textDirective': {
        const label = directiveLabel(n);
        if (n.name === 'ref') {
          const t = ctx.edition.tables.find((x) => x.id === label);
          const f = ctx.edition.figures.find((x) => x.id === label);
          const target = t ?? f;
          return esc(target ? refLabel(t ? 'table' : 'figure', target.number, ctx.lang, ctx.edition.meta.style.numbering) : label);
        }
        const value = numText(ctx.edition.tables, n, ctx.lang, ctx.edition.meta.style.precision);
        const place = { file, line: n.position?.start.line ?? 1, column: n.position?.start.column ?? 1 };
        return mark(ctx, value, place, 'data-linked', sourceTitle(ctx.edition, label), true);
      }
      default:
        return kids(n);
    }
  };
  return walk(node);
}

/** A table as HTML in one language, its figures marked at their cells. */
export function tableHtml(ctx: MarkContext, table: Table): string {
  const { lang } = ctx;
  const head = table.columns.map((c) => `<th>${esc(c.header[lang])}</th>`).join('');
  const rows = table.rows.map((row) => {
    const cells = table.columns.map((col) => {
      const cell = row.cells[col.id];
      if (!cell) return '<td></td>';
      if (cell.items) return `<td><ul>${cell.items.map((it) => `<li>${markText(ctx, it.text[lang], it.place)}</li>`).join('')}</ul></td>`;
      if (col.kind === 'label') return `<th scope="row">${esc(cell.text[lang])}</th>`;
      if (!cell.text.zh) return `<td class="${col.kind} todo">[x]</td>`;
      // A cell that is one figure is marked whole; a sentence with a figure in it, at the figure.
      if (cell.quantity && (col.kind === 'number' || parseZhFigure(cell.text.zh))) {
        return `<td class="${col.kind}">${mark(ctx, cell.text[lang], cell.place, 'unchecked', '', lang === 'zh')}</td>`;
      }
      return `<td class="${col.kind}">${markText(ctx, cell.text[lang], cell.place, cell.quantity ? cell.place : undefined)}</td>`;
    });
    return `<tr>${cells.join('')}</tr>`;
  });
  const caption = `${refLabel('table', table.number, lang, ctx.edition.meta.style.numbering)} ${table.caption[lang]}`;
  const id = lang === 'zh' ? `t-${table.id}` : undefined;
  if (id) ctx.anchors.tables.set(table.file, id);
  return `<table class="data"${id ? ` id="${id}"` : ''}><caption>${esc(caption)}</caption><thead><tr>${head}</tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

/** A chart's points in one language: a data-linked cell or a figure stated in the report. */
export function figureHtml(ctx: MarkContext, figure: Figure): string {
  const caption = `${refLabel('figure', figure.number, ctx.lang, ctx.edition.meta.style.numbering)} ${figure.caption[ctx.lang]}`;
  const points = figure.points.map((p) => {
    const value = formatQuantity(p.value, ctx.lang, { precision: ctx.edition.meta.style.precision });
    const title = p.ref ? sourceTitle(ctx.edition, p.ref) : '';
    return `<li>${esc(p.label[ctx.lang])}: ${mark(ctx, value, p.place, p.ref ? 'data-linked' : 'unchecked', title, ctx.lang === 'zh')}</li>`;
  });
  return `<figure class="chart"><figcaption>${esc(caption)}</figcaption><ul>${points.join('')}</ul></figure>`;
}
