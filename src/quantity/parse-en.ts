/**
 * Reads figures written in English: `RMB 148 billion`, `US$1.42 billion`,
 * `15,000 person-times`, `0.34%`, `8.6 percentage points`, `about 5%`,
 * `nearly RMB 500 million`, `1.08 million square metres`, `8,376`.
 *
 * Each figure comes back as an exact value in base units (yuan, dollars,
 * square metres, persons …) with its dimension, so that it compares with a
 * Chinese figure after unit conversion: 1480亿元 and RMB 148 billion are both
 * 148,000,000,000 CNY. Number words are read too ("three companies", "ten
 * thousand", "twenty-five"), flagged `word`: English writes small numbers in
 * words where the Chinese writes digits.
 */
import type { Direction, Qualifier, Quantity } from '../model.js';
import { scaled, type Dec } from './decimal.js';
import { EN_UNIT_FORMS, unitInfo, type Dimension } from './units.js';
import { wordNumbers, type WordNumber } from './number-words.js';
import { DIRECTIONS, QUALIFIERS } from './vocabulary.js';

/** A figure found in English text. */
export interface EnFigure {
  /** The number as written, without thousands separators: `1.42`, `15000`. */
  digits: string;
  /** Power of ten of the magnitude word: 9 for billion, 6 for million. */
  magnitude: number;
  /** digits × 10^magnitude, exact. */
  value: Dec;
  /** `bare` when no unit is written (counts of things, years, names). */
  dimension: Dimension;
  /** For counts and areas: what is counted or measured, as in units.ts (人次, 平方米). */
  thing?: string;
  /** For counts: the unit noun written after the number (person-times, visits), lower case. */
  noun?: string;
  qualifier?: Qualifier;
  direction?: Direction;
  /** Written in words: three, ten thousand, twenty-five. */
  word?: boolean;
  /** Written as an ordinal: 20th, 2nd. */
  ordinal?: boolean;
  /** Written after `No.`, as in a name: `No. 1 Road`. */
  numbered?: boolean;
  /** A whole number right after a capitalised word inside a sentence: part of a name (Plaza 66, Lane 691). */
  inName?: boolean;
  /** Offset of the whole figure (qualifier and currency included), and its length. */
  index: number;
  length: number;
  /** Offset of the digits themselves. */
  digitsIndex: number;
  /** The figure as written. */
  text: string;
}

/** Words before a figure that qualify it (over 8%, about 5%, nearly RMB 500 million): vocabulary.json. */
const QUALIFIER_WORDS: Record<string, Qualifier> = Object.fromEntries(
  (Object.entries(QUALIFIERS) as [Qualifier, { enRead: string[] }][]).flatMap(([q, w]) => w.enRead.map((phrase) => [phrase, q])),
);
/** Words before a figure that give its direction (up 0.34%, growth of over 8%, down 6.0%). */
const DIRECTION_WORDS: Record<string, Direction> = Object.fromEntries(
  (Object.entries(DIRECTIONS) as [Direction, { enRead: string[] }][]).flatMap(([d, w]) => w.enRead.map((phrase) => [phrase, d])),
);

const MAGNITUDES: Record<string, number> = { thousand: 3, million: 6, billion: 9, trillion: 12 };

/**
 * English unit phrases after a number (vocabulary.json), one group each, longest
 * first; a space before the phrase may be a non-breaking or thin space.
 */
const UNIT_AFTER = new RegExp(EN_UNIT_FORMS.map((f) => `(${f.tight ? '\\s?' : '\\s+'}${f.re})`).join('|'), 'iuy');

// The number: not glued to a word before it (COVID-19, PM2.5), thousands
// grouped (15,000, or with a non-breaking or thin space: 15 000) or not
// (12345). A minus sign (− or a typed -) counts only at a word start.
const NUMBER =
  /(?<![\p{L}\p{N}_.,\-−])(?<num>[-−]?(?:\d{1,3}(?:[,\u00A0\u202F\u2009]\d{3})+|\d+)(?:\.\d+)?)(?![,.]?\d)(?:(?<ord>st|nd|rd|th)\b)?(?:\s+(?<mag>thousand|million|billion|trillion)\b)?/giu;
const CURRENCY = /(?:RMB[ \u00A0\u202F\u2009]?|US\$[ \u00A0\u202F\u2009]?|USD[ \u00A0\u202F\u2009]?|\$)$/u;

/** The longest phrase (up to three words) at the end of `words` that `table` knows; removes it. */
function takePhrase<T>(words: { w: string; i: number }[], table: Record<string, T>): { value: T; i: number } | undefined {
  for (let k = Math.min(3, words.length); k > 0; k--) {
    const phrase = words
      .slice(-k)
      .map((x) => x.w.toLowerCase())
      .join(' ');
    // Own keys only: the prose is the author's, and "constructor" or "toString" before a figure is a word, not a qualifier.
    if (Object.hasOwn(table, phrase)) return { value: table[phrase], i: words.splice(-k)[0].i };
  }
  return undefined;
}

/** What stands right before the digits at `at`: currency, qualifier, direction, and where the figure starts. */
function prefixOf(text: string, at: number): { start: number; cur?: string; qualifier?: Qualifier; direction?: Direction } {
  const cur = CURRENCY.exec(text.slice(Math.max(0, at - 4), at))?.[0];
  let start = at - (cur?.length ?? 0);
  // The last few words, separated by spaces only: punctuation ends the phrase.
  const words: { w: string; i: number }[] = [];
  let rest = text.slice(Math.max(0, start - 40), start);
  const base = start - rest.length;
  for (let m; words.length < 5 && (m = /([A-Za-z]+)\s+$/.exec(rest)) && !/[\p{L}\p{N}'’-]/u.test(rest[m.index - 1] ?? ' '); rest = rest.slice(0, m.index)) {
    words.unshift({ w: m[1], i: base + m.index });
  }
  const q = takePhrase(words, QUALIFIER_WORDS);
  const d = takePhrase(words, DIRECTION_WORDS);
  start = d?.i ?? q?.i ?? start;
  return { start, cur: cur?.trim().toUpperCase(), qualifier: q?.value, direction: d?.value };
}

/** A number as scanned: digits (`15,000`, `1.42 billion`) or words (`ten thousand`); one shape for both. */
type NumberMatch = WordNumber;

function digitNumbers(text: string): NumberMatch[] {
  return [...text.matchAll(NUMBER)].map((m) => {
    const n = m.groups ?? {};
    const index = m.index ?? 0;
    return {
      index,
      end: index + m[0].length,
      num: n.num.replace(/[,\u00A0\u202F\u2009]/gu, '').replace('−', '-'),
      magnitude: n.mag ? MAGNITUDES[n.mag.toLowerCase()] : 0,
      ordinal: !!n.ord,
      word: false,
    };
  });
}

/**
 * Finds every figure in an English text. Years, ordinals (`20th`) and
 * numbers in names (`No. 263`) are returned too, flagged, for the checks to
 * decide what to compare.
 */
export function scanEn(text: string): EnFigure[] {
  const out: EnFigure[] = [];
  const numbers = [...digitNumbers(text), ...wordNumbers(text)].sort((a, b) => a.index - b.index);
  for (const n of numbers) {
    const digitsIndex = n.index;
    const pre = prefixOf(text, digitsIndex);
    const digits = n.num;
    const magnitude = n.magnitude;
    let end = n.end;
    let unit = pre.cur === 'RMB' ? '元' : pre.cur ? '美元' : '';
    let noun: string | undefined;
    let factor = 0;
    if (!n.ordinal && !pre.cur) {
      UNIT_AFTER.lastIndex = end;
      const u = UNIT_AFTER.exec(text);
      if (u) {
        const g = u.slice(1).findIndex((x) => x !== undefined);
        const form = EN_UNIT_FORMS[g];
        unit = form.zh;
        factor = form.factor;
        // A noun a unit lists among its renderings (person-times, visits) says which Chinese units it may render.
        if (unitInfo(unit).renderings) noun = u[g + 1].trim().toLowerCase();
        end += u[0].length;
      }
    }
    const info = unitInfo(unit);
    const fig: EnFigure = {
      digits,
      magnitude,
      value: scaled(digits, magnitude + info.scale + factor),
      dimension: unit === '' ? 'bare' : info.dimension,
      index: pre.start,
      length: end - pre.start,
      digitsIndex,
      text: text.slice(pre.start, end),
    };
    if (info.thing && unit !== '') fig.thing = info.thing;
    if (noun) fig.noun = noun;
    if (pre.qualifier) fig.qualifier = pre.qualifier;
    if (pre.direction) fig.direction = pre.direction;
    if (n.word) fig.word = true;
    if (n.ordinal) fig.ordinal = true;
    if (/\bNo\.\s*$/.test(text.slice(Math.max(0, pre.start - 5), pre.start))) fig.numbered = true;
    else if (unit === '' && !n.word && !fig.qualifier && !digits.includes('.') && afterName(text.slice(Math.max(0, pre.start - 40), pre.start)))
      fig.inName = true;
    out.push(fig);
  }
  return out;
}

/** True when the text ends with a capitalised word that does not open a sentence. */
function afterName(before: string): boolean {
  const m = /(\S+)\s+[A-Z][\p{L}'’.-]*\s+$/u.exec(before);
  return !!m && !/[.!?]$/.test(m[1]);
}

/** Parses a text that is one English figure (`Growth of over 8%`); undefined otherwise. */
export function parseEnFigure(text: string): EnFigure | undefined {
  const t = text.trim();
  const found = scanEn(t);
  if (found.length !== 1) return undefined;
  const f = found[0];
  const lead = t.slice(0, f.index).trim();
  return f.index + f.length === t.length && lead === '' ? f : undefined;
}

/** The exact value of a Chinese figure in base units: 1480亿元 → 148000000000. */
export function zhValue(q: Quantity): Dec {
  return scaled(q.digits, unitInfo(q.unit).scale);
}

/**
 * True when an English figure measures what a Chinese unit measures. English
 * names the counted thing in words that vary with the sentence ("8,376
 * people", "516 elevators"), so a bare English number stands for any count;
 * a unit noun from the unit vocabulary (person-times, visits) must be one of
 * the Chinese unit's renderings.
 */
export function sameDimensionEn(zhUnit: string, en: EnFigure): boolean {
  const u = unitInfo(zhUnit);
  const zhDim = zhUnit === '' ? 'bare' : u.dimension;
  if (en.dimension === 'bare') return zhDim === 'bare' || zhDim === 'count';
  if (en.dimension === 'count') return (zhDim === 'count' && (en.noun ? (u.renderings ?? []).includes(en.noun) : u.thing === en.thing)) || zhDim === 'bare';
  return zhDim === en.dimension && (en.dimension !== 'area' || u.thing === en.thing);
}
