/**
 * Rule `table-arithmetic`: a table's declared relations hold. A `sum` total
 * equals the sum of its parts in every listed column; a `share` column equals
 * part ÷ base × 100, where the base may be a figure stated in the prose
 * (791.7亿元 for Tables 2 and 4).
 *
 * Published figures are rounded, so exact equality is too strict: each
 * rounded term may be off by half a unit in its last written place. A
 * difference inside that tolerance is a rounding note (warning) with the
 * arithmetic shown; a difference beyond it is an error.
 */
import type { Cell, Edition, Place, Relation, Table } from '../model.js';
import { absDec, addDec, compareDec, formatDec, halfUlp, parseDec, scaled, subDec } from '../quantity/decimal.js';
import { sameDimension, unitInfo } from '../quantity/units.js';
import { rowsById } from '../model-index.js';
import { cellLabel } from '../model/labels.js';
import { HUNDRED, mul, ratio, tolerance, ZERO } from './relation-math.js';
import type { Rule, RuleContext } from './rule.js';
import { checkDifference, checkRatio } from './row-relations.js';
import { refLabel } from '../model/labels.js';
import { countText } from '../plain-text.js';

type SumRelation = Extract<Relation, { kind: 'sum' }>;
type ShareRelation = Extract<Relation, { kind: 'share' }>;

/** Terms written out in a sum; a longer sum shows its first and last terms. */
const SHOWN_TERMS = 12;

/** `a + b + c`, or `a + b + … + z (1,000 terms)`: a message stays readable, and its size does not grow with the table. */
function sumText(digits: string[]): string {
  if (digits.length <= SHOWN_TERMS) return digits.join(' + ');
  const head = digits.slice(0, SHOWN_TERMS - 2).join(' + ');
  return `${head} + … + ${digits[digits.length - 1]} (${countText(digits.length)} terms)`;
}

function checkSum(table: Table, rel: SumRelation, ctx: RuleContext): void {
  const byId = rowsById(table);
  const totalRow = byId.get(rel.total);
  for (const col of rel.columns) {
    const unit = table.columns.find((c) => c.id === col)?.unit ?? '';
    const parts = rel.parts.map((id) => byId.get(id)?.cells[col]).filter((c): c is Cell => !!c?.quantity);
    const total = totalRow?.cells[col];
    // A part not filled in yet ([x]) leaves nothing to add up; the todo rule reports the cell.
    if (!total?.quantity || parts.length === 0 || parts.length < rel.parts.length) continue;
    ctx.examined(parts.length + 1);
    const digits = parts.map((c) => c.quantity!.digits);
    const sum = digits.map(parseDec).reduce(addDec);
    const diff = absDec(subDec(sum, parseDec(total.quantity.digits)));
    const terms = [...digits, total.quantity.digits];
    const tol = terms.map((d) => tolerance(d, unit)).reduce(addDec);
    const shown = `${sumText(digits)} = ${formatDec(sum)}; the total reads ${total.quantity.digits}`;
    const where = cellLabel(table, rel.total, col, ctx.edition.meta.style.numbering);
    const other = { ...table.place, label: `${refLabel('table', table.number, 'zh', ctx.edition.meta.style.numbering)} ${table.caption.zh}` };
    // Each part's status names its sum, not every other term: one line per cell, whatever the table's size.
    const partDetail = `${where}: one of ${countText(digits.length)} parts adding up to ${formatDec(sum)}; the total reads ${total.quantity.digits}`;
    const verify = (suffix: string) => {
      for (const c of parts) ctx.status?.(c.place, 'verified', `${partDetail}${suffix}`);
      ctx.status?.(total.place, 'verified', `${where}: ${shown}${suffix}`);
    };
    if (compareDec(diff, ZERO) === 0) verify('');
    else if (compareDec(diff, tol) <= 0) {
      verify(', within rounding');
      ctx.report({
        severity: 'warning',
        place: total.place,
        message: `${where}: ${shown} (difference ${formatDec(diff)}, within rounding of ${terms.length} terms)`,
        other,
        expected: formatDec(sum),
        actual: total.quantity.digits,
      });
    } else {
      ctx.status?.(total.place, 'mismatch', `${where}: ${shown}`);
      ctx.report({
        severity: 'error',
        place: total.place,
        message: `${where}: ${shown} (difference ${formatDec(diff)}, beyond the rounding tolerance ${formatDec(tol)} of ${terms.length} terms); correct the total or a part`,
        other,
        expected: formatDec(sum),
        actual: total.quantity.digits,
      });
    }
  }
}

function checkShare(table: Table, rel: ShareRelation, ctx: RuleContext): void {
  const partUnit = table.columns.find((c) => c.id === rel.part)?.unit ?? '';
  if (!sameDimension(partUnit, rel.base.unit)) {
    ctx.report({
      severity: 'error',
      place: rel.place,
      message: `share base ${rel.base.digits}${rel.base.unit} is not in the unit of column "${rel.part}" (${partUnit || 'no unit'})`,
    });
    return;
  }
  const baseScale = unitInfo(rel.base.unit).scale;
  const partScale = unitInfo(partUnit).scale;
  const b = scaled(rel.base.digits, baseScale);
  const hb = scaled(formatDec(halfUlp(rel.base.digits)), baseScale);
  const baseText = `${rel.base.digits}${rel.base.unit}`;
  for (const row of table.rows) {
    const partCell = row.cells[rel.part];
    const shareCell = row.cells[rel.column];
    if (!partCell?.quantity || !shareCell?.quantity) continue;
    ctx.examined();
    const s = shareCell.quantity.digits;
    const dp = parseDec(s).decimals;
    const p = scaled(partCell.quantity.digits, partScale);
    const hp = scaled(formatDec(tolerance(partCell.quantity.digits, partUnit)), partScale);
    const hs = halfUlp(s);
    const sv = parseDec(s);
    const point = ratio(p, b, dp);
    const where = cellLabel(table, row.id, rel.column, ctx.edition.meta.style.numbering);
    const shown = `${partCell.quantity.digits} ÷ ${rel.base.digits} × 100 = ${ratio(p, b, dp + 4)}…, which rounds to ${point}; the share reads ${s}`;
    const other: Place & { label?: string } = { ...partCell.place, label: cellLabel(table, row.id, rel.part, ctx.edition.meta.style.numbering) };
    if (compareDec(parseDec(point), sv) === 0) {
      ctx.status?.(shareCell.place, 'verified', `${where}: ${partCell.quantity.digits} ÷ ${baseText} × 100 = ${point}`);
      continue;
    }
    // The exact share lies in [(p − hp) ÷ (b + hb), (p + hp) ÷ (b − hb)]; the
    // written share stands for [s − hs, s + hs]. Overlap means rounding explains it.
    const low = compareDec(mul(subDec(p, hp), HUNDRED), mul(addDec(sv, hs), addDec(b, hb))) <= 0;
    const high = compareDec(mul(addDec(p, hp), HUNDRED), mul(subDec(sv, hs), subDec(b, hb))) >= 0;
    if (low && high) {
      ctx.status?.(shareCell.place, 'verified', `${where}: ${shown}, within rounding`);
      ctx.report({
        severity: 'warning',
        place: shareCell.place,
        message: `${where}: ${shown} (within the rounding of the base ${baseText} and of the part)`,
        other,
        expected: point,
        actual: s,
      });
    } else {
      ctx.status?.(shareCell.place, 'mismatch', `${where}: ${shown}`);
      ctx.report({
        severity: 'error',
        place: shareCell.place,
        message: `${where}: ${shown} (base ${baseText}); correct the share, the part or the base`,
        other,
        expected: point,
        actual: s,
      });
    }
  }
}

export const tableArithmeticRule: Rule = {
  id: 'table-arithmetic',
  description: 'declared totals equal the sum of their parts and shares equal part ÷ base, within rounding',
  run(ctx) {
    const { edition }: { edition: Edition } = ctx;
    for (const table of edition.tables) {
      for (const rel of table.relations) {
        if (rel.kind === 'sum') checkSum(table, rel, ctx);
        else if (rel.kind === 'share') checkShare(table, rel, ctx);
        else if (rel.kind === 'ratio') checkRatio(table, rel, ctx);
        else if (rel.kind === 'difference') checkDifference(table, rel, ctx);
        // `structure` links the prose's ratios to the table; the ratios rule checks it.
      }
    }
  },
};
