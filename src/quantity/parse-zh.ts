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

const CELL = new RegExp(
  '^(增长|下降)?(近|超过|不低于|不超过)?' +
    '(-?\\d+(?:\\.\\d+)?)' +
    '(余|多)?' +
    `(${UNIT_PATTERN})?` +
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
  const [, dir, pre, digits, approx, unit, post, period] = m;
  const q: Quantity = { digits, unit: unit ?? '' };
  if (dir) q.direction = DIRECTIONS[dir];
  const qual = pre ? PREFIX_QUALIFIERS[pre] : approx ? SUFFIX_QUALIFIERS[approx] : post ? SUFFIX_QUALIFIERS[post] : undefined;
  if (qual) q.qualifier = qual;
  if (period) q.period = period;
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
    '(余|多)?' +
    `(${UNIT_PATTERN})?` +
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
    const [whole, dir, pre, digits, approx, unit, post] = m;
    const q: Quantity = { digits, unit: unit ?? '' };
    if (dir) q.direction = DIRECTIONS[dir];
    const qual = pre ? PREFIX_QUALIFIERS[pre] : approx ? SUFFIX_QUALIFIERS[approx] : post ? SUFFIX_QUALIFIERS[post] : undefined;
    if (qual) q.qualifier = qual;
    const index = m.index ?? 0;
    out.push({ quantity: q, index, length: whole.length, digitsIndex: index + whole.indexOf(digits) });
  }
  return out;
}
