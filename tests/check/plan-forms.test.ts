/**
 * Slips planted in the district-report fixture, each caught at its own place
 * by the rule that owns it: a ratio part, a percent of plan (table and
 * prose), a point difference, a result sentence given the plan's figure.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { edit, tempDir } from '../helpers.js';
import { at, byRule, checkDir, where } from './check-helpers.js';

const FIXTURE = path.join(path.dirname(new URL(import.meta.url).pathname), '..', 'fixtures', 'district-report');

function copy(): { dir: string; zh: string; table: (id: string) => string } {
  const dir = path.join(tempDir(), 'edition');
  fs.cpSync(FIXTURE, dir, { recursive: true });
  return { dir, zh: path.join(dir, 'zh', '01-review.md'), table: (id) => path.join(dir, 'tables', `${id}.yaml`) };
}

const errorsOf = (dir: string, rule: string) => byRule(checkDir(dir), rule).filter((f) => f.severity === 'error');
const placeOf = (file: string, needle: string, offset = 0) => ({ file, ...where(file, needle, offset) });

describe('planted slips', () => {
  it('a ratio part changed: an error at that part, pointing at the table row', () => {
    const e = copy();
    edit(e.zh, '调整为8.3:71.1:20.6', '调整为8.3:71.4:20.6');
    const [f, ...rest] = errorsOf(e.dir, 'ratios');
    expect(rest).toEqual([]);
    expect(f.place).toEqual(placeOf(e.zh, '8.3:71.4', 4));
    expect(f.expected).toBe('71.1');
    expect(f.actual).toBe('71.4');
    expect(f.other).toMatchObject({ file: e.table('gdp'), ...where(e.table('gdp'), 'value: 210.1') });
  });

  it("last year's ratio is added up: parts that do not make 100 are an error", () => {
    const e = copy();
    edit(e.zh, '上年的9.4:66.8:23.8', '上年的9.4:66.8:25.8');
    const [f, ...rest] = errorsOf(e.dir, 'ratios');
    expect(rest).toEqual([]);
    expect(f.place).toEqual(placeOf(e.zh, '9.4:66.8:25.8'));
    expect(f.message).toContain('add up to 102.0');
  });

  it('a percent of plan in the table that is no longer result ÷ plan: an error at the percentage cell', () => {
    const e = copy();
    edit(e.table('key-projects'), 'of-plan: 16.22', 'of-plan: 17.22');
    const [f, ...rest] = errorsOf(e.dir, 'table-arithmetic');
    expect(rest).toEqual([]);
    expect(f.place).toEqual(placeOf(e.table('key-projects'), 'of-plan: 17.22'));
    expect(f.expected).toBe('16.22');
    expect(f.other).toMatchObject(where(e.table('key-projects'), 'done: 10.13'));
  });

  it('a percent of plan in the prose that is no longer result ÷ plan: an error at the percentage', () => {
    const e = copy();
    edit(e.zh, '完成年度计划16.22%', '完成年度计划18.22%');
    const [f, ...rest] = errorsOf(e.dir, 'percent-of-plan');
    expect(rest).toEqual([]);
    expect(f.place).toEqual(placeOf(e.zh, '18.22%'));
    expect(f.expected).toBe('16.22%');
    expect(f.message).toContain('10.13亿元 ÷ 62.45亿元 × 100');
    expect(f.other).toMatchObject(where(e.zh, '10.13亿元'));
  });

  it('the plan written in the clause (完成年计划X的P%) is read the same way', () => {
    const e = copy();
    edit(e.zh, '年度计划投资62.45亿元，完成投资10.13亿元，完成年度计划16.22%', '完成投资10.13亿元，完成年计划62.45亿元的16.22%');
    const c = checkDir(e.dir);
    expect([...byRule(c, 'percent-of-plan'), ...byRule(c, 'prose-vs-table')].map((f) => `${at(f)} ${f.message}`)).toEqual([]);
    const p = where(e.zh, '16.22%');
    expect(c.figures.filter((s) => s.place.line === p.line && s.place.column === p.column).map((s) => `${s.ruleId}:${s.status}`)).toContain(
      'percent-of-plan:verified',
    );
    edit(e.zh, '的16.22%', '的61.22%');
    const [f] = errorsOf(e.dir, 'percent-of-plan');
    expect(f.place).toEqual(placeOf(e.zh, '61.22%'));
  });

  it('a point difference that is no longer a − b: an error at the points', () => {
    const e = copy();
    edit(e.zh, '（16.67%）3.82个百分点', '（16.67%）3.28个百分点');
    const [f, ...rest] = errorsOf(e.dir, 'point-difference');
    expect(rest).toEqual([]);
    expect(f.place).toEqual(placeOf(e.zh, '3.28个百分点'));
    expect(f.expected).toBe('3.82个百分点');
    expect(f.other).toMatchObject(where(e.zh, '16.67%'));
  });

  it('a gap with the wrong direction word is an error', () => {
    const e = copy();
    edit(e.zh, '低于时序进度', '高于时序进度');
    const [f] = errorsOf(e.dir, 'point-difference');
    expect(f.place).toEqual(placeOf(e.zh, '3.82个百分点'));
    expect(f.message).toContain('"高于" says the first rate is higher');
  });

  it('a result sentence given the plan figure: an error at the result, from both the table and the percentage', () => {
    const e = copy();
    edit(e.zh, '完成投资5.65亿元', '完成投资57.82亿元');
    const c = checkDir(e.dir);
    const errors = c.findings.filter((f) => f.severity === 'error' && f.place.file === e.zh);
    const result = placeOf(e.zh, '完成投资57.82亿元', 4);
    expect(errors.map((f) => [f.ruleId, f.place])).toEqual(
      expect.arrayContaining([
        ['prose-vs-table', result],
        ['percent-of-plan', result],
      ]),
    );
    // Nothing blames the plan or the percentage, which are right.
    expect(errors.filter((f) => f.place.line === result.line && f.place.column !== result.column)).toEqual([]);
    expect(byRule(c, 'prose-vs-table').find((f) => f.severity === 'error')?.expected).toBe('5.65亿元');
  });

  it('a plan figure given the result: an error at the plan, compared with the plan column', () => {
    const e = copy();
    edit(e.zh, '年度计划投资13.84亿元', '年度计划投资1.62亿元');
    const f = errorsOf(e.dir, 'prose-vs-table').find((x) => x.place.line === where(e.zh, '1.62亿元').line);
    expect(f?.place).toEqual(placeOf(e.zh, '年度计划投资1.62亿元', 6));
    expect(f?.expected).toBe('13.84亿元');
  });

  it('a growth clause pairs with the growth column, never the result', () => {
    const e = copy();
    // The table of plan and result gets a growth column; the prose states the growth as 下降.
    edit(
      e.table('key-projects'),
      '  - { id: of-plan,',
      '  - { id: growth, kind: number, measure: growth, unit: "%", header: { zh: 比上年增长（%）, en: Growth (%) } }\n  - { id: of-plan,',
    );
    for (const [row, g] of [
      ['infrastructure', '-3.5'],
      ['industry', '[x]'],
      ['livelihood', '[x]'],
      ['all', '—'],
    ])
      edit(e.table('key-projects'), new RegExp(`(id: ${row}\\n(?:.*\\n){4})`), `$1    growth: ${g}\n`);
    edit(e.zh, '完成投资5.65亿元，', '完成投资5.65亿元，下降3.5%，');
    const c = checkDir(e.dir);
    expect(byRule(c, 'prose-vs-table').map((f) => `${at(f)} ${f.message}`)).toEqual([]);
    const p = where(e.zh, '3.5%');
    expect(c.figures.find((s) => s.ruleId === 'prose-vs-table' && s.place.line === p.line && s.place.column === p.column)?.detail).toContain('比上年增长');
    edit(e.zh, '下降3.5%', '下降5.65%');
    const [f] = errorsOf(e.dir, 'prose-vs-table');
    expect(f.place).toEqual(placeOf(e.zh, '5.65%'));
    expect(f.expected).toBe('-3.5%');
  });
});

describe('the English side of the new forms', () => {
  it('a ratio part changed in the English only is a zh-vs-en error at that part', () => {
    const e = copy();
    const en = path.join(e.dir, 'en', '01-review.md');
    edit(en, 'to 8.3:71.1:20.6', 'to 8.3:71.1:26.0');
    const errors = byRule(checkDir(e.dir), 'zh-vs-en').filter((f) => f.severity === 'error');
    expect(errors.map((f) => f.place)).toContainEqual(placeOf(en, '8.3:71.1:26.0', 9));
  });
});

describe('ratios that are no structure in percent', () => {
  it('a proportion like 1:1 is not added up to 100', () => {
    const e = copy();
    edit(e.zh, '服务业在全区经济中的比重', '配套比例为1:1，服务业在全区经济中的比重');
    expect(errorsOf(e.dir, 'ratios')).toEqual([]);
  });

  it("a change from a named year (由2021年的…) is added up, not linked to this year's table", () => {
    const e = copy();
    edit(e.zh, '由上年的9.4:66.8:23.8', '由2021年的9.4:66.8:23.8');
    const c = checkDir(e.dir);
    expect(byRule(c, 'ratios')).toEqual([]);
    expect(c.stats.ratios).toBe(4);
  });
});

describe('signed growth cells', () => {
  it("下降0.2% states the table's -0.2; 增长0.2% contradicts it", () => {
    const e = copy();
    const p = where(e.zh, '下降0.2%', 2);
    expect(
      checkDir(e.dir)
        .figures.filter((s) => s.place.line === p.line && s.place.column === p.column)
        .map((s) => `${s.ruleId}:${s.status}`),
    ).toContain('prose-vs-table:verified');
    edit(e.zh, '同比下降0.2%', '同比增长0.2%');
    const [f] = errorsOf(e.dir, 'prose-vs-table');
    expect(f.place).toEqual(placeOf(e.zh, '同比增长0.2%', 4));
    expect(f.message).toContain('the direction differs');
  });
});

describe('ratio spellings', () => {
  it.each(['∶', '：'])('a ratio written with %s is read and linked the same way', (colon) => {
    const e = copy();
    edit(e.zh, '调整为8.3:71.1:20.6', `调整为8.3${colon}71.1${colon}20.6`);
    const c = checkDir(e.dir);
    expect(c.findings.filter((f) => f.severity === 'error' && f.ruleId === 'ratios')).toEqual([]);
    expect(c.stats.ratios).toBe(4);
    edit(e.zh, `8.3${colon}71.1`, `8.3${colon}70.1`);
    const [f] = errorsOf(e.dir, 'ratios');
    expect(f.place).toEqual(placeOf(e.zh, `8.3${colon}70.1`, 4));
  });
});
