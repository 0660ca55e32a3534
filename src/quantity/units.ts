/**
 * The units a report writes after its figures, with their scale (亿 = 10⁸,
 * 万 = 10⁴) and the dimension they measure, so that 1480亿元 and
 * RMB 148 billion compare as the same amount.
 */

export type Dimension = 'CNY' | 'USD' | 'percent' | 'points' | 'count' | 'area' | 'length' | 'rate' | 'concentration' | 'bare';

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
}

const list: UnitInfo[] = [
  { zh: '亿美元', dimension: 'USD', scale: 8 },
  { zh: '万美元', dimension: 'USD', scale: 4 },
  { zh: '美元', dimension: 'USD', scale: 0 },
  { zh: '亿元', dimension: 'CNY', scale: 8 },
  { zh: '万元', dimension: 'CNY', scale: 4 },
  { zh: '元', dimension: 'CNY', scale: 0 },
  { zh: '个百分点', dimension: 'points', scale: 0, en: 'percentage points' },
  { zh: '%', dimension: 'percent', scale: 0 },
  { zh: '万平方米', dimension: 'area', scale: 4, thing: '平方米', en: 'square metres' },
  { zh: '平方米', dimension: 'area', scale: 0, thing: '平方米', en: 'square metres' },
  { zh: '平方公里', dimension: 'area', scale: 0, thing: '平方公里', en: 'square kilometres' },
  { zh: '公里', dimension: 'length', scale: 0, thing: '公里', en: 'kilometres' },
  { zh: '吨/日', dimension: 'rate', scale: 0, thing: '吨/日', en: 'tonnes per day' },
  { zh: '微克/立方米', dimension: 'concentration', scale: 0, thing: 'µg/m³', en: 'µg/m³' },
  { zh: '万人次', dimension: 'count', scale: 4, thing: '人次', en: 'person-times' },
  { zh: '人次', dimension: 'count', scale: 0, thing: '人次', en: 'person-times' },
  { zh: '万人', dimension: 'count', scale: 4, thing: '人' },
  { zh: '万份', dimension: 'count', scale: 4, thing: '份' },
  { zh: '万张', dimension: 'count', scale: 4, thing: '张' },
  { zh: '万件', dimension: 'count', scale: 4, thing: '件' },
  { zh: '万客', dimension: 'count', scale: 4, thing: '客' },
  ...['件', '宗', '台', '人', '家', '户', '幢', '个', '张', '场', '项', '条', '处', '套', '名', '次', '类', '批次', '份', '客', '支', '间', '幅', '栋', '所', '座', '批', '周年', '年', '届', '大', '万'].map(
    (zh): UnitInfo => (zh === '万' ? { zh, dimension: 'bare', scale: 4 } : { zh, dimension: 'count', scale: 0, thing: zh }),
  ),
  { zh: '亿', dimension: 'bare', scale: 8 },
];

/** Longest first, so that 亿元 wins over 亿 and 万人次 over 人次. */
export const UNITS: readonly UnitInfo[] = [...list].sort((a, b) => b.zh.length - a.zh.length);

const byZh = new Map(UNITS.map((u) => [u.zh, u]));

/** The unit named by its Chinese spelling; `''` is a bare number. */
export function unitInfo(zh: string): UnitInfo {
  const known = byZh.get(zh);
  if (known) return known;
  // 万名, 亿人次 …: a scale in front of a unit not listed with it.
  if (zh.length > 1 && (zh[0] === '万' || zh[0] === '亿')) {
    const base = unitInfo(zh.slice(1));
    return { ...base, zh, scale: base.scale + (zh[0] === '万' ? 4 : 8) };
  }
  return { zh, dimension: zh === '' ? 'bare' : 'count', scale: 0, thing: zh || undefined };
}

/** Regex source matching any known unit, longest first. */
export const UNIT_PATTERN = UNITS.map((u) => u.zh.replace(/\//g, '\\/')).join('|');

/** True when two units measure the same kind of thing (scale aside). */
export function sameDimension(a: string, b: string): boolean {
  const x = unitInfo(a);
  const y = unitInfo(b);
  return x.dimension === y.dimension && (x.thing ?? '') === (y.thing ?? '');
}
