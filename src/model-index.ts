/**
 * Lookups into the model that every stage needs, made once per table: a
 * lookup per row or per reference must not scan the table (a statistical
 * annex has 10,000 rows, and a scan per row makes a stage quadratic).
 */
import type { Row, Table } from './model.js';

const rowIndex = new WeakMap<Table, Map<string, Row>>();

/** A table's rows by id. The model is not changed after loading, so the index stays true. */
export function rowsById(table: Table): Map<string, Row> {
  let m = rowIndex.get(table);
  if (!m) rowIndex.set(table, (m = new Map(table.rows.map((r) => [r.id, r]))));
  return m;
}
