/**
 * Rule `todo` (warning): what still needs this year's figure. A table or
 * chart marked `stale: true` (set by `baogao new`, which copies last year's)
 * still holds last year's figures; a number or value cell written `[x]` or
 * left empty has no figure yet; a carried target that is text where last
 * year's table had a figure needs it back; the session date is still the
 * placeholder. None is wrong while drafting, all must be gone before
 * printing: every output is marked as a draft while one is open, and
 * `build --final` refuses.
 */
import type { Edition } from '../model.js';
import { PLACEHOLDER_PATTERN } from '../placeholders.js';
import type { Rule, RuleContext } from './rule.js';
import { cellLabel, refLabel } from '../model/labels.js';

/** The session date and session line, while they are `baogao new`'s placeholders. */
function placeholders(edition: Edition, { report, examined }: RuleContext): void {
  const { meta } = edition;
  examined(3);
  if (meta.datePlaceholder)
    report({
      severity: 'warning',
      place: meta.places.date ?? meta.place,
      message: `date: is a placeholder (${meta.date.slice(0, 4)}-××-××); write the session date as YYYY-MM-DD`,
    });
  for (const lang of ['zh', 'en'] as const) {
    const m = meta.session && PLACEHOLDER_PATTERN.exec(meta.session[lang]);
    if (m)
      report({
        severity: 'warning',
        place: meta.places[`session.${lang}`] ?? meta.place,
        message: `session.${lang} still has the placeholder "${m[0]}"; write the session's date`,
        actual: m[0],
      });
  }
}

export const todoRule: Rule = {
  id: 'todo',
  description: "tables and cells that still need this year's figure",
  run(ctx) {
    const { edition, report, examined } = ctx;
    placeholders(edition, ctx);
    for (const figure of edition.figures) {
      examined();
      if (figure.stale)
        report({
          severity: 'warning',
          place: figure.place,
          message: `${refLabel('figure', figure.number, 'zh', edition.meta.style.numbering)} ${figure.caption.zh} is marked stale: true (last year's values and note); update its points and note, then remove the mark`,
        });
    }
    for (const ref of edition.carried?.cells ?? []) {
      const [tid, rid, cid] = ref.split('/');
      const table = edition.tables.find((t) => t.id === tid);
      const cell = table?.rows.find((r) => r.id === rid)?.cells[cid];
      if (!table || !cell || cell.quantity) continue;
      report({
        severity: 'warning',
        place: cell.place,
        message: `${cellLabel(table, rid, cid, edition.meta.style.numbering)} was carried from last year's plan as text ("${cell.text.zh}"); last year's table stated a figure here: add this year's figure (as in 完成市下达目标（9600人以内）)`,
      });
    }
    for (const table of edition.tables) {
      if (table.stale) {
        report({
          severity: 'warning',
          place: table.place,
          message: `${refLabel('table', table.number, 'zh', edition.meta.style.numbering)} ${table.caption.zh} is marked stale: true (last year's figures); needs this year's figures, then remove the mark`,
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
            message: `${cellLabel(table, row.id, col.id, edition.meta.style.numbering)} is not filled in ([x]); needs this year's figure`,
          });
        }
      }
    }
  },
};
