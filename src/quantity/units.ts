/**
 * The units a report writes after its figures, with their scale (亿 = 10⁸,
 * 万 = 10⁴, 万亿 = 10¹²) and the dimension they measure, so that 1480亿元
 * and RMB 148 billion compare as the same amount. The units, scale words,
 * English renderings and "per 10,000 people" phrases are data: the unit
 * catalogue of vocabulary.json, one file for district, city and provincial
 * reports, beside the qualifier and direction words (vocabulary.ts).
 */
// Imported, not read from disk, so the compiled dist/ carries the file with it.
import unitsFile from './vocabulary.json' with { type: 'json' };

export type Dimension =
  'CNY' | 'USD' | 'percent' | 'points' | 'count' | 'area' | 'length' | 'rate' | 'concentration' | 'mass' | 'energy' | 'power' | 'volume' | 'bare';

export interface UnitInfo {
  /** The unit as written in Chinese, scale included: 亿元, 万人次. */
  zh: string;
  dimension: Dimension;
  /** Power of ten of the scale: 8 for 亿, 4 for 万. */
  scale: number;
  /** What the counted thing is, for counts: 人次 and 人 are different things. */
  thing?: string;
  /** English noun used after the number, if any (plural form). */
  en?: string;
  /**
   * The established English nouns that name this unit after a number, `en`
   * first: 人次 is "person-times" or "visits". An English figure followed by
   * one of them must render a unit that lists it.
   */
  renderings?: string[];
}

/** An English phrase read after a number, the Chinese unit it renders, and the power of ten it adds (MW = 10³ kW). */
export interface EnUnitForm {
  re: string;
  zh: string;
  factor: number;
  /** Written right after the number, no space needed (`5%`). */
  tight: boolean;
}

interface UnitData {
  zh: string;
  dimension: Dimension;
  thing?: string;
  en?: string;
  zhForms?: string[];
  scales?: string[];
  enForms?: { re: string; factor?: number; tight?: boolean }[];
  renderings?: string[];
}

interface UnitsFile {
  /** enLabel: the workbook's English of the scale (万: 10,000). */
  scales: { zh: string; power: number; en?: string; enLabel?: string }[];
  units: UnitData[];
  counts: string[];
  scaledCounts: string[];
  /** English nouns a plain count unit may be rendered by (走访企业12307次: 12,307 visits). */
  countRenderings: Record<string, string[]>;
  rates: { zh: string; en: string }[];
}

const data = unitsFile as unknown as UnitsFile;
const power = new Map(data.scales.map((s) => [s.zh, s.power]));

const list: UnitInfo[] = [];
for (const u of data.units) {
  for (const zh of [u.zh, ...(u.zhForms ?? [])]) {
    const base: UnitInfo = { zh, dimension: u.dimension, scale: 0, thing: u.thing, en: u.en, renderings: u.renderings };
    list.push(base);
    for (const s of u.scales ?? []) list.push({ ...base, zh: s + zh, scale: power.get(s) ?? 0 });
  }
}
for (const zh of data.counts) list.push({ zh, dimension: 'count', scale: 0, thing: zh, renderings: data.countRenderings[zh] });
for (const zh of data.scaledCounts) list.push({ zh: `万${zh}`, dimension: 'count', scale: 4, thing: zh, renderings: data.countRenderings[zh] });
for (const [zh, p] of power) list.push({ zh, dimension: 'bare', scale: p });

/** Longest first, so that 亿元 wins over 亿 and 万人次 over 人次. */
export const UNITS: readonly UnitInfo[] = [...new Map(list.map((u) => [u.zh, u])).values()].sort((a, b) => b.zh.length - a.zh.length);

const byZh = new Map(UNITS.map((u) => [u.zh, u]));

/** English unit phrases, longest pattern first, each with the Chinese unit it stands for. */
export const EN_UNIT_FORMS: readonly EnUnitForm[] = data.units
  .flatMap((u) => (u.enForms ?? []).map((f) => ({ re: f.re, zh: u.zh, factor: f.factor ?? 0, tight: f.tight ?? false })))
  .sort((a, b) => b.re.length - a.re.length);

/** Phrases like 每万人口 ↔ per 10,000 people: the English number in them is part of the unit, not a figure. */
export const RATE_PHRASES: readonly { zh: string; en: RegExp }[] = data.rates.map((r) => ({ zh: r.zh, en: new RegExp(r.en, 'iu') }));

/** The workbook's English of a scale by its power of ten: 4 → 10,000, 8 → 100 million. */
export const SCALE_LABELS: Readonly<Record<number, string>> = Object.fromEntries(data.scales.flatMap((s) => (s.enLabel ? [[s.power, s.enLabel]] : [])));

/** The unit named by its Chinese spelling; `''` is a bare number. */
export function unitInfo(zh: string): UnitInfo {
  const known = byZh.get(zh);
  if (known) return known;
  // 万名, 亿人次, 万亿元 …: a scale in front of a unit not listed with it.
  for (const [s, p] of power) {
    if (zh.length > s.length && zh.startsWith(s)) {
      const base = unitInfo(zh.slice(s.length));
      return { ...base, zh, scale: base.scale + p };
    }
  }
  return { zh, dimension: zh === '' ? 'bare' : 'count', scale: 0, thing: zh || undefined };
}

/** Regex source matching any known unit, longest first. */
export const UNIT_PATTERN = UNITS.map((u) => u.zh.replace(/[/.*+?^${}()|[\]\\]/g, '\\$&')).join('|');

/** True when two units measure the same kind of thing (scale aside). */
export function sameDimension(a: string, b: string): boolean {
  const x = unitInfo(a);
  const y = unitInfo(b);
  return x.dimension === y.dimension && (x.thing ?? '') === (y.thing ?? '');
}
