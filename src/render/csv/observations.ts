/**
 * A report table as tidy data: one record per observation, that is per cell
 * of a figure or value column (and per item of a list cell), with the row's
 * and the column's labels in both languages beside it. The printed table is
 * a grid for reading; a record stands alone, so that tables of several
 * years and districts can be stacked and filtered.
 */
import type { Cell, Column, Row, Table } from '../../model.js';
import { CODE, noteRef, periodWords, qualifierWords, unitEnglish } from '../annex-labels.js';

/** The fields of a record, in file order (datapackage.ts describes each). */
export const FIELDS = [
  'table',
  'table_number',
  'row',
  'row_label_zh',
  'row_label_en',
  'column',
  'column_label_zh',
  'column_label_en',
  'item',
  'value',
  'unit',
  'unit_en',
  'qualifier_zh',
  'qualifier_en',
  'period_zh',
  'period_en',
  'text_zh',
  'text_en',
  'note',
  'note_zh',
  'note_en',
] as const;

export type Field = (typeof FIELDS)[number];
export type Observation = Record<Field, string>;

/** The row's label: its label columns' texts, joined when a table has several. */
function rowLabel(table: Table, row: Row): { zh: string; en: string } {
  const cells = table.columns.filter((c) => c.kind === 'label').map((c) => row.cells[c.id]?.text);
  const zh = cells.map((t) => t?.zh ?? '').filter(Boolean);
  const en = cells.map((t) => t?.en ?? '').filter(Boolean);
  return { zh: zh.join(' / ') || row.id, en: en.join(' / ') || row.id };
}

/** The figure fields of a cell: the number as printed, its unit and what qualifies it; codes when it has none. */
function figure(cell: Cell | undefined): Pick<Observation, 'value' | 'unit' | 'unit_en' | 'qualifier_zh' | 'qualifier_en' | 'period_zh' | 'period_en'> {
  const q = cell?.quantity;
  if (!q) {
    // A cell with text and no figure states no number: not applicable. An empty cell is a figure not available.
    // A cell written — (the model's notApplicable) is not applicable too, whatever its text.
    const text = Boolean(cell?.text.zh) || cell?.notApplicable === true;
    const unit = text ? CODE.notApplicable : '';
    return { value: text ? CODE.notApplicable : CODE.notAvailable, unit, unit_en: unit, qualifier_zh: '', qualifier_en: '', period_zh: '', period_en: '' };
  }
  const words = qualifierWords(q);
  const period = periodWords(q, cell.text.en);
  return {
    value: q.digits,
    unit: q.unit,
    unit_en: q.unit ? unitEnglish(q.unit) : '',
    qualifier_zh: words.zh.join('；'),
    qualifier_en: words.en.join('; '),
    period_zh: period?.zh ?? '',
    period_en: period?.en ?? '',
  };
}

/**
 * The observations of one table. `noteNumbers` maps `tableId/noteId` to the
 * workbook's `[note n]` numbers, so that the CSV and the workbook cite a note alike.
 */
export function observations(table: Table, noteNumbers: Map<string, number>): Observation[] {
  const out: Observation[] = [];
  const figureColumns = table.columns.filter((c) => c.kind !== 'label');
  for (const row of table.rows) {
    const label = rowLabel(table, row);
    const notes = table.columns.map((c) => row.cells[c.id]?.note).filter((id): id is string => Boolean(id));
    const noteTexts = notes.map((id) => table.notes.find((n) => n.id === id)?.text).filter((t) => t !== undefined);
    const base = {
      table: table.id,
      table_number: String(table.number),
      row: row.id,
      row_label_zh: label.zh,
      row_label_en: label.en,
      note: notes.map((id) => noteRef(noteNumbers.get(`${table.id}/${id}`) ?? 0)).join(' '),
      note_zh: noteTexts.map((t) => t.zh).join('\n'),
      note_en: noteTexts.map((t) => t.en).join('\n'),
    };
    for (const col of figureColumns) out.push(...cellObservations(col, row.cells[col.id], base));
  }
  return out;
}

type Base = Pick<Observation, 'table' | 'table_number' | 'row' | 'row_label_zh' | 'row_label_en' | 'note' | 'note_zh' | 'note_en'>;

function cellObservations(col: Column, cell: Cell | undefined, base: Base): Observation[] {
  // Written out, not spread: a 30× edition has some 10,000 cells, and spreading four objects into
  // each record made the CSV stage's garbage grow faster than the edition.
  const one = (item: string, f: ReturnType<typeof figure>, zh: string, en: string): Observation => ({
    table: base.table,
    table_number: base.table_number,
    row: base.row,
    row_label_zh: base.row_label_zh,
    row_label_en: base.row_label_en,
    note: base.note,
    note_zh: base.note_zh,
    note_en: base.note_en,
    column: col.id,
    column_label_zh: col.header.zh,
    column_label_en: col.header.en,
    item,
    value: f.value,
    unit: f.unit,
    unit_en: f.unit_en,
    qualifier_zh: f.qualifier_zh,
    qualifier_en: f.qualifier_en,
    period_zh: f.period_zh,
    period_en: f.period_en,
    text_zh: zh,
    text_en: en,
  });
  // A list item is a statement, not a number: its value is not applicable.
  if (col.kind === 'list' && cell?.items?.length)
    return cell.items.map((it, i) => one(String(i + 1), figure({ ...cell, text: it.text, quantity: undefined }), it.text.zh, it.text.en));
  return [one('', figure(cell), cell?.text.zh ?? '', cell?.text.en ?? '')];
}
