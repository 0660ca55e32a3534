/**
 * What the editors' review adds to an edition: the findings the bureau
 * accepts (`acknowledged:` in a table file, `:ack[…]` in a block) and the
 * record of what `baogao new` carried over (`carried-over.yaml`).
 */
import type { RootContent } from 'mdast';
import type { Collector } from '../diagnostics.js';
import { marksOf } from '../markdown/remark-review-marks.js';
import type { Acknowledgement, CarriedOver, ChapterDoc, Table } from '../model.js';
import type { TableData } from './schemas.js';
import type { YamlFile } from './yaml-doc.js';

/** `acknowledged: - { rule, at: row/column, reason }` of one table file. */
export function tableAcknowledgements(data: TableData, y: YamlFile, table: Table, out: Collector): Acknowledgement[] {
  const acks: Acknowledgement[] = [];
  (data.acknowledged ?? []).forEach((a, i) => {
    const place = y.placeOf(['acknowledged', i]);
    const [rowId, colId] = a.at.split('/');
    const row = table.rows.find((r) => r.id === rowId);
    if (!row)
      return void out.error(
        'load/acknowledged',
        y.placeOf(['acknowledged', i, 'at']),
        `at: ${a.at}: table "${table.id}" has no row "${rowId}" (rows: ${table.rows.map((r) => r.id).join(', ')})`,
      );
    if (colId === undefined) {
      const lines = [row.place.line, ...Object.values(row.cells).map((c) => c.place.line)];
      acks.push({ rule: a.rule, reason: a.reason, place, covers: { file: table.file, fromLine: Math.min(...lines), toLine: Math.max(...lines) } });
      return;
    }
    const cell = row.cells[colId];
    if (!cell)
      return void out.error(
        'load/acknowledged',
        y.placeOf(['acknowledged', i, 'at']),
        `at: ${a.at}: row "${rowId}" has no cell "${colId}" (columns: ${table.columns.map((c) => c.id).join(', ')})`,
      );
    acks.push({
      rule: a.rule,
      reason: a.reason,
      place,
      covers: { file: table.file, fromLine: cell.place.line, toLine: cell.place.line, column: cell.place.column },
    });
  });
  return acks;
}

/** The `:ack[reason]{rule=…}` marks of a chapter file: each covers its block. */
export function blockAcknowledgements(doc: ChapterDoc, blocks: RootContent[]): Acknowledgement[] {
  const acks: Acknowledgement[] = [];
  for (const block of blocks) {
    const from = block.position?.start.line ?? 1;
    const to = block.position?.end.line ?? from;
    for (const a of marksOf(block)?.acks ?? []) {
      acks.push({
        rule: a.rule,
        reason: a.reason,
        place: { file: doc.file, line: a.line, column: a.column },
        covers: { file: doc.file, fromLine: from, toLine: to },
      });
    }
  }
  return acks;
}

export function loadCarried(
  data: { from: string; blocks: Record<string, string[]>; fields: Record<string, string>; cells: string[] },
  file: string,
): CarriedOver {
  return { file, from: data.from, blocks: data.blocks, fields: data.fields, cells: data.cells };
}
