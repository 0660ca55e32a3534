/**
 * Lays out one report table as a flat, machine-readable grid: one header row
 * of unique bilingual headers, then rows of plain values. The printed table
 * is written for reading; this grid is written for computing, so
 *
 * - a label column becomes a Chinese and an English column side by side;
 * - a number column stays one column of numbers, its unit in the header;
 * - a value column (`增长8%以上`) keeps its exact text in both languages and,
 *   when any of its cells states a figure, adds the figure, its unit and its
 *   qualifier as separate columns;
 * - a list column gives one row per item, with the row's other cells
 *   (the category) repeated on every item row and an item number;
 * - notes attached to cells go to a Notes column as `[note 1]`.
 */
import type { Cell, Column, Table } from '../../model.js';
import { bi, CODE, noteRef, qualifierLabel, unitEnglish, unitLabel } from '../annex-labels.js';

/** A cell value: text, a number, or a HYPERLINK formula with its displayed text; never blank (see CODE). */
export type GridValue = string | number | { formula: string; result: string };

export interface GridColumn {
  /** Bilingual, one line, unique within the table. */
  header: string;
  type: 'text' | 'number';
}

export interface GridCell {
  value: GridValue;
  /** Number format showing the precision the report prints. */
  numFmt?: string;
}

export interface Grid {
  columns: GridColumn[];
  rows: GridCell[][];
  /** The shorthand codes used in the grid, to be explained above the table. */
  codes: Set<string>;
}

/** The number format that shows `digits` as written: 80.70 → `#,##0.00`, 8376 → `#,##0`. */
export function numFmtFor(digits: string): string {
  const decimals = digits.split('.')[1]?.length ?? 0;
  return decimals ? `#,##0.${'0'.repeat(decimals)}` : '#,##0';
}

/** One output column: its header and how it reads a cell of the model row (and the list item, if any). */
interface Out {
  column: GridColumn;
  read: (row: RowView) => GridCell;
}

interface RowView {
  cells: Record<string, Cell | undefined>;
  /** The list item this grid row shows, and its 1-based number. */
  item?: { zh: string; en: string; n: number };
  notes: string;
}

/**
 * `[z]` not applicable: the cell cannot hold what its column asks for — a
 * cell written — in the report (no figure applies, e.g. no plan set; the
 * model's `notApplicable`), the figure of a cell worded as text, the
 * qualifier of a bare figure, the note of a row without one.
 */
function notApplicable(codes: Set<string>): string {
  codes.add(CODE.notApplicable);
  return CODE.notApplicable;
}

const text = (s: string | undefined, codes: Set<string>, na = false): GridCell => {
  if (na) return { value: notApplicable(codes) };
  if (s) return { value: s };
  codes.add(CODE.notAvailable);
  return { value: CODE.notAvailable };
};

function bilingualPair(col: Column, get: (r: RowView) => { zh?: string; en?: string }, codes: Set<string>, na: (r: RowView) => boolean = () => false): Out[] {
  return [
    { column: { header: bi(`${col.header.zh}（中文）`, `${col.header.en} (Chinese)`), type: 'text' }, read: (r) => text(get(r).zh, codes, na(r)) },
    { column: { header: bi(`${col.header.zh}（英文）`, `${col.header.en} (English)`), type: 'text' }, read: (r) => text(get(r).en, codes, na(r)) },
  ];
}

function numberHeader(col: Column): string {
  const unit = col.unit ?? '';
  // The report's headers usually name the unit already (税收总收入（亿元）); add it only when they do not.
  if (!unit || col.header.zh.includes(unit)) return bi(col.header.zh, col.header.en);
  return bi(`${col.header.zh}（${unit}）`, `${col.header.en} (${unitEnglish(unit)})`);
}

function valueColumns(col: Column, table: Table, codes: Set<string>): Out[] {
  const cellsOf = table.rows.map((r) => r.cells[col.id]);
  const out = bilingualPair(
    col,
    (r) => r.cells[col.id]?.text ?? {},
    codes,
    (r) => r.cells[col.id]?.notApplicable === true,
  );
  if (cellsOf.some((c) => c?.quantity)) {
    const figure = (r: RowView): GridCell => {
      const q = r.cells[col.id]?.quantity;
      return q ? { value: Number(q.digits), numFmt: numFmtFor(q.digits) } : { value: notApplicable(codes) };
    };
    const unit = (r: RowView): GridCell => {
      const q = r.cells[col.id]?.quantity;
      return { value: q ? unitLabel(q.unit) : notApplicable(codes) };
    };
    out.push({ column: { header: bi(`${col.header.zh}：数值`, `${col.header.en}: figure`), type: 'number' }, read: figure });
    out.push({ column: { header: bi(`${col.header.zh}：单位`, `${col.header.en}: unit`), type: 'text' }, read: unit });
  }
  if (cellsOf.some((c) => c?.quantity && (c.quantity.direction || c.quantity.qualifier || c.quantity.period))) {
    const qualifier = (r: RowView): GridCell => {
      const c = r.cells[col.id];
      // A figure that stands as written has no qualifier: not applicable, not missing data.
      return c?.quantity ? { value: qualifierLabel(c.quantity, c.text.en) || notApplicable(codes) } : { value: notApplicable(codes) };
    };
    out.push({ column: { header: bi(`${col.header.zh}：限定词`, `${col.header.en}: qualifier`), type: 'text' }, read: qualifier });
  }
  return out;
}

function columnsOf(table: Table, expand: Column | undefined, codes: Set<string>): Out[] {
  const out: Out[] = [];
  for (const col of table.columns) {
    if (col.kind === 'label') out.push(...bilingualPair(col, (r) => r.cells[col.id]?.text ?? {}, codes));
    else if (col.kind === 'number') {
      out.push({
        column: { header: numberHeader(col), type: 'number' },
        read: (r) => {
          const q = r.cells[col.id]?.quantity;
          return q ? { value: Number(q.digits), numFmt: numFmtFor(q.digits) } : text(undefined, codes, r.cells[col.id]?.notApplicable);
        },
      });
    } else if (col.kind === 'value') out.push(...valueColumns(col, table, codes));
    else if (col === expand) {
      out.push({
        column: { header: bi('序号', 'Item number'), type: 'number' },
        read: (r) => (r.item ? { value: r.item.n, numFmt: '0' } : text(undefined, codes)),
      });
      out.push(...bilingualPair(col, (r) => r.item ?? {}, codes));
    } else {
      // A second list column cannot also be one row per item: its items stay together, one per line.
      const joined = (r: RowView) => ({
        zh: r.cells[col.id]?.items?.map((i) => i.text.zh).join('\n'),
        en: r.cells[col.id]?.items?.map((i) => i.text.en).join('\n'),
      });
      out.push(...bilingualPair(col, joined, codes));
    }
  }
  if (table.rows.some((r) => Object.values(r.cells).some((c) => c.note))) {
    out.push({ column: { header: bi('注释', 'Notes'), type: 'text' }, read: (r) => ({ value: r.notes || notApplicable(codes) }) });
  }
  return out;
}

/** Makes headers unique (Excel repairs a file whose Table repeats a header). */
function uniqueHeaders(columns: GridColumn[]): void {
  const seen = new Map<string, number>();
  for (const c of columns) {
    const n = (seen.get(c.header) ?? 0) + 1;
    seen.set(c.header, n);
    if (n > 1) c.header = `${c.header} (${n})`;
  }
}

/**
 * The grid of one table. `noteNumbers` maps `tableId/noteId` to the
 * workbook-wide note number (see {@link numberNotes}).
 */
export function tableGrid(table: Table, noteNumbers: Map<string, number>): Grid {
  const codes = new Set<string>();
  const expand = table.columns.find((c) => c.kind === 'list');
  const outs = columnsOf(table, expand, codes);
  const rows: GridCell[][] = [];
  for (const row of table.rows) {
    const notes = table.columns
      .map((c) => row.cells[c.id]?.note)
      .filter((id): id is string => Boolean(id))
      .map((id) => noteRef(noteNumbers.get(`${table.id}/${id}`) ?? 0))
      .join(' ');
    const items = expand ? (row.cells[expand.id]?.items ?? []) : [];
    const views: RowView[] = items.length ? items.map((it, i) => ({ cells: row.cells, item: { ...it.text, n: i + 1 }, notes })) : [{ cells: row.cells, notes }];
    for (const v of views) rows.push(outs.map((o) => o.read(v)));
  }
  const columns = outs.map((o) => o.column);
  uniqueHeaders(columns);
  return { columns, rows, codes };
}
