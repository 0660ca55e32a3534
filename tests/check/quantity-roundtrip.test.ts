/**
 * Property tests of the figure formatters and parsers: any quantity the
 * report may state, written in Chinese (formatZh) reads back as the same
 * quantity (parseZhFigure for a cell, scanZh inside a sentence), and written
 * in English (formatEn) reads back (scanEn / parseEnFigure) as the same exact
 * value in base units, of the same dimension, with the same qualifier.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Direction, Qualifier, Quantity } from '../../src/model.js';
import { compareDec, formatDec } from '../../src/quantity/decimal.js';
import { formatEn, formatZh } from '../../src/quantity/format.js';
import { parseEnFigure, sameDimensionEn, scanEn, zhValue } from '../../src/quantity/parse-en.js';
import { parseZhFigure, scanZh } from '../../src/quantity/parse-zh.js';

const UNITS = ['亿元', '万元', '元', '亿美元', '%', '个百分点', '人', '件', '万人次', '万平方米'];
const SIGNED = new Set(['%', '个百分点']);
const QUALIFIERS: Qualifier[] = ['over', 'about', 'within', 'nearly', 'at-least', 'at-most', 'more-than'];

/** Digits as a report writes them: no leading zeros, 0–3 decimals. */
const digits = fc
  .tuple(fc.nat({ max: 999_999 }), fc.array(fc.integer({ min: 0, max: 9 }), { maxLength: 3 }))
  .map(([int, frac]) => (frac.length ? `${int}.${frac.join('')}` : String(int)));

const quantity = (qualifiers: Qualifier[]) =>
  fc
    .record({
      digits,
      unit: fc.constantFrom(...UNITS),
      negative: fc.boolean(),
      qualifier: fc.option(fc.constantFrom(...qualifiers), { nil: undefined }),
      direction: fc.option(fc.constantFrom<Direction>('up', 'down'), { nil: undefined }),
    })
    .map(({ digits: d, unit, negative, qualifier, direction }): Quantity => {
      // A sign is written only on percentages and points, and never after 增长/下降.
      const signed = negative && SIGNED.has(unit) && !direction && /[1-9]/.test(d);
      const q: Quantity = { digits: signed ? `-${d}` : d, unit };
      if (qualifier) q.qualifier = qualifier;
      if (direction) q.direction = direction;
      return q;
    });

const ZH_QUALIFIERS = QUALIFIERS.filter((q) => q !== 'more-than');

describe('Chinese: formatZh → parseZhFigure / scanZh', () => {
  it('a cell reads back as the same quantity', () => {
    fc.assert(
      fc.property(quantity(ZH_QUALIFIERS), fc.option(fc.constantFrom('前三季度', '1-11月'), { nil: undefined }), (q, period) => {
        const withPeriod = period ? { ...q, period } : q;
        expect(parseZhFigure(formatZh(withPeriod, { full: true }))).toEqual(withPeriod);
      }),
      { numRuns: 500 },
    );
  });

  it('a figure inside a sentence is found with its offset and reads back', () => {
    fc.assert(
      fc.property(quantity(ZH_QUALIFIERS), (q) => {
        const text = formatZh(q, { full: true });
        const sentence = `全年实现${text}，位列第一。`;
        const found = scanZh(sentence);
        expect(found).toHaveLength(1);
        expect(found[0].quantity).toEqual(q);
        expect(sentence.slice(found[0].digitsIndex).startsWith(q.digits)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  // The report writes 余 between the number (with its scale) and the counted unit.
  it('余 (more-than) round-trips: 15000余张, 16.3万余件', () => {
    const q: Quantity = { digits: '15000', unit: '张', qualifier: 'more-than' };
    expect(formatZh(q, { full: true })).toBe('15000余张');
    expect(parseZhFigure(formatZh(q, { full: true }))).toEqual(q);
    const scaled: Quantity = { digits: '16.3', unit: '万件', qualifier: 'more-than' };
    expect(formatZh(scaled, { full: true })).toBe('16.3万余件');
    expect(scanZh(`办理${formatZh(scaled, { full: true })}工单`)[0].quantity).toEqual(scaled);
  });
});

describe('English: formatEn → scanEn / parseEnFigure', () => {
  it('a figure reads back to the same exact value, dimension, qualifier and direction', () => {
    fc.assert(
      fc.property(quantity(QUALIFIERS), (q) => {
        const text = formatEn(q, { full: true });
        const en = parseEnFigure(text);
        expect(en, text).toBeDefined();
        expect(formatDec(en!.value), text).toBe(formatDec(zhValue(q)));
        expect(compareDec(en!.value, zhValue(q))).toBe(0);
        expect(sameDimensionEn(q.unit, en!), text).toBe(true);
        expect(en!.qualifier).toBe(q.qualifier);
        expect(en!.direction).toBe(q.direction);
      }),
      { numRuns: 1000 },
    );
  });

  it('a figure inside a sentence is found where it is written', () => {
    fc.assert(
      fc.property(quantity(QUALIFIERS), (q) => {
        const text = formatEn(q);
        const sentence = `In 2022 the district recorded ${text}, the highest in three years.`;
        const found = scanEn(sentence).filter((f) => f.index > 10 && !f.word);
        expect(found, sentence).toHaveLength(1);
        expect(found[0].text).toBe(text);
        expect(compareDec(found[0].value, zhValue(q))).toBe(0);
      }),
      { numRuns: 500 },
    );
  });

  it('reads the report’s own renderings', () => {
    const cases: [string, Quantity][] = [
      ['RMB 148 billion', { digits: '1480', unit: '亿元' }],
      ['RMB 27.942 billion', { digits: '279.42', unit: '亿元' }],
      ['US$1.42 billion', { digits: '14.2', unit: '亿美元' }],
      ['RMB 43.09 million', { digits: '4309', unit: '万元' }],
      ['15,000 person-times', { digits: '1.5', unit: '万人次' }],
      ['8,376', { digits: '8376', unit: '人' }],
      ['0.34%', { digits: '0.34', unit: '%' }],
      ['8.6 percentage points', { digits: '8.6', unit: '个百分点' }],
      ['about 5%', { digits: '5', unit: '%', qualifier: 'about' }],
      ['over 8%', { digits: '8', unit: '%', qualifier: 'over' }],
      ['nearly RMB 500 million', { digits: '5', unit: '亿元', qualifier: 'nearly' }],
      ['more than 110,000', { digits: '11', unit: '万人', qualifier: 'more-than' }],
      ['1.08 million square metres', { digits: '108', unit: '万平方米' }],
    ];
    for (const [text, q] of cases) {
      const en = parseEnFigure(text);
      expect(en, text).toBeDefined();
      expect(compareDec(en!.value, zhValue(q)), text).toBe(0);
      expect(sameDimensionEn(q.unit, en!), text).toBe(true);
      expect(en!.qualifier, text).toBe(q.qualifier);
    }
  });

  it('does not read numbers glued to words, and flags ordinals and name numbers', () => {
    const found = scanEn('COVID-19 and PM2.5 fell; the 20th Congress; Shimen No. 2 Road; Plaza 66 opened');
    expect(found.map((f) => [f.digits, !!f.ordinal, !!f.numbered, !!f.inName])).toEqual([
      ['20', true, false, false],
      ['2', false, true, false],
      ['66', false, false, true],
    ]);
  });
});
