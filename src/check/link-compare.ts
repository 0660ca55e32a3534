/**
 * Whether a prose figure says what its cell says: the same value within the
 * prose figure's rounding, the same direction, and a qualifier that fits. A
 * target compares with its qualifier (`8%以上` is not `8%`); a result may be
 * stated with one (`增长6%以上` for a cell of 6.2%).
 */
import type { Quantity } from '../model.js';
import { absDec, compareDec, formatDec, halfUlp, scaled, subDec } from '../quantity/decimal.js';
import { unitInfo } from '../quantity/units.js';
import { senseOf } from '../quantity/vocabulary.js';

/** Why a prose figure disagrees with a cell, or undefined when it agrees. */
export function disagreement(q: Quantity, cell: Quantity, target: boolean): string | undefined {
  const p = scaled(q.digits, unitInfo(q.unit).scale);
  let c = scaled(cell.digits, unitInfo(cell.unit).scale);
  if (q.direction && cell.direction && q.direction !== cell.direction) return 'the direction differs';
  // A growth column prints a fall as a signed number (-0.2); the prose says 下降0.2%.
  if (q.direction === 'down' && !cell.direction && c.mant < 0n && !q.digits.startsWith('-')) c = absDec(c);
  else if (q.direction === 'up' && !cell.direction && c.mant < 0n && !q.digits.startsWith('-')) return 'the direction differs';
  const ps = q.qualifier && senseOf(q.qualifier);
  const cs = cell.qualifier && senseOf(cell.qualifier);
  if (target && ps !== cs) return ps ? 'the prose qualifies a target the table states plainly' : 'the prose drops the qualifier of the target';
  const cmp = compareDec(c, p);
  if (!target && ps === 'floor') return cmp >= 0 ? undefined : 'the table is below the floor the prose states';
  if (!target && (ps === 'ceiling' || ps === 'nearly')) return cmp <= 0 ? undefined : 'the table is above what the prose states';
  if (!target && ps === 'about')
    return compareDec(absDec(subDec(c, p)), { mant: p.mant < 0n ? -p.mant : p.mant, decimals: p.decimals + 1 }) <= 0
      ? undefined
      : 'the table is not about the figure the prose states';
  const tol = scaled(formatDec(halfUlp(q.digits)), unitInfo(q.unit).scale);
  return compareDec(absDec(subDec(c, p)), tol) <= 0 ? undefined : 'the value differs';
}
