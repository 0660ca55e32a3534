/**
 * Reads figures written in Chinese notation: a whole cell (`增长8%以上`,
 * `-1.9%（前三季度）`, `1600亿元`) or every figure inside a sentence.
 */
import type { Direction, Qualifier, Quantity } from '../model.js';
import { UNIT_PATTERN } from './units.js';
import { alternation, DIRECTIONS as DIRECTION_WORDS, ZH_READ } from './vocabulary.js';

const asTable = (words: { word: string; qualifier: Qualifier }[]): Record<string, Qualifier> => Object.fromEntries(words.map((w) => [w.word, w.qualifier]));
const PREFIX_QUALIFIERS = asTable(ZH_READ.prefixes);
const SUFFIX_QUALIFIERS = asTable([...ZH_READ.suffixes, ...ZH_READ.approximations]);
const DIRECTIONS: Record<string, Direction> = Object.fromEntries(Object.entries(DIRECTION_WORDS).map(([d, w]) => [w.zh, d as Direction]));

const DIRECTION = alternation(Object.values(DIRECTION_WORDS).map((w) => w.zh));
const PREFIX_ALL = alternation(ZH_READ.prefixes.map((w) => w.word));
/** A whole cell is one figure: a word read only in running text (控制在) does not open one. */
const PREFIX_CELL = alternation(ZH_READ.prefixes.filter((w) => !w.sentenceOnly).map((w) => w.word));
const SUFFIX = alternation(ZH_READ.suffixes.map((w) => w.word));
const APPROX = alternation(ZH_READ.approximations.map((w) => w.word));

/**
 * Scale, approximation and unit: 余 and 多 stand between the scale and the
 * counted unit (16.3万余件, 300多家), so the scale is matched on its own and
 * joined to the unit afterwards.
 */
const SCALED_UNIT = `(万|亿)?(${APPROX})?(${UNIT_PATTERN})?`;

/** Joins a separately matched scale to its unit: 万 + 件 → 万件. */
function joinUnit(scale: string | undefined, unit: string | undefined): string {
  return (scale ?? '') + (unit ?? '');
}

const CELL = new RegExp(`^(${DIRECTION})?(${PREFIX_CELL})?` + '(-?\\d+(?:\\.\\d+)?)' + SCALED_UNIT + `(${SUFFIX})?` + '(?:（([^（）]+)）)?$', 'u');

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

const SCAN = new RegExp(`(${DIRECTION})?(${PREFIX_ALL})?` + '(?<![\\d.A-Za-z])(-?\\d+(?:\\.\\d+)?)(?![\\d.])' + SCALED_UNIT + `(${SUFFIX})?`, 'gu');

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
