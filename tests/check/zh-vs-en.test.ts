/**
 * Rule `zh-vs-en` on the sample and on mutated copies of it: every figure of
 * a Chinese text has its English counterpart after unit conversion, and one
 * changed, dropped or added figure on either side is an error at the English
 * place to edit, pointing at the Chinese.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { chineseNumeral } from '../../src/quantity/number-words.js';
import { copySample, edit, SAMPLE } from '../helpers.js';
import { at, byRule, checkDir, where } from './check-helpers.js';

const RULE = 'zh-vs-en';

/** Applies one edit to a fresh copy of the sample and returns this rule's findings. */
function mutate(file: string, from: string, to: string) {
  const dir = copySample();
  edit(path.join(dir, file), from, to);
  return { dir, found: byRule(checkDir(dir), RULE) };
}

describe('zh-vs-en on the sample', () => {
  const c = checkDir(SAMPLE);

  it('finds nothing: the English states every Chinese figure', () => {
    expect(byRule(c, RULE).map((f) => `${at(f)} ${f.message}`)).toEqual([]);
  });

  it('examines every figure cell, every data reference and every bold figure of the Chinese', () => {
    const cells = c.edition.tables.flatMap((t) => t.rows.flatMap((r) => Object.values(r.cells))).filter((x) => x.quantity).length;
    const zh = c.edition.chapters.map((ch) => fs.readFileSync(ch.docs.zh.file, 'utf8')).join('\n');
    const nums = zh.match(/:num\[/g)!.length;
    const bold = zh.match(/\*\*-?\d[\d.]*(?=\*\*|[^\d.])/g)!.length;
    expect(cells).toBeGreaterThan(30);
    expect(bold).toBeGreaterThan(80);
    expect(c.stats[RULE]).toBeGreaterThanOrEqual(cells + nums + bold);
  });

  it('cross-checks the figures of the review paragraphs with their English', () => {
    const en = path.join(SAMPLE, 'en/01-review.md');
    const spot = where(en, 'RMB 79.17 billion', 4);
    const status = c.figures.find((s) => s.ruleId === RULE && s.place.file === en && s.place.line === spot.line && s.place.column === spot.column);
    expect(status?.status).toBe('cross-checked');
    expect(status?.detail).toContain('791.7亿元');
  });
});

describe('zh-vs-en mutations', () => {
  it('an English number changed: error at the English figure, pointing at the Chinese', () => {
    const { dir, found } = mutate('en/01-review.md', '**RMB 79.17 billion**', '**RMB 79.71 billion**');
    expect(found).toHaveLength(1);
    expect(found[0].severity).toBe('error');
    expect(found[0].place).toEqual({ file: path.join(dir, 'en/01-review.md'), ...where(path.join(dir, 'en/01-review.md'), '79.71') });
    expect(found[0].other).toMatchObject({ file: path.join(dir, 'zh/01-review.md'), ...where(path.join(dir, 'zh/01-review.md'), '791.7') });
    expect(found[0].expected).toBe('RMB 79.17 billion');
  });

  it('a Chinese prose number changed: error at the English figure that no longer agrees', () => {
    const { dir, found } = mutate('zh/01-review.md', '**791.7**亿元', '**797.1**亿元');
    expect(found.map((f) => [f.severity, f.place.file, f.place.line])).toEqual([
      ['error', path.join(dir, 'en/01-review.md'), where(path.join(dir, 'en/01-review.md'), '79.17').line],
    ]);
    expect(found[0].other).toMatchObject({ file: path.join(dir, 'zh/01-review.md'), ...where(path.join(dir, 'zh/01-review.md'), '797.1') });
  });

  it('亿元 → 万元 in the Chinese: RMB 27.94 billion is no longer 279.42万元', () => {
    const { dir, found } = mutate('zh/01-review.md', '**279.42**亿元', '**279.42**万元');
    expect(found).toHaveLength(1);
    expect(found[0].place).toMatchObject({ file: path.join(dir, 'en/01-review.md'), ...where(path.join(dir, 'en/01-review.md'), '27.94 billion') });
    expect(found[0].expected).toBe('RMB 2.79 million');
  });

  it('个百分点 → % in the Chinese: 8.6% is not 8.6 percentage points', () => {
    const { dir, found } = mutate('zh/01-review.md', '**8.6**个百分点', '**8.6**%');
    expect(found).toHaveLength(1);
    expect(found[0].place).toMatchObject({ file: path.join(dir, 'en/01-review.md'), ...where(path.join(dir, 'en/01-review.md'), '8.6** percentage', 0) });
  });

  it('a figure dropped from the English: error at the English block, pointing at the Chinese figure', () => {
    const { dir, found } = mutate('en/01-review.md', 'benefiting **2,590** businesses', 'benefiting businesses');
    expect(found).toHaveLength(1);
    const en = where(path.join(dir, 'en/01-review.md'), 'Policies to help enterprises');
    expect(found[0].place).toMatchObject({ line: en.line, column: 1 });
    expect(found[0].message).toContain('2590户');
    expect(found[0].other).toMatchObject(where(path.join(dir, 'zh/01-review.md'), '2590'));
  });

  it('a figure added to the English, or a wrong year: error at the English figure', () => {
    const { dir, found } = mutate('en/01-review.md', '2022 was an extraordinary year', '2021 was an extraordinary year');
    expect(found.map((f) => [f.place.line, f.place.column])).toEqual([[where(path.join(dir, 'en/01-review.md'), '2021 was').line, 1]]);
  });

  it('a qualifier changed in the English: about 20 is not over 20 (20家左右)', () => {
    const { dir, found } = mutate('en/03-tasks.md', 'about **20** hidden champions', 'over **20** hidden champions');
    expect(found).toHaveLength(1);
    expect(found[0].place.line).toBe(where(path.join(dir, 'en/03-tasks.md'), 'over **20** hidden').line);
    expect(found[0].message).toContain('20家左右');
  });

  it('a data reference replaced by a literal in the English: both sides reported', () => {
    const { dir, found } = mutate('en/01-review.md', 'up **:num[main-indicators/budget-revenue/actual]** year', 'up **0.43%** year');
    const line = where(path.join(dir, 'en/01-review.md'), '0.43%').line;
    expect(found.length).toBe(2);
    expect(found.every((f) => f.place.line === line && f.severity === 'error')).toBe(true);
    expect(found.some((f) => f.message.includes(':num[main-indicators/budget-revenue/actual]'))).toBe(true);
  });

  it('an English table cell changed: error at the line of the cell in the YAML file', () => {
    const file = 'tables/main-indicators.yaml';
    const { dir, found } = mutate(file, '(within 9,600)', '(within 9,800)');
    expect(found).toHaveLength(1);
    expect(found[0].place).toMatchObject({ file: path.join(dir, file), ...where(path.join(dir, file), '9,800') });
  });

  it('an English list item changed: error at the item', () => {
    const file = 'tables/industry-results.yaml';
    const { dir, found } = mutate(file, 'Organized 58 world-renowned', 'Organized 85 world-renowned');
    expect(found).toHaveLength(1);
    expect(found[0].place).toMatchObject({ file: path.join(dir, file), line: where(path.join(dir, file), 'Organized 85').line });
  });

  it('a qualifier on one side only is a warning: 2万余件 written as 20,000, 14公里 as over 14 kilometres', () => {
    const dropped = mutate('en/01-review.md', 'with over 20,000 cases handled', 'with 20,000 cases handled');
    expect(dropped.found.map((f) => [f.severity, f.place.line])).toEqual([
      ['warning', where(path.join(dropped.dir, 'en/01-review.md'), 'with 20,000 cases').line],
    ]);
    expect(dropped.found[0].message).toContain('2万余');
    const added = mutate('en/01-review.md', 'along 14 kilometres of roads', 'over 14 kilometres of roads');
    expect(added.found.map((f) => f.severity)).toEqual(['warning']);
    expect(added.found[0].place).toMatchObject(where(path.join(added.dir, 'en/01-review.md'), '14 kilometres of roads'));
  });
});

describe('zh-vs-en: English rounding (326.29万人次 is 3.26 million person-times)', () => {
  const en = 'en/01-review.md';
  const sample = '**3.26 million** person-times';

  it('the sample rounds and checks clean: the rounding is cross-checked against the Chinese', () => {
    const c = checkDir(SAMPLE);
    const spot = where(path.join(SAMPLE, en), '3.26 million', 0);
    const status = c.figures.find(
      (s) => s.ruleId === RULE && s.place.file === path.join(SAMPLE, en) && s.place.line === spot.line && s.place.column === spot.column,
    );
    expect(status).toMatchObject({ status: 'cross-checked', detail: expect.stringContaining('326.29万人次') });
  });

  it('every digit of the Chinese is more than the precision allows: a warning naming the rounded English', () => {
    const { found } = mutate(en, sample, '**3.2629 million** person-times');
    expect(found.map((f) => [f.severity, f.expected])).toEqual([['warning', '3.26 million person-times']]);
  });

  it('a correct rounding to fewer places is accepted too', () => {
    expect(mutate(en, sample, '**3.3 million** person-times').found).toEqual([]);
  });

  it('a wrong rounding is an error: 3.27 million, or 3.2 million cut instead of rounded', () => {
    for (const wrong of ['3.27', '3.2']) {
      const { found } = mutate(en, sample, `**${wrong} million** person-times`);
      expect(
        found.map((f) => f.severity),
        wrong,
      ).toEqual(['error']);
      expect(found[0].message).toContain('not the rounding');
      expect(found[0].expected).toBe('3.26 million person-times');
    }
  });

  it('a large count rounds to three significant figures: 223,000 for 22.27万人 is clean, 222,000 an error', () => {
    const { found } = mutate(en, 'signed up **223,000** people', 'signed up **222,000** people');
    expect(found.map((f) => [f.severity, f.expected])).toEqual([['error', '223,000']]);
    expect(found[0].message).toContain('rounds to 223,000');
  });

  it('with `precision: exact` in edition.yaml the English keeps every digit, and the rounded figure is still accepted', () => {
    const dir = copySample();
    fs.appendFileSync(path.join(dir, 'edition.yaml'), 'style:\n  en:\n    precision: exact\n');
    expect(byRule(checkDir(dir), RULE)).toEqual([]);
    edit(path.join(dir, en), sample, '**3.2629 million** person-times');
    expect(byRule(checkDir(dir), RULE)).toEqual([]);
  });
});

describe('zh-vs-en: numbers in words and unit renderings', () => {
  const en = 'en/01-review.md';

  it('"three companies" for 3家 checks clean and is cross-checked; "four companies" is an error', () => {
    const c = checkDir(SAMPLE);
    const spot = where(path.join(SAMPLE, en), 'three companies', 0);
    expect(c.figures.find((s) => s.ruleId === RULE && s.place.line === spot.line && s.place.column === spot.column)?.status).toBe('cross-checked');
    const { found } = mutate(en, 'three companies, including KPMG', 'four companies, including KPMG');
    expect(found.map((f) => f.severity)).toEqual(['error']);
    expect(found[0].message).toContain('3家');
    expect(found[0].actual).toBe('four');
  });

  it('"ten thousand visits" for 1万次 and "visits" for 人次 check clean', () => {
    const dir = copySample();
    edit(path.join(dir, 'zh/01-review.md'), '**12307**次', '**1**万次');
    edit(path.join(dir, en), '**12,307** visits', 'ten thousand visits');
    edit(path.join(dir, en), '**15,000** person-times', '**15,000** visits');
    expect(byRule(checkDir(dir), RULE)).toEqual([]);
  });

  it('"visits" is a rendering of 人次 and 次 only: for 万平方米 it is an error', () => {
    const { found } = mutate(en, '**3.26 million** person-times', '**3.26 million** visits');
    expect(found).toEqual([]);
    const dir = copySample();
    edit(path.join(dir, 'zh/01-review.md'), '**326.29**万人次', '**326.29**万平方米');
    expect(byRule(checkDir(dir), RULE).map((f) => f.severity)).toContain('error');
  });
});

describe('Chinese numerals of ordinals and names', () => {
  it('writes numbers the way the report does', () => {
    expect([2, 10, 14, 19, 20, 24, 100, 105, 112].map(chineseNumeral)).toEqual([
      '二',
      '十',
      '十四',
      '十九',
      '二十',
      '二十四',
      '一百',
      '一百零五',
      '一百一十二',
    ]);
  });
});
