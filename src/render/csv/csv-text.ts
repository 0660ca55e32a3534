/**
 * CSV as RFC 4180 writes it: fields separated by commas, records ended by
 * CRLF, a field quoted when it holds a comma, a quote or a line break (its
 * quotes doubled). UTF-8 without a byte-order mark, as CSV on the Web and
 * Frictionless Data expect.
 */
import type { Table } from '../../model.js';
import { CELL_FIELDS, COLUMN_FIELDS, FIELDS, ROW_HEAD, ROW_TAIL, walkObservations, type ColumnFields } from './observations.js';

function field(s: string): string {
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** `fields` of `record`, quoted and joined by commas. */
function joined<K extends string>(record: Readonly<Record<K, string>>, fields: readonly K[]): string {
  let s = field(record[fields[0]]);
  for (let i = 1; i < fields.length; i++) s += `,${field(record[fields[i]])}`;
  return s;
}

const HEADER = `${FIELDS.map(field).join(',')}\r\n`;

/**
 * The CSV text of a table's observations under a header of their fields. A
 * row's fields and a column's are quoted and joined once, and each record
 * adds only its cell's ten: no record object is made for the CSV.
 */
export function tableCsv(table: Table, noteNumbers: Map<string, number>): string {
  let text = HEADER;
  let head = '';
  let tail = '';
  const columns = new Map<ColumnFields, string>();
  walkObservations(table, noteNumbers, {
    row(r) {
      head = `${joined(r, ROW_HEAD)},`;
      tail = `,${joined(r, ROW_TAIL)}\r\n`;
    },
    cell(c, f) {
      let column = columns.get(c);
      if (column === undefined) columns.set(c, (column = `${joined(c, COLUMN_FIELDS)},`));
      text += head + column + joined(f, CELL_FIELDS) + tail;
    },
  });
  return text;
}
