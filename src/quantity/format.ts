/**
 * Writes a figure in each language's style: 1480亿元 in Chinese,
 * RMB 148 billion in English; 8376人 / 8,376; 5%左右 / about 5%.
 */
import type { Lang, Precision, Quantity } from '../model.js';
import { groupThousands, parseDec, roundDigits, shift } from './decimal.js';
import { unitInfo } from './units.js';
import { DIRECTIONS, QUALIFIERS } from './vocabulary.js';

export interface FormatOptions {
  /** Only the number, no unit: `1480` / `1,480` (148 for 亿元 in English is not bare: see below). */
  bare?: boolean;
  /** Round to this many decimals first. */
  dp?: number;
  /** Include direction and qualifier words (增长…以上 / growth of over …). */
  full?: boolean;
  /** English only: the edition's rounding of figures in millions and billions; none keeps every digit. */
  precision?: Precision;
}

/** The sample's rounding, and the default of every edition: RMB 63.89 billion, 3.26 million person-times. */
export const DEFAULT_PRECISION: Precision = { decimals: 2, significant: 3 };

/** 余 stands after the scale and before the counted unit: 16.3万余件, 15000余张. */
function withApprox(digits: string, unit: string, approx: string): string {
  const scaled = unit.length > 1 && (unit[0] === '万' || unit[0] === '亿');
  return scaled ? `${digits}${unit[0]}${approx}${unit.slice(1)}` : `${digits}${approx}${unit}`;
}

/** Chinese: digits as written, no thousands separators, unit attached. */
export function formatZh(q: Quantity, opts: FormatOptions = {}): string {
  const digits = opts.dp === undefined ? q.digits : roundDigits(q.digits, opts.dp);
  if (opts.bare) return digits;
  let s = digits + q.unit;
  if (opts.full) {
    const zh = q.qualifier && QUALIFIERS[q.qualifier].zh;
    if (zh?.approx) s = withApprox(digits, q.unit, zh.approx);
    if (zh?.prefix) s = zh.prefix + s;
    if (zh?.suffix) s += zh.suffix;
    if (q.direction) s = DIRECTIONS[q.direction].zh + s;
    if (q.period) s += `（${q.period}）`;
  }
  return s;
}

/**
 * How many decimals the English keeps of `num`, a figure in millions or
 * billions: money keeps `decimals`; counts and measures keep `significant`
 * figures, never more than `decimals` decimals (3.2629 → 3.26, 32.629 → 32.6).
 */
export function enDecimals(num: string, money: boolean, p: Precision): number {
  const int = num.replace(/^-/, '').split('.')[0].replace(/^0+/, '').length;
  return money ? p.decimals : Math.min(p.decimals, Math.max(0, p.significant - int));
}

/**
 * Splits an amount into a number and a magnitude word for English: 27.942
 * billion, or 27.94 billion under a precision; a count written in full
 * keeps its significant figures (222,700 → 223,000); 4.72万亿 is 4.72 trillion.
 * The Chinese figure's own decimals decide whether rounding applies: one
 * decimal or fewer is printed exactly.
 */
function magnitude(digits: string, scale: number, money: boolean, precision?: Precision): { num: string; word: string } {
  const abs = parseDec(digits.replace(/^-/, ''));
  const intDigits = (abs.mant / 10n ** BigInt(abs.decimals)).toString().length + scale;
  const round = (num: string): string => {
    if (!precision || abs.decimals <= 1) return num;
    const dp = enDecimals(num, money, precision);
    return parseDec(num).decimals > dp ? roundDigits(num, dp) : num;
  };
  if (abs.mant !== 0n && intDigits > 12 && scale >= 12) return { num: round(shift(digits, scale - 12)), word: ' trillion' };
  if (abs.mant !== 0n && intDigits > 9) return { num: round(shift(digits, scale - 9)), word: ' billion' };
  if (abs.mant !== 0n && intDigits > 6 && scale > 0) return { num: round(shift(digits, scale - 6)), word: ' million' };
  const full = shift(digits, scale);
  // A large count written in full keeps `significant` figures: 22.27万人 → 223,000.
  if (!precision || money || abs.decimals <= 1 || scale === 0) return { num: groupThousands(full), word: '' };
  const drop = full.replace(/^-/, '').split('.')[0].length - precision.significant;
  return { num: groupThousands(drop > 0 ? shift(roundDigits(shift(full, -drop), 0), drop) : full), word: '' };
}

/** The number of an English figure, without qualifier words. */
function enCore(q: Quantity, digits: string, bare: boolean, precision?: Precision): string {
  const u = unitInfo(q.unit);
  switch (u.dimension) {
    case 'CNY': {
      const { num, word } = magnitude(digits, u.scale, true, precision);
      return bare ? num + word : `RMB ${num}${word}`;
    }
    case 'USD': {
      const { num, word } = magnitude(digits, u.scale, true, precision);
      return bare ? num + word : `US$${num}${word}`;
    }
    case 'percent':
      return bare ? digits : `${digits}%`;
    case 'points':
      return bare ? digits : `${digits} percentage point${digits === '1' ? '' : 's'}`;
    default: {
      const { num, word } = magnitude(digits, u.scale, false, precision);
      return bare || !u.en ? num + word : `${num}${word} ${u.en}`;
    }
  }
}

/**
 * English: RMB 148 billion, US$1.42 billion, 8,376, 15,000 person-times, 0.34%.
 * An explicit `dp` wins over the precision.
 */
export function formatEn(q: Quantity, opts: FormatOptions = {}): string {
  const digits = opts.dp === undefined ? q.digits : roundDigits(q.digits, opts.dp);
  // English sets a negative figure with a minus sign, not a hyphen: −1.9%.
  let s = enCore(q, digits, opts.bare ?? false, opts.dp === undefined ? opts.precision : undefined).replace(/(^|[\s$])-(?=\d)/, '$1−');
  if (opts.full) {
    if (q.qualifier) s = `${QUALIFIERS[q.qualifier].en} ${s}`;
    if (q.direction) s = `${DIRECTIONS[q.direction].en} ${s}`;
    if (q.period) s += ` (${q.period})`;
  }
  return s;
}

/** Formats in the given language. */
export function formatQuantity(q: Quantity, lang: Lang, opts: FormatOptions = {}): string {
  return lang === 'zh' ? formatZh(q, opts) : formatEn(q, opts);
}

/** English text of a whole figure cell, capitalised: `Growth of over 8%`. */
export function enCellText(q: Quantity, precision?: Precision): string {
  const s = formatEn(q, { full: true, precision });
  return s.charAt(0).toUpperCase() + s.slice(1);
}
