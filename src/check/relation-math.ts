/**
 * The exact arithmetic the relation checks share: products, quotients to a
 * number of decimals and the rounding tolerance of a written figure.
 */
import { formatDec, halfUlp, parseDec, roundDigits, type Dec } from '../quantity/decimal.js';
import { unitInfo } from '../quantity/units.js';

export const mul = (a: Dec, b: Dec): Dec => ({ mant: a.mant * b.mant, decimals: a.decimals + b.decimals });
export const HUNDRED = parseDec('100');
export const ZERO = parseDec('0');

/**
 * A term is rounded unless it is a whole count of things (8376人 is exact;
 * 571.38亿元 and 80.70% are rounded).
 */
export function tolerance(digits: string, unit: string): Dec {
  const exact = unitInfo(unit).dimension === 'count' && unitInfo(unit).scale === 0 && !digits.includes('.');
  return exact ? ZERO : halfUlp(digits);
}

/** part ÷ base × 100 to `dp` decimals, exactly (both already in the same unit). */
export function ratio(part: Dec, base: Dec, dp: number): string {
  const extra = dp + 4;
  const [num, den] = [mul(part, HUNDRED), base];
  const n = num.mant * 10n ** BigInt(den.decimals + extra);
  const d = den.mant * 10n ** BigInt(num.decimals);
  return roundDigits(formatDec({ mant: n / d, decimals: extra }), dp);
}
