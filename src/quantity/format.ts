/**
 * Writes a figure in each language's style: 1480亿元 in Chinese,
 * RMB 148 billion in English; 8376人 / 8,376; 5%左右 / about 5%.
 */
import type { Lang, Qualifier, Quantity } from '../model.js';
import { groupThousands, parseDec, roundDigits, shift } from './decimal.js';
import { unitInfo } from './units.js';

export interface FormatOptions {
  /** Only the number, no unit: `1480` / `1,480` (148 for 亿元 in English is not bare: see below). */
  bare?: boolean;
  /** Round to this many decimals first. */
  dp?: number;
  /** Include direction and qualifier words (增长…以上 / growth of over …). */
  full?: boolean;
}

const ZH_PREFIX: Partial<Record<Qualifier, string>> = { nearly: '近', 'at-least': '不低于', 'at-most': '不超过' };
const ZH_SUFFIX: Partial<Record<Qualifier, string>> = { over: '以上', about: '左右', within: '以内' };

/** 余 stands after the scale and before the counted unit: 16.3万余件, 15000余张. */
function withApprox(digits: string, unit: string): string {
  const scaled = unit.length > 1 && (unit[0] === '万' || unit[0] === '亿');
  return scaled ? `${digits}${unit[0]}余${unit.slice(1)}` : `${digits}余${unit}`;
}
const EN_QUALIFIER: Record<Qualifier, string> = {
  over: 'over',
  about: 'about',
  within: 'within',
  nearly: 'nearly',
  'more-than': 'more than',
  'at-least': 'at least',
  'at-most': 'no more than',
};

/** Chinese: digits as written, no thousands separators, unit attached. */
export function formatZh(q: Quantity, opts: FormatOptions = {}): string {
  const digits = opts.dp === undefined ? q.digits : roundDigits(q.digits, opts.dp);
  if (opts.bare) return digits;
  let s = digits + q.unit;
  if (opts.full) {
    if (q.qualifier === 'more-than') s = withApprox(digits, q.unit);
    if (q.qualifier && ZH_PREFIX[q.qualifier]) s = ZH_PREFIX[q.qualifier] + s;
    if (q.qualifier && ZH_SUFFIX[q.qualifier]) s += ZH_SUFFIX[q.qualifier];
    if (q.direction) s = (q.direction === 'up' ? '增长' : '下降') + s;
    if (q.period) s += `（${q.period}）`;
  }
  return s;
}

/** Splits an amount into a number and a magnitude word for English: 27.942 billion; 4.72万亿 is 4.72 trillion. */
function magnitude(digits: string, scale: number): { num: string; word: string } {
  const abs = parseDec(digits.replace(/^-/, ''));
  const intDigits = (abs.mant / 10n ** BigInt(abs.decimals)).toString().length + scale;
  if (abs.mant !== 0n && intDigits > 12 && scale >= 12) return { num: shift(digits, scale - 12), word: ' trillion' };
  if (abs.mant !== 0n && intDigits > 9) return { num: shift(digits, scale - 9), word: ' billion' };
  if (abs.mant !== 0n && intDigits > 6 && scale > 0) return { num: shift(digits, scale - 6), word: ' million' };
  return { num: groupThousands(shift(digits, scale)), word: '' };
}

/** The number of an English figure, without qualifier words. */
function enCore(q: Quantity, digits: string, bare: boolean): string {
  const u = unitInfo(q.unit);
  switch (u.dimension) {
    case 'CNY': {
      const { num, word } = magnitude(digits, u.scale);
      return bare ? num + word : `RMB ${num}${word}`;
    }
    case 'USD': {
      const { num, word } = magnitude(digits, u.scale);
      return bare ? num + word : `US$${num}${word}`;
    }
    case 'percent':
      return bare ? digits : `${digits}%`;
    case 'points':
      return bare ? digits : `${digits} percentage point${digits === '1' ? '' : 's'}`;
    default: {
      const { num, word } = magnitude(digits, u.scale);
      return bare || !u.en ? num + word : `${num}${word} ${u.en}`;
    }
  }
}

/** English: RMB 148 billion, US$1.42 billion, 8,376, 15,000 person-times, 0.34%. */
export function formatEn(q: Quantity, opts: FormatOptions = {}): string {
  const digits = opts.dp === undefined ? q.digits : roundDigits(q.digits, opts.dp);
  let s = enCore(q, digits, opts.bare ?? false);
  if (opts.full) {
    if (q.qualifier) s = `${EN_QUALIFIER[q.qualifier]} ${s}`;
    if (q.direction) s = `${q.direction === 'up' ? 'growth of' : 'decrease of'} ${s}`;
    if (q.period) s += ` (${q.period})`;
  }
  return s;
}

/** Formats in the given language. */
export function formatQuantity(q: Quantity, lang: Lang, opts: FormatOptions = {}): string {
  return lang === 'zh' ? formatZh(q, opts) : formatEn(q, opts);
}

/** English text of a whole figure cell, capitalised: `Growth of over 8%`. */
export function enCellText(q: Quantity): string {
  const s = formatEn(q, { full: true });
  return s.charAt(0).toUpperCase() + s.slice(1);
}
