/**
 * Cells by path: what a `table/row/column` reference leads to and what a
 * `:num` directive prints. Load checks the references, the checker links
 * figures through them and every renderer prints them, so they sit below all
 * three.
 */
import type { TextDirective } from 'mdast-util-directive';
import { directiveLabel } from '../markdown/remark-known-directives.js';
import type { Cell, Lang, Precision, Table } from '../model.js';
import { rowsById } from '../model-index.js';
import { formatQuantity } from '../quantity/format.js';
import { countText } from '../plain-text.js';

/**
 * Where a `table/row/column` path leads. A cell written `[x]` (not yet
 * available, as in a new edition) is `pending`: not an error here, since the
 * todo rule reports it as work left to do.
 */
export function lookupCell(tables: Table[], ref: string): { table?: Table; cell?: Cell; problem?: string; pending?: boolean } {
  const [tid, rid, cid, ...rest] = ref.split('/');
  const table = tables.find((t) => t.id === tid);
  if (!table) return { problem: `no table "${tid}"` };
  if (!rid || !cid || rest.length) return { table, problem: `"${ref}" is not table/row/column` };
  const row = rowsById(table).get(rid);
  if (!row) return { table, problem: `table "${tid}" has no row "${rid}" (rows: ${idList(table.rows.map((r) => r.id))})` };
  // Own cells only: "constructor" or "toString" is a missing column, not a property of every object.
  const cell = Object.hasOwn(row.cells, cid) ? row.cells[cid] : undefined;
  if (!cell && table.columns.some((c) => c.id === cid)) return { table, problem: `cell ${ref} has no value (see ${table.file})` };
  if (!cell) return { table, problem: `table "${tid}" has no column "${cid}" (columns: ${idList(table.columns.map((c) => c.id))})` };
  if (!cell.quantity && cell.text.zh === '' && !cell.items) return { table, cell, pending: true };
  if (!cell.quantity) return { table, cell, problem: `cell ${ref} holds no figure` };
  return { table, cell };
}

/** Ids for a message: all of a short list, the first 20 of a long one. */
function idList(ids: string[]): string {
  return ids.length <= 20 ? ids.join(', ') : `${ids.slice(0, 20).join(', ')}, … (${countText(ids.length)} in all)`;
}

/**
 * What a `:num` directive prints in a language: by default the cell's whole
 * figure, direction and qualifier included (增长5.5%以上 / growth of over
 * 5.5%); `{unit}` the number and unit only, `{bare}` the number only; `{dp=N}`
 * rounds, else English follows the edition's precision. While the cell has no
 * figure (a new edition's `[x]`) it prints `[table/row/column]`.
 */
export function numText(tables: Table[], node: TextDirective, lang: Lang, precision?: Precision): string {
  const label = directiveLabel(node);
  const { cell } = lookupCell(tables, label);
  const attrs = node.attributes ?? {};
  if (!cell?.quantity) return `[${label}]`;
  const bare = attrs.bare != null;
  return formatQuantity(cell.quantity, lang, { bare, full: !bare && attrs.unit == null, dp: attrs.dp ? Number(attrs.dp) : undefined, precision });
}
