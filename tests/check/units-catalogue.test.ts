/**
 * The unit catalogue (src/quantity/vocabulary.json) as editors write figures in
 * district, city and provincial reports: each Chinese figure reads as the
 * same amount as its English rendering, and the formatter writes that English.
 */
import { describe, expect, it } from 'vitest';
import { compareDec } from '../../src/quantity/decimal.js';
import { formatEn } from '../../src/quantity/format.js';
import { sameDimensionEn, scanEn, zhValue } from '../../src/quantity/parse-en.js';
import { parseZhFigure } from '../../src/quantity/parse-zh.js';
import { sameDimension } from '../../src/quantity/units.js';
import { invisibleInFigures } from '../../src/check/typography.js';
import fs from 'node:fs';
import path from 'node:path';
import { copySample } from '../helpers.js';
import { byRule, checkDir } from './check-helpers.js';

const PAIRS: [zh: string, en: string][] = [
  ['4.72万亿元', 'RMB 4.72 trillion'],
  ['1318亿元', 'RMB 131.8 billion'],
  ['14.2亿美元', 'US$1.42 billion'],
  ['120公里', '120 kilometres'],
  ['35千米', '35 km'],
  ['2.6万公顷', '26,000 hectares'],
  ['15万亩', '150,000 mu'],
  ['93万吨', '930,000 tonnes'],
  ['1270万吨', '12.7 million tonnes'],
  ['120万千瓦', '1,200 MW'],
  ['120万千瓦', '1.2 million kW'],
  ['35亿千瓦时', '3.5 billion kWh'],
  ['4700万标准箱', '47 million TEU'],
  ['4700万标箱', '47 million TEU'],
  ['1.37万亿斤', '1.37 trillion jin'],
  ['15万人次', '150,000 person-times'],
  ['3.2万平方米', '32,000 square metres'],
];

describe('vocabulary.json units: Chinese and English figures of the same amount', () => {
  for (const [zh, en] of PAIRS) {
    it(`${zh} ↔ ${en}`, () => {
      const q = parseZhFigure(zh)!;
      const e = scanEn(en);
      expect(e).toHaveLength(1);
      expect(compareDec(zhValue(q), e[0].value)).toBe(0);
      expect(sameDimensionEn(q.unit, e[0])).toBe(true);
    });
  }

  it('tells units of one dimension apart: 亩 is not 公顷, 千米 is 公里', () => {
    expect(sameDimension('万亩', '公顷')).toBe(false);
    expect(sameDimension('千米', '公里')).toBe(true);
    expect(sameDimension('万标箱', '标准箱')).toBe(true);
  });

  it('writes the English: trillion, tonnes, hectares', () => {
    expect(formatEn(parseZhFigure('4.72万亿元')!)).toBe('RMB 4.72 trillion');
    expect(formatEn(parseZhFigure('93万吨')!)).toBe('930,000 tonnes');
    expect(formatEn(parseZhFigure('2.6万公顷')!)).toBe('26,000 hectares');
  });

  it('reads thousands grouped with a non-breaking or thin space, and RMB before a non-breaking space', () => {
    for (const text of ['15\u00a0000 person-times', '15\u202f000 person-times', '15\u2009000 person-times'])
      expect(scanEn(text).map((f) => f.digits)).toEqual(['15000']);
    expect(compareDec(scanEn('RMB\u00a0148\u00a0billion')[0].value, zhValue(parseZhFigure('1480亿元')!))).toBe(0);
  });

  it('names a zero-width or bidirectional character inside a figure', () => {
    expect(invisibleInFigures('1480\u200b亿元')[0].message).toContain('U+200B ZERO WIDTH SPACE');
    expect(invisibleInFigures('增长8\u202e%')[0].message).toContain('U+202E RIGHT-TO-LEFT OVERRIDE');
    expect(invisibleInFigures('文字\u200b文字')).toEqual([]);
  });

  it('reads "per 10,000 people" as the rendering of 每万人口, not as a figure missing from the Chinese', () => {
    const dir = copySample();
    fs.appendFileSync(path.join(dir, 'zh/03-tasks.md'), '\n每万人口高价值发明专利拥有量达到**50**件。\n');
    fs.appendFileSync(path.join(dir, 'en/03-tasks.md'), '\nHigh-value invention patents will reach **50** per 10,000 people.\n');
    expect(byRule(checkDir(dir), 'zh-vs-en')).toEqual([]);
    fs.appendFileSync(path.join(dir, 'zh/03-tasks.md'), '\n高价值发明专利拥有量达到**50**件。\n');
    fs.appendFileSync(path.join(dir, 'en/03-tasks.md'), '\nHigh-value invention patents will reach **50** per 10,000 people.\n');
    expect(byRule(checkDir(dir), 'zh-vs-en').map((f) => f.actual)).toEqual(['10,000']);
  });
});
