/**
 * How an English figure stands to the Chinese one it renders, given the
 * edition's English precision. Official English rounds: 638.89亿元 is
 * "RMB 63.89 billion" and 326.29万人次 "3.26 million person-times". So a
 * figure equal to the Chinese after rounding to the English's own last place
 * is the same figure, while one a unit off in that place (3.27 million, or
 * 3.2 million cut rather than rounded) is a wrong rounding. Only figures in
 * millions and billions round: 2% for 1.5% is a different figure.
 *
 * The rule `zh-vs-en` calls this for figures of the same dimension; it knows
 * nothing of pairing or blame.
 */
import type { Precision, Quantity } from '../model.js';
import { absDec, compareDec, formatDec, parseDec, roundDigits, scaled, subDec, type Dec } from '../quantity/decimal.js';
import { formatEn } from '../quantity/format.js';
import { parseEnFigure, type EnFigure } from '../quantity/parse-en.js';

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

/** One unit in the last written place of an English figure, in base units: 3.26 million → 10000. */
function ulp(e: { digits: string; magnitude: number }): Dec {
  return scaled('1', e.magnitude - parseDec(e.digits).decimals);
}

/** The Chinese value written at the English figure's magnitude: 3262900 at million → 3.2629. */
function atMagnitude(value: Dec, magnitude: number): string {
  return formatDec(scaled(formatDec(value), -magnitude));
}

/** The English figure's digits with its magnitude word, as a reader sees them: 3.26 million. */
function shown(digits: string, magnitude: number): string {
  const word = { 3: ' thousand', 6: ' million', 9: ' billion', 12: ' trillion' }[magnitude] ?? '';
  return digits + word;
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
    // Finer last place than the rule's rendering: more digits than allowed.
    if (expected && rule && compareDec(ulp(e), ulp(rule)) < 0) return { kind: 'too-precise', expected };
    return { kind: 'equal' };
  }
  const zh = atMagnitude(value, e.magnitude);
  const dp = parseDec(e.digits).decimals;
  // Rounding is for figures in millions and billions (2% is not 1.5%), and
  // the English can only round what the Chinese states more finely than its last place.
  if (e.magnitude < 6 || parseDec(zh).decimals <= dp) return { kind: 'different' };
  const correct = roundDigits(zh, dp);
  if (compareDec(parseDec(correct), parseDec(e.digits)) === 0) return { kind: 'rounded' };
  if (compareDec(absDec(subDec(value, e.value)), ulp(e)) < 0) return { kind: 'wrong-rounding', correct: shown(correct, e.magnitude) };
  return { kind: 'different' };
}
