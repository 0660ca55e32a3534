/**
 * Reads figures written in Chinese notation: a whole cell (`增长8%以上`,
 * `-1.9%（前三季度）`, `1600亿元`) or every figure inside a sentence.
 */
import type { Direction, Qualifier, Quantity } from '../model.js';
import { UNIT_PATTERN } from './units.js';

const PREFIX_QUALIFIERS: Record<string, Qualifier> = {
  近: 'nearly',
  超过: 'more-than',
  不低于: 'at-least',
  不超过: 'at-most',
  控制在: 'within',
};
const SUFFIX_QUALIFIERS: Record<string, Qualifier> = {
  以上: 'over',
  左右: 'about',
  以内: 'within',
  余: 'more-than',
  多: 'more-than',
};
const DIRECTIONS: Record<string, Direction> = { 增长: 'up', 下降: 'down' };

/**
 * Scale, approximation and unit: 余 and 多 stand between the scale and the
 * counted unit (16.3万余件, 300多家), so the scale is matched on its own and
 * joined to the unit afterwards.
 */
const SCALED_UNIT = `(万|亿)?(余|多)?(${UNIT_PATTERN})?`;

/** Joins a separately matched scale to its unit: 万 + 件 → 万件. */
function joinUnit(scale: string | undefined, unit: string | undefined): string {
  return (scale ?? '') + (unit ?? '');
}

const CELL = new RegExp(
  '^(增长|下降)?(近|超过|不低于|不超过)?' +
    '(-?\\d+(?:\\.\\d+)?)' +
    SCALED_UNIT +
    '(以上|左右|以内)?' +
    '(?:（([^（）]+)）)?$',
  'u',
);

/**
 * Parses a cell written as one figure. Returns undefined when the text is not
 * a single figure (then the cell must be written as `{zh, en}` text).
 */
export function parseZhFigure(text: string): Quantity | undefined {
  const m = CELL.exec(text.trim());
  if (!m) return undefined;
  const [, dir, pre, digits, scale, approx, unit, post, period] = m;
  const q = toQuantity(dir, pre, digits, scale, approx, unit, post);
  if (period) q.period = period;
  return q;
}

/** Builds a quantity from the matched words around the digits. */
function toQuantity(dir?: string, pre?: string, digits = '', scale?: string, approx?: string, unit?: string, post?: string): Quantity {
  const q: Quantity = { digits, unit: joinUnit(scale, unit) };
  if (dir) q.direction = DIRECTIONS[dir];
  const qual = pre ? PREFIX_QUALIFIERS[pre] : approx ? SUFFIX_QUALIFIERS[approx] : post ? SUFFIX_QUALIFIERS[post] : undefined;
  if (qual) q.qualifier = qual;
  return q;
}

/** A figure found in running text, with its offset (in UTF-16 units) and length. */
export interface FoundFigure {
  quantity: Quantity;
  index: number;
  length: number;
  /** Offset of the digits themselves. */
  digitsIndex: number;
}

const SCAN = new RegExp(
  '(增长|下降)?(近|超过|不低于|不超过|控制在)?' +
    '(?<![\\d.A-Za-z])(-?\\d+(?:\\.\\d+)?)(?![\\d.])' +
    SCALED_UNIT +
    '(以上|左右|以内)?',
  'gu',
);

/**
 * Finds every figure in a Chinese sentence. Years (`2022年`), ordinal and
 * name-like numbers are still returned; the checks decide what to compare.
 */
export function scanZh(text: string): FoundFigure[] {
  const out: FoundFigure[] = [];
  for (const m of text.matchAll(SCAN)) {
    const [whole, dir, pre, digits, scale, approx, unit, post] = m;
    const index = m.index ?? 0;
    out.push({ quantity: toQuantity(dir, pre, digits, scale, approx, unit, post), index, length: whole.length, digitsIndex: index + whole.indexOf(digits) });
  }
  return out;
}
