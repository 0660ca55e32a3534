/**
 * The English precision rule and English number words, on the figures of
 * the sample and on the edge cases an editor meets.
 */
import { describe, expect, it } from 'vitest';
import { compareRounding } from '../../src/check/en-rounding.js';
import type { Quantity } from '../../src/model.js';
import { DEFAULT_PRECISION, formatEn } from '../../src/quantity/format.js';
import { parseEnFigure, scanEn, zhValue } from '../../src/quantity/parse-en.js';

const P = DEFAULT_PRECISION;
const q = (digits: string, unit: string): Quantity => ({ digits, unit });

describe('English precision', () => {
  it('rounds amounts in billions and millions to two decimals', () => {
    expect(formatEn(q('638.89', '亿元'), { precision: P })).toBe('RMB 63.89 billion');
    expect(formatEn(q('279.42', '亿元'), { precision: P })).toBe('RMB 27.94 billion');
    expect(formatEn(q('20.27', '亿元'), { precision: P })).toBe('RMB 2.03 billion');
    expect(formatEn(q('14.25', '亿美元'), { precision: P })).toBe('US$1.43 billion');
  });

  it('rounds counts and measures in millions to three significant figures', () => {
    expect(formatEn(q('326.29', '万人次'), { precision: P })).toBe('3.26 million person-times');
    expect(formatEn(q('3262.9', '万人次'), { precision: P })).toBe('32.629 million person-times');
    expect(formatEn(q('3262.95', '万人次'), { precision: P })).toBe('32.6 million person-times');
  });

  it('rounds large counts written in full to three significant figures', () => {
    expect(formatEn(q('22.27', '万人'), { precision: P })).toBe('223,000');
    expect(formatEn(q('44.07', '万人次'), { precision: P })).toBe('441,000 person-times');
    expect(formatEn(q('8.67', '万平方米'), { precision: P })).toBe('86,700 square metres');
  });

  it('prints the exact figure where the Chinese gives one decimal or fewer, and money below a million', () => {
    expect(formatEn(q('791.7', '亿元'), { precision: P })).toBe('RMB 79.17 billion');
    expect(formatEn(q('4309', '万元'), { precision: P })).toBe('RMB 43.09 million');
    expect(formatEn(q('11.4', '万人次'), { precision: P })).toBe('114,000 person-times');
    expect(formatEn(q('12.34', '万元'), { precision: P })).toBe('RMB 123,400');
    expect(formatEn(q('0.34', '%'), { precision: P })).toBe('0.34%');
  });

  it('keeps every digit without a precision, and an explicit dp wins over it', () => {
    expect(formatEn(q('638.89', '亿元'))).toBe('RMB 63.889 billion');
    expect(formatEn(q('638.89', '亿元'), { precision: P, dp: 0 })).toBe('RMB 63.9 billion');
    expect(formatEn(q('638.89', '亿元'), { precision: { decimals: 1, significant: 3 } })).toBe('RMB 63.9 billion');
  });
});

describe('compareRounding', () => {
  const cmp = (digits: string, unit: string, en: string) => compareRounding(q(digits, unit), zhValue(q(digits, unit)), parseEnFigure(en)!, P).kind;

  it('equal, too precise, rounded, wrongly rounded, different', () => {
    expect(cmp('638.89', '亿元', 'RMB 63.89 billion')).toBe('rounded');
    expect(cmp('638.89', '亿元', 'RMB 63.889 billion')).toBe('too-precise');
    expect(cmp('791.7', '亿元', 'RMB 79.17 billion')).toBe('equal');
    expect(cmp('638.89', '亿元', 'RMB 63.88 billion')).toBe('wrong-rounding');
    expect(cmp('638.89', '亿元', 'RMB 64.89 billion')).toBe('different');
  });

  it('rounds in millions and billions, and large counts to three significant figures: 2% is not 1.5%', () => {
    expect(cmp('1.5', '%', '2%')).toBe('different');
    expect(cmp('1.56', '万人', '15,600')).toBe('equal');
    expect(cmp('1.56', '万人', '16,000')).toBe('different');
    expect(cmp('22.27', '万人', '223,000')).toBe('rounded');
    expect(cmp('22.27', '万人', '222,700')).toBe('too-precise');
    expect(cmp('22.27', '万人', '222,000')).toBe('wrong-rounding');
    expect(cmp('22.27', '万人', '220,000')).toBe('different');
  });
});

describe('English number words', () => {
  const words = (text: string) =>
    scanEn(text)
      .filter((f) => f.word)
      .map((f) => [f.text, f.digits]);

  it('reads one to ninety-nine, hundred, thousand, million and billion', () => {
    expect(words('three companies and twenty-five projects')).toEqual([
      ['three', '3'],
      ['twenty-five', '25'],
    ]);
    expect(words('ten thousand people')).toEqual([['ten thousand', '10000']]);
    expect(words('two hundred and fifty plots, one million visitors')).toEqual([
      ['two hundred and fifty', '250'],
      ['one million', '1000000'],
    ]);
    expect(words('three hundred thousand square metres')).toEqual([['three hundred thousand square metres', '300000']]);
  });

  it('reads the unit after a word number, and splits words that do not make one number', () => {
    expect(scanEn('ten thousand visits')[0]).toMatchObject({ digits: '10000', dimension: 'count', noun: 'visits' });
    expect(words('one two')).toEqual([
      ['one', '1'],
      ['two', '2'],
    ]);
    expect(words('twenty twelve')).toEqual([
      ['twenty', '20'],
      ['twelve', '12'],
    ]);
    expect(words('someone, hundreds of, thousands, a dozen, first')).toEqual([]);
  });
});
