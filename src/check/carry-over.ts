/**
 * Rule `carry-over`: with the previous edition given (`--previous DIR`), the
 * targets column of this year's execution table (the table declared
 * `role: execution`, Table 1) is the plan the previous edition adopted (its
 * table declared `role: plan`): last year's Table 7 becomes this year's
 * targets, row by row, by row id. The target columns are the ones declared
 * `measure: target`.
 */
import type { Cell, Quantity } from '../model.js';
import { compareDec, parseDec } from '../quantity/decimal.js';
import { cellLabel } from '../model/labels.js';
import type { Rule } from './rule.js';
import { executionTable, planTable, targetColumn } from '../model/next-edition.js';
import { refLabel } from '../model/labels.js';

function sameQuantity(a: Quantity, b: Quantity): boolean {
  return (
    compareDec(parseDec(a.digits), parseDec(b.digits)) === 0 &&
    a.unit === b.unit &&
    a.direction === b.direction &&
    a.qualifier === b.qualifier &&
    (a.period ?? '') === (b.period ?? '')
  );
}

const plain = (s: string) => s.replace(/\s+/g, '').replace(/\(/g, '（').replace(/\)/g, '）');

/**
 * The plan's target and the execution table's target agree: the same figure
 * with the same qualifier, or the same words. The execution table may add the
 * figure the city assigned in brackets (`完成市下达目标（9600人以内）` for the
 * plan's `完成市下达目标`), which states the target more precisely, not differently.
 */
function agrees(now: Cell, plan: Cell): boolean {
  if (now.quantity && plan.quantity && sameQuantity(now.quantity, plan.quantity)) return true;
  const a = plain(now.text.zh);
  const b = plain(plan.text.zh);
  if (a === b) return true;
  return !plan.quantity && a.startsWith(b) && /^（[^（）]+）$/.test(a.slice(b.length));
}

/** A target as the editor wrote it. */
const shown = (c?: Cell) => c?.text.zh || '(empty)';

export const carryOverRule: Rule = {
  id: 'carry-over',
  description: "this year's targets are the plan the previous edition adopted",
  run({ edition, previous, report, examined, status }) {
    if (!previous) return;
    const now = executionTable(edition.tables);
    const plan = planTable(previous.tables);
    if (!now || !plan) {
      const missing = !now ? `${edition.dir} has no table declared role: execution` : `${previous.dir} has no table declared role: plan`;
      report({
        severity: 'error',
        place: now?.place ?? { file: edition.dir, line: 1, column: 1 },
        message: `cannot compare targets with the previous plan: ${missing}`,
      });
      return;
    }
    const nowCol = targetColumn(now);
    const planCol = targetColumn(plan);
    if (!nowCol || !planCol) {
      const t = !nowCol ? now : plan;
      report({ severity: 'error', place: t.place, message: `cannot compare targets with the previous plan: ${t.file} declares no column measure: target` });
      return;
    }
    const planRows = new Map(plan.rows.map((r) => [r.id, r]));
    const prevLabel = (rowId: string) => `${previous.meta.planYear} ${cellLabel(plan, rowId, planCol, previous.meta.style.numbering)}`;
    for (const row of now.rows) {
      const cell = row.cells[nowCol];
      if (!cell) continue;
      examined();
      const planRow = planRows.get(row.id);
      if (!planRow?.cells[planCol]) {
        report({
          severity: 'error',
          place: row.place,
          message: `${cellLabel(now, row.id, nowCol, edition.meta.style.numbering)}: the previous plan (${plan.file}) has no row "${row.id}"; its rows are ${plan.rows.map((r) => r.id).join(', ')}`,
          other: {
            ...plan.place,
            label: `${previous.meta.planYear} ${refLabel('table', plan.number, 'zh', previous.meta.style.numbering)} ${plan.caption.zh}`,
          },
        });
        continue;
      }
      const target = planRow.cells[planCol];
      if (agrees(cell, target)) {
        status?.(cell.place, 'verified', `${prevLabel(row.id)}: ${shown(target)}`);
        continue;
      }
      status?.(cell.place, 'mismatch', `${prevLabel(row.id)}: ${shown(target)}`);
      report({
        severity: 'error',
        place: cell.place,
        message: `${cellLabel(now, row.id, nowCol, edition.meta.style.numbering)} reads ${shown(cell)}, but the plan adopted last year says ${shown(target)}; the target must be the one adopted`,
        other: { ...target.place, label: prevLabel(row.id) },
        expected: target.text.zh,
        actual: cell.text.zh,
      });
    }
    const nowIds = new Set(now.rows.map((r) => r.id));
    for (const r of plan.rows.filter((p) => !nowIds.has(p.id))) {
      examined();
      report({
        severity: 'error',
        place: now.place,
        message: `${refLabel('table', now.number, 'zh', edition.meta.style.numbering)} ${now.caption.zh} has no row "${r.id}" for last year's target ${shown(r.cells[planCol])}`,
        other: { ...r.place, label: prevLabel(r.id) },
      });
    }
  },
};
