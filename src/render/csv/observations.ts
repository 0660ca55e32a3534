/**
 * A report table as tidy data: one record per observation, that is per cell
 * of a figure or value column (and per item of a list cell), with the row's
 * and the column's labels in both languages beside it. The printed table is
 * a grid for reading; a record stands alone, so that tables of several
 * years and districts can be stacked and filtered.
 */
import type { Cell, Column, Quantity, Row, Table } from '../../model.js';
import { CODE, noteRef, periodWords, qualifierWords, unitEnglish } from '../annex-labels.js';

/**
 * The fields of a record, in file order (datapackage.ts describes each): the
 * row's first, then the column's, the cell's, and the row's notes last.
 */
export const ROW_HEAD = ['table', 'table_number', 'row', 'row_label_zh', 'row_label_en'] as const;
export const COLUMN_FIELDS = ['column', 'column_label_zh', 'column_label_en'] as const;
export const CELL_FIELDS = ['item', 'value', 'unit', 'unit_en', 'qualifier_zh', 'qualifier_en', 'period_zh', 'period_en', 'text_zh', 'text_en'] as const;
export const ROW_TAIL = ['note', 'note_zh', 'note_en'] as const;
export const FIELDS = [...ROW_HEAD, ...COLUMN_FIELDS, ...CELL_FIELDS, ...ROW_TAIL] as const;

export type Field = (typeof FIELDS)[number];
export type Observation = Record<Field, string>;

/** The fields a row gives each of its records; `head` precedes the column's fields and `tail` ends the record. */
export type RowFields = Pick<Observation, (typeof ROW_HEAD)[number] | (typeof ROW_TAIL)[number]>;
export type ColumnFields = Pick<Observation, (typeof COLUMN_FIELDS)[number]>;
export type CellFields = Pick<Observation, (typeof CELL_FIELDS)[number]>;

const NO_TEXT = { zh: '', en: '' };

/** The figure fields of a cell (`q` its figure, none for a list item): the number as printed, its unit and what qualifies it; codes when it has none. */
function figure(cell: Cell | undefined, q: Quantity | undefined, text: { zh: string; en: string }, item: string): CellFields {
  if (!q) {
    // A cell with text and no figure states no number: not applicable. An empty cell is a figure not available.
    // A cell written — (the model's notApplicable) is not applicable too, whatever its text.
    const applies = Boolean(text.zh) || cell?.notApplicable === true;
    const unit = applies ? CODE.notApplicable : '';
    const value = applies ? CODE.notApplicable : CODE.notAvailable;
    return { item, value, unit, unit_en: unit, qualifier_zh: '', qualifier_en: '', period_zh: '', period_en: '', text_zh: text.zh, text_en: text.en };
  }
  const words = qualifierWords(q);
  const period = periodWords(q, text.en);
  return {
    item,
    value: q.digits,
    unit: q.unit,
    unit_en: q.unit ? unitEnglish(q.unit) : '',
    qualifier_zh: words.zh.join('；'),
    qualifier_en: words.en.join('; '),
    period_zh: period?.zh ?? '',
    period_en: period?.en ?? '',
    text_zh: text.zh,
    text_en: text.en,
  };
}

/**
 * The parts of one table's records, in file order: `row` once per row,
 * then `cell` once per record with its column's fields (the same object for
 * every record of that column), so that the CSV quotes a row's and a
 * column's fields once (csv-text.ts).
 */
export interface ObservationSink {
  row(fields: RowFields): void;
  cell(column: ColumnFields, fields: CellFields): void;
}

/** The label columns' texts of a row, joined when a table has several; its id when they are empty. */
function rowLabel(row: Row, labels: Column[], lang: 'zh' | 'en'): string {
  let label = '';
  for (const c of labels) {
    const t = row.cells[c.id]?.text[lang];
    if (t) label = label ? `${label} / ${t}` : t;
  }
  return label || row.id;
}

/** The fields of a row: its id, label and the notes its cells cite. */
function rowFields(table: Table, row: Row, labels: Column[], noteNumbers: Map<string, number>): RowFields {
  const refs: string[] = [];
  const zh: string[] = [];
  const en: string[] = [];
  for (const c of table.columns) {
    const id = row.cells[c.id]?.note;
    if (!id) continue;
    refs.push(noteRef(noteNumbers.get(`${table.id}/${id}`) ?? 0));
    const note = table.notes.find((n) => n.id === id);
    if (note) {
      zh.push(note.text.zh);
      en.push(note.text.en);
    }
  }
  return {
    table: table.id,
    table_number: String(table.number),
    row: row.id,
    row_label_zh: rowLabel(row, labels, 'zh'),
    row_label_en: rowLabel(row, labels, 'en'),
    note: refs.join(' '),
    note_zh: zh.join('\n'),
    note_en: en.join('\n'),
  };
}

/**
 * Walks the observations of one table. `noteNumbers` maps `tableId/noteId` to
 * the workbook's `[note n]` numbers, so that the CSV and the workbook cite a note alike.
 * Plain loops, and no closure made per row or cell: at 30× the sample's size this
 * code is hot enough for V8 to optimise it in the build, and the closures of
 * `map`/`filter` per row were as many more functions to compile (on V8's
 * helper threads, half the stage's CPU before).
 */
export function walkObservations(table: Table, noteNumbers: Map<string, number>, sink: ObservationSink): void {
  const labels: Column[] = [];
  const figures: Column[] = [];
  const columns: ColumnFields[] = [];
  for (const c of table.columns) {
    if (c.kind === 'label') labels.push(c);
    else {
      figures.push(c);
      columns.push({ column: c.id, column_label_zh: c.header.zh, column_label_en: c.header.en });
    }
  }
  for (const row of table.rows) {
    sink.row(rowFields(table, row, labels, noteNumbers));
    for (let j = 0; j < figures.length; j++) {
      const col = figures[j];
      const cell = row.cells[col.id];
      const items = col.kind === 'list' ? cell?.items : undefined;
      // A list item is a statement, not a number: its value is not applicable.
      if (items?.length) for (let i = 0; i < items.length; i++) sink.cell(columns[j], figure(cell, undefined, items[i].text, String(i + 1)));
      else sink.cell(columns[j], figure(cell, cell?.quantity, cell?.text ?? NO_TEXT, ''));
    }
  }
}
