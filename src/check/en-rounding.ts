/**
 * How an English figure stands to the Chinese one it renders, given the
 * edition's English precision. Official English rounds: 638.89亿元 is
 * "RMB 63.89 billion", 326.29万人次 "3.26 million person-times" and 22.27万人
 * "223,000". So a figure equal to the Chinese after rounding to the English's
 * own last place is the same figure, while one a unit off in that place (3.27
 * million, or 3.2 million cut rather than rounded) is a wrong rounding.
 *
 * What rounds: figures in millions and billions, and counts and measures of
 * ten thousand or more written in full that keep at least the precision's
 * significant figures (the last place of 223,000 is the thousands). Small
 * figures and percentages never do: 2% is not 1.5%.
 *
 * The rule `zh-vs-en` calls this for figures of the same dimension; it knows
 * nothing of pairing or blame.
 */
import type { Precision, Quantity } from '../model.js';
import { absDec, compareDec, formatDec, groupThousands, parseDec, roundDigits, scaled, subDec, type Dec } from '../quantity/decimal.js';
import { DEFAULT_PRECISION, formatEn } from '../quantity/format.js';
import { parseEnFigure, type EnFigure } from '../quantity/parse-en.js';
import { unitInfo } from '../quantity/units.js';

export type Agreement =
  /** The same value, digit for digit. */
  | { kind: 'equal' }
  /** The same value, but with more digits than the edition's precision prints: `expected` is the rounded English. */
  | { kind: 'too-precise'; expected: string }
  /** The correct rounding of the Chinese to the English's last written place. */
  | { kind: 'rounded' }
  /** Within one unit of the English's last place, but not the rounding of the Chinese: `correct` is. */
  | { kind: 'wrong-rounding'; correct: string }
  | { kind: 'different' };

type Written = Pick<EnFigure, 'digits' | 'magnitude' | 'dimension'>;

/** A count or measure of ten thousand or more written in full, whose trailing zeros may be rounding (223,000). */
function inFull(e: Written): boolean {
  return e.magnitude === 0 && !e.digits.includes('.') && ['count', 'area', 'length', 'bare'].includes(e.dimension) && e.digits.replace(/^-/, '').length >= 5;
}

/** Power of ten of the last written place: 3.26 million → 4; 223,000 → 3. */
function lastPlace(e: Written): number {
  if (inFull(e)) return /0*$/.exec(e.digits)![0].length;
  return e.magnitude - parseDec(e.digits).decimals;
}

/** `value` in units of 10^k: 3262900 at 4 → 326.29. */
const at = (value: Dec, k: number): string => formatDec(scaled(formatDec(value), -k));

/** The significant digits of an English figure: 223,000 → 3. */
const significant = (e: Written): number => e.digits.replace(/^-/, '').replace('.', '').replace(/^0+/, '').replace(/0+$/, '').length || 1;

/** The rounded figure as a reader sees it: 3.26 million, 223,000. */
function shown(value: Dec, e: Written): string {
  const k = lastPlace(e);
  const rounded = roundDigits(at(value, k), 0);
  if (inFull(e)) return groupThousands(formatDec(scaled(rounded, k)));
  const word = { 6: ' million', 9: ' billion', 12: ' trillion' }[e.magnitude] ?? '';
  return roundDigits(at(value, e.magnitude), parseDec(e.digits).decimals) + word;
}

/**
 * Compares an English figure with a Chinese quantity of the same dimension
 * (`value` is the Chinese in base units). `precision` is the edition's; none
 * means every digit of the Chinese is expected.
 */
export function compareRounding(q: Quantity, value: Dec, e: EnFigure, precision?: Precision): Agreement {
  if (compareDec(value, e.value) === 0) {
    const expected = precision ? formatEn(q, { precision }) : undefined;
    const rule = expected ? parseEnFigure(expected) : undefined;
    // A finer last place than the rule's rendering: more digits than allowed.
    if (expected && rule && lastPlace(e) < lastPlace(rule)) return { kind: 'too-precise', expected };
    return { kind: 'equal' };
  }
  const k = lastPlace(e);
  const zhPlace = unitInfo(q.unit).scale - parseDec(q.digits).decimals;
  const rounds = e.magnitude >= 6 || (inFull(e) && significant(e) >= (precision ?? DEFAULT_PRECISION).significant);
  // The English can only round what the Chinese states more finely than its last place.
  if (!rounds || zhPlace >= k) return { kind: 'different' };
  if (compareDec(parseDec(roundDigits(at(value, k), 0)), parseDec(at(e.value, k))) === 0) return { kind: 'rounded' };
  if (compareDec(absDec(subDec(value, e.value)), scaled('1', k)) < 0) return { kind: 'wrong-rounding', correct: shown(value, e) };
  return { kind: 'different' };
}
