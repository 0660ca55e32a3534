/**
 * Rule `todo` (warning): what still needs this year's figure. A table marked
 * `stale: true` (set by `baogao new`, which copies last year's tables) still
 * holds last year's figures; a number or value cell written `[x]` or left
 * empty has no figure yet. Neither is wrong while drafting, both must be
 * gone before printing, so they are warnings that `--strict` turns into
 * failures.
 */
import type { Rule } from './rule.js';
import { cellLabel } from './table-arithmetic.js';

export const todoRule: Rule = {
  id: 'todo',
  description: "tables and cells that still need this year's figure",
  run({ edition, report, examined }) {
    for (const table of edition.tables) {
      if (table.stale) {
        report({
          severity: 'warning',
          place: table.place,
          message: `表${table.number} ${table.caption.zh} is marked stale: true (last year's figures); needs this year's figures, then remove the mark`,
        });
      }
      const figureColumns = table.columns.filter((c) => c.kind === 'number' || c.kind === 'value');
      for (const row of table.rows) {
        for (const col of figureColumns) {
          const cell = row.cells[col.id];
          if (!cell) continue;
          examined();
          // The loader reads `[x]` and an empty string as a cell with no text and no figure.
          if (cell.quantity || cell.text.zh.trim() !== '') continue;
          report({
            severity: 'warning',
            place: cell.place,
            message: `${cellLabel(table, row.id, col.id)} is not filled in ([x]); needs this year's figure`,
          });
        }
      }
    }
  },
};
