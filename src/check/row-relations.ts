/**
 * Row-wise relations of `table-arithmetic`: in every row, a `ratio` column
 * equals numerator ÷ denominator × 100 (完成年计划的%: result ÷ plan) and a
 * `difference` column equals minuend − subtrahend (a gap in percentage
 * points). The result is rounded to the decimals the column prints; when the
 * written figures are still consistent once the rounding of every term is
 * allowed for, the finding is a rounding note (info), otherwise an error at
 * the computed cell. A row with a cell not filled in (`[x]`) or not applicable
 * (`—`) is skipped: there is nothing to compute.
 */
import type { Cell, Place, Relation, Table } from '../model.js';
import { absDec, addDec, compareDec, formatDec, halfUlp, parseDec, roundDigits, scaled, subDec } from '../quantity/decimal.js';
import { sameDimension, unitInfo } from '../quantity/units.js';
import { cellLabel } from '../model/labels.js';
import { HUNDRED, mul, ratio, tolerance } from './relation-math.js';
import type { RuleContext } from './rule.js';

type RatioRelation = Extract<Relation, { kind: 'ratio' }>;
type DifferenceRelation = Extract<Relation, { kind: 'difference' }>;

interface Verdict {
  table: Table;
  row: string;
  cell: Cell;
  /** The computation written out, ending in "the column reads …". */
  shown: string;
  /** The computed value at the cell's precision. */
  expected: string;
  exact: boolean;
  withinRounding: boolean;
  other: Cell;
  otherColumn: string;
  hint: string;
}

function judge(v: Verdict, ctx: RuleContext): void {
  const col = v.cell.column;
  const where = cellLabel(v.table, v.row, col, ctx.edition.meta.style.numbering);
  const other: Place & { label?: string } = { ...v.other.place, label: cellLabel(v.table, v.row, v.otherColumn, ctx.edition.meta.style.numbering) };
  const actual = v.cell.quantity!.digits;
  if (v.exact) return ctx.status?.(v.cell.place, 'verified', `${where}: ${v.shown}`);
  if (v.withinRounding) {
    ctx.status?.(v.cell.place, 'verified', `${where}: ${v.shown}, within rounding`);
    // Percentages and gaps are computed from unrounded data, so a difference rounding explains is a note, not a fault.
    ctx.report({
      severity: 'info',
      place: v.cell.place,
      message: `${where}: ${v.shown} (within the rounding of the figures)`,
      other,
      expected: v.expected,
      actual,
    });
    return;
  }
  ctx.status?.(v.cell.place, 'mismatch', `${where}: ${v.shown}`);
  ctx.report({ severity: 'error', place: v.cell.place, message: `${where}: ${v.shown}; ${v.hint}`, other, expected: v.expected, actual });
}

const figures = (row: Table['rows'][number], ids: string[]): Cell[] | undefined => {
  const cells = ids.map((id) => row.cells[id]);
  return cells.every((c) => c?.quantity) ? cells : undefined;
};

/** In every row, column = numerator ÷ denominator × 100, to the column's printed decimals. */
export function checkRatio(table: Table, rel: RatioRelation, ctx: RuleContext): void {
  for (const row of table.rows) {
    const cells = figures(row, [rel.numerator, rel.denominator, rel.column]);
    if (!cells) continue;
    const [num, den, pct] = cells.map((c) => c.quantity!);
    if (!sameDimension(num.unit, den.unit)) {
      ctx.report({
        severity: 'error',
        place: cells[0].place,
        message: `${cellLabel(table, row.id, rel.numerator, ctx.edition.meta.style.numbering)} (${num.unit || 'no unit'}) and ${cellLabel(table, row.id, rel.denominator, ctx.edition.meta.style.numbering)} (${den.unit || 'no unit'}) are not in the same unit; a ratio compares like with like`,
      });
      continue;
    }
    ctx.examined();
    const a = scaled(num.digits, unitInfo(num.unit).scale);
    const b = scaled(den.digits, unitInfo(den.unit).scale);
    if (b.mant === 0n) continue;
    const dp = parseDec(pct.digits).decimals;
    const point = ratio(a, b, dp);
    const c = parseDec(pct.digits);
    const ha = scaled(formatDec(tolerance(num.digits, num.unit)), unitInfo(num.unit).scale);
    const hb = scaled(formatDec(tolerance(den.digits, den.unit)), unitInfo(den.unit).scale);
    const hc = halfUlp(pct.digits);
    // The exact ratio lies in [(a − ha) ÷ (b + hb), (a + ha) ÷ (b − hb)]; the written one stands for [c − hc, c + hc].
    const low = compareDec(mul(subDec(a, ha), HUNDRED), mul(addDec(c, hc), addDec(b, hb))) <= 0;
    const high = compareDec(mul(addDec(a, ha), HUNDRED), mul(subDec(c, hc), subDec(b, hb))) >= 0;
    judge(
      {
        table,
        row: row.id,
        cell: cells[2],
        shown: `${num.digits} ÷ ${den.digits} × 100 = ${ratio(a, b, dp + 4)}…, which rounds to ${point}; the column reads ${pct.digits}`,
        expected: point,
        exact: compareDec(parseDec(point), c) === 0,
        withinRounding: low && high,
        other: cells[0],
        otherColumn: rel.numerator,
        hint: 'correct the percentage, the result or the plan',
      },
      ctx,
    );
  }
}

/** In every row, column = minuend − subtrahend (both in one unit; the column in points for rates). */
export function checkDifference(table: Table, rel: DifferenceRelation, ctx: RuleContext): void {
  if (!rel.column) return;
  for (const row of table.rows) {
    const cells = figures(row, [rel.minuend, rel.subtrahend, rel.column]);
    if (!cells) continue;
    const [a, b, d] = cells.map((c) => c.quantity!);
    if (!sameDimension(a.unit, b.unit)) continue;
    ctx.examined();
    const diff = subDec(scaled(a.digits, unitInfo(a.unit).scale), scaled(b.digits, unitInfo(b.unit).scale));
    const dScale = unitInfo(d.unit).dimension === unitInfo(a.unit).dimension ? unitInfo(d.unit).scale : 0;
    const written = scaled(d.digits, dScale);
    const dp = parseDec(d.digits).decimals;
    const point = roundDigits(formatDec(diff), Math.max(0, dp - dScale));
    const off = absDec(subDec(diff, written));
    const half = (digits: string, unit: string) => scaled(formatDec(halfUlp(digits)), unitInfo(unit).scale);
    const tol = [half(a.digits, a.unit), half(b.digits, b.unit), scaled(formatDec(halfUlp(d.digits)), dScale)].reduce(addDec);
    judge(
      {
        table,
        row: row.id,
        cell: cells[2],
        shown: `${a.digits} − ${b.digits} = ${formatDec(diff)}; the column reads ${d.digits}`,
        expected: point,
        exact: compareDec(off, parseDec('0')) === 0,
        withinRounding: compareDec(off, tol) <= 0,
        other: cells[0],
        otherColumn: rel.minuend,
        hint: 'correct the difference or one of the two figures',
      },
      ctx,
    );
  }
}
