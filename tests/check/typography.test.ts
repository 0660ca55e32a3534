/**
 * Rule `typography`: half-width punctuation in Chinese, full-width digits,
 * a space before a Chinese unit; each reported at the exact character, in
 * the Markdown and in the tables' YAML.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { hyphenMinus, typographyProblems, ungroupedEnglish } from '../../src/check/typography.js';
import { copySample, edit, SAMPLE } from '../helpers.js';
import { at, byRule, checkDir, where } from './check-helpers.js';

const RULE = 'typography';

describe('typography on the sample', () => {
  const c = checkDir(SAMPLE);

  it('raises nothing: the sample is set in Chinese style', () => {
    expect(byRule(c, RULE).map((f) => `${at(f)} ${f.message}`)).toEqual([]);
  });

  it('examines every number of the Chinese prose', () => {
    const prose = c.edition.meta.chapterOrder
      .map((id) => fs.readFileSync(path.join(SAMPLE, 'zh', `${id}.md`), 'utf8'))
      .join('\n')
      .replace(/:{1,2}[a-z]+(\[[^\]]*\])?(\{[^}]*\})?/g, '');
    const numbers = (prose.match(/\d+(?:\.\d+)?/g) ?? []).length;
    expect(numbers).toBeGreaterThan(200);
    expect(c.stats[RULE]).toBeGreaterThanOrEqual(numbers);
  });
});

describe('typographyProblems', () => {
  it('finds each kind at its offset and leaves English alone', () => {
    const text = '全年实现税收791.7亿元,同比下降(前三季度)，新增１０家，共1600 亿元，占5 %。';
    const found = typographyProblems(text).map((p) => [p.offset, text[p.offset]]);
    expect(found).toEqual([
      [text.indexOf(','), ','],
      [text.indexOf('('), '('],
      [text.indexOf(')'), ')'],
      [text.indexOf('１'), '１'],
      [text.indexOf('1600 ') + 4, ' '],
      [text.indexOf('5 %') + 1, ' '],
    ]);
    expect(typographyProblems('GDP grew by 5%, (about) 1,600 yuan: yes; no? ok!')).toEqual([]);
  });
});

describe('typography mutations', () => {
  function mutated(rel: string, from: string, to: string) {
    const dir = copySample();
    const file = path.join(dir, rel);
    edit(file, from, to);
    return { file, found: byRule(checkDir(dir), RULE) };
  }

  it('a full-width comma made half-width in prose: warning at the comma', () => {
    const { file, found } = mutated('zh/01-review.md', '可回收物回收量达285.54吨/日，完成市下达目标任务', '可回收物回收量达285.54吨/日,完成市下达目标任务');
    const pos = where(file, '吨/日,完成', '吨/日'.length);
    expect(found.map(at)).toEqual([`${file}:${pos.line}:${pos.column}`]);
    expect(found[0].severity).toBe('warning');
  });

  it('a space between a number and its unit across emphasis (**4309** 万元): warning at the space', () => {
    const { file, found } = mutated('zh/01-review.md', '**4309**万元', '**4309** 万元');
    const pos = where(file, '**4309** 万元', '**4309**'.length);
    expect(found.map(at)).toEqual([`${file}:${pos.line}:${pos.column}`]);
  });

  it('full-width digits in prose: warning at the first digit', () => {
    const { file, found } = mutated('zh/03-tasks.md', '引进百万级项目**600**个', '引进百万级项目**６００**个');
    const pos = where(file, '**６００**', 2);
    expect(found.map(at)).toEqual([`${file}:${pos.line}:${pos.column}`]);
  });

  it('half-width brackets in a table caption: warnings at the exact YAML characters', () => {
    const { file, found } = mutated('tables/belt-tax.yaml', 'zh: 三大集聚带税收完成情况', 'zh: 三大集聚带(税收)完成情况');
    const open = where(file, '(税收)');
    const close = where(file, '(税收)', 3);
    expect(found.map(at)).toEqual([`${file}:${open.line}:${open.column}`, `${file}:${close.line}:${close.column}`]);
  });

  it('a half-width semicolon in a table list item: warning in the YAML', () => {
    const { file, found } = mutated('tables/renewal-tasks.yaml', 'zh: 238街坊零星旧改项目；', 'zh: 238街坊零星旧改项目;');
    const pos = where(file, '238街坊零星旧改项目;', '238街坊零星旧改项目'.length);
    expect(found.map(at)).toEqual([`${file}:${pos.line}:${pos.column}`]);
  });

  it('English prose may use half-width punctuation', () => {
    const { found } = mutated('en/01-review.md', 'The economy stabilized and improved overall.', 'The economy (overall) stabilized; improved: yes!');
    expect(found).toEqual([]);
  });
});

describe('English number style', () => {
  it('flags a figure of five or more digits without thousands separators, not a name the Chinese writes bare', () => {
    const text = 'added 10324 enterprises and handled 163,000 orders through the 12345 hotline in 2022';
    expect(ungroupedEnglish(text, new Set(['12345'])).map((p) => [p.offset, p.message])).toEqual([
      [text.indexOf('10324'), '"10324" in English text; write "10,324" (thousands separators, as elsewhere in the English)'],
    ]);
    expect(ungroupedEnglish(text, new Set()).map((p) => text.slice(p.offset, p.offset + 5))).toEqual(['10324', '12345']);
  });

  it('a grouped figure of the sample written without separators: warning at the figure', () => {
    const dir = copySample();
    const file = path.join(dir, 'en/01-review.md');
    edit(file, '10,324', '10324');
    const found = byRule(checkDir(dir), RULE);
    const pos = where(file, '10324');
    expect(found.map(at)).toEqual([`${file}:${pos.line}:${pos.column}`]);
  });

  it('flags a hyphen typed for a minus sign, not COVID-19 or a range', () => {
    const text = 'down -1.9% (first three quarters), COVID-19, 2021-2025, −0.4%';
    expect(hyphenMinus(text).map((p) => [p.offset, p.message])).toEqual([
      [text.indexOf('-1.9'), 'a hyphen typed for a minus sign; English text writes "−1.9" (U+2212)'],
    ]);
  });

  it('the sample’s −1.9% typed with a hyphen in a table cell: warning at the YAML character', () => {
    const dir = copySample();
    const file = path.join(dir, 'tables/main-indicators.yaml');
    edit(file, 'en: "−1.9% (first', 'en: "-1.9% (first');
    const found = byRule(checkDir(dir), RULE);
    const pos = where(file, '-1.9% (first');
    expect(found.map(at)).toEqual([`${file}:${pos.line}:${pos.column}`]);
  });
});
