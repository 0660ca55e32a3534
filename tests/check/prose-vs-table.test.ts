/**
 * Rule `prose-vs-table` on the sample and on mutated copies of it: a literal
 * figure in the Chinese prose that states a table's metric equals the cell
 * of the right period, with its unit and qualifier; a `{bare}` data reference
 * is followed by the cell's unit.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { shortForms } from '../../src/check/link-names.js';
import { copySample, edit, SAMPLE } from '../helpers.js';
import { at, byRule, checkDir, where } from './check-helpers.js';

const RULE = 'prose-vs-table';
const REVIEW = 'zh/01-review.md';
const TASKS = 'zh/03-tasks.md';
const RETAIL = '**:num[main-indicators/retail-sales/actual]{bare}**亿元';
const SIX_TAX = '**:num[industry-tax/total/tax]{bare}**亿元';
const SIX_SHARE = '**:num[industry-tax/total/share]{dp=1}**';
const INVESTMENT_2023 = '**:num[plan-targets/investment/target]**';

/** Applies one edit to a fresh copy of the sample; returns the checked copy and this rule's findings. */
function mutate(file: string, from: string, to: string) {
  const dir = copySample();
  edit(path.join(dir, file), from, to);
  const c = checkDir(dir);
  return { dir, c, found: byRule(c, RULE) };
}

/** The status this rule gave the figure at `needle` in `file`. */
function statusAt(c: ReturnType<typeof checkDir>, file: string, needle: string) {
  const p = where(file, needle);
  return c.figures.find((s) => s.ruleId === RULE && s.place.file === file && s.place.line === p.line && s.place.column === p.column);
}

/** Place of the cell whose YAML line contains `needle`. */
const cellLine = (dir: string, table: string, needle: string) => where(path.join(dir, 'tables', `${table}.yaml`), needle).line;

describe('prose-vs-table on the sample', () => {
  const c = checkDir(SAMPLE);

  it('finds nothing', () => {
    expect(byRule(c, RULE).map((f) => `${at(f)} ${f.message}`)).toEqual([]);
  });

  it('examines every bold literal figure and every {bare} data reference of the Chinese', () => {
    const zh = c.edition.chapters.map((ch) => fs.readFileSync(ch.docs.zh.file, 'utf8')).join('\n');
    const bare = zh.match(/:num\[[^\]]+\]\{bare\}/g)!.length;
    const bold = zh.match(/\*\*-?\d[\d.]*(?=\*\*|[^\d.])/g)!.length;
    expect(bare).toBeGreaterThan(5);
    expect(c.stats[RULE]).toBeGreaterThanOrEqual(bare + bold);
  });

  it('derives short forms from the row label', () => {
    expect(shortForms('全社会固定资产投资额')).toEqual(['全社会固定资产投资额', '全社会固定资产投资']);
    expect(shortForms('既有多层住宅加装电梯（开工）')).toContain('既有多层住宅加装电梯');
  });
});

describe('prose-vs-table mutations', () => {
  it('a prose number changed: 社会消费品零售总额1408亿元 against 表1 1480亿元', () => {
    const { dir, found } = mutate(REVIEW, RETAIL, '**1408**亿元');
    const file = path.join(dir, REVIEW);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ severity: 'error', place: { file, ...where(file, '1408') }, expected: '1480亿元', actual: '1408亿元' });
    expect(found[0].other).toMatchObject({ file: path.join(dir, 'tables/main-indicators.yaml'), line: cellLine(dir, 'main-indicators', 'actual: 1480亿元') });
  });

  it('the same figure written literally and correctly, in 亿元 or in 万元, is verified', () => {
    for (const literal of ['**1480**亿元', '**14800000**万元']) {
      const { dir, c, found } = mutate(REVIEW, RETAIL, literal);
      expect(found).toEqual([]);
      expect(statusAt(c, path.join(dir, REVIEW), literal.slice(2, -4))?.status).toBe('verified');
    }
  });

  it('亿元 → 万元 on a literal figure: 1480万元 is not 1480亿元', () => {
    const { dir, found } = mutate(REVIEW, RETAIL, '**1480**万元');
    expect(found.map((f) => [f.place.line, f.place.column])).toEqual([
      [where(path.join(dir, REVIEW), '1480**万元').line, where(path.join(dir, REVIEW), '1480**万元').column],
    ]);
  });

  it('a total stated by its subject: 六大产业实现税收总收入 is the total of 表2', () => {
    const { dir, found } = mutate(REVIEW, SIX_TAX, '**638.98**亿元');
    expect(found).toHaveLength(1);
    expect(found[0].place).toMatchObject(where(path.join(dir, REVIEW), '638.98'));
    expect(found[0].other).toMatchObject({ file: path.join(dir, 'tables/industry-tax.yaml'), line: cellLine(dir, 'industry-tax', 'tax: 638.89') });
  });

  it("合计 after a part's name states the declared total of its sum: 商贸服务业等合计…", () => {
    const bad = mutate(REVIEW, `全年六大产业实现税收总收入${SIX_TAX}`, '全年商贸服务业等产业合计实现税收总收入**638.98**亿元');
    expect(bad.found).toHaveLength(1);
    expect(bad.found[0].place).toMatchObject(where(path.join(bad.dir, REVIEW), '638.98'));
    expect(bad.found[0].other).toMatchObject({ file: path.join(bad.dir, 'tables/industry-tax.yaml'), line: cellLine(bad.dir, 'industry-tax', 'tax: 638.89') });
    const good = mutate(REVIEW, `全年六大产业实现税收总收入${SIX_TAX}`, '全年商贸服务业等产业合计实现税收总收入**638.89**亿元');
    expect(good.found).toEqual([]);
    expect(statusAt(good.c, path.join(good.dir, REVIEW), '638.89')?.status).toBe('verified');
    // Without 合计 the same figure names the part row, 商贸服务业 (280.01亿元).
    expect(mutate(REVIEW, `全年六大产业实现税收总收入${SIX_TAX}`, '全年商贸服务业实现税收总收入**638.89**亿元').found[0]?.expected).toBe('280.01亿元');
  });

  it('个百分点 → %: a share written in percentage points is an error; the rounded share is verified', () => {
    const bad = mutate(REVIEW, SIX_SHARE, '**80.7**个百分点');
    expect(bad.found).toHaveLength(1);
    expect(bad.found[0].message).toContain('percentage points are not a percentage');
    expect(bad.found[0].place).toMatchObject(where(path.join(bad.dir, REVIEW), '80.7**个'));
    const good = mutate(REVIEW, SIX_SHARE, '**80.7%**');
    expect(good.found).toEqual([]);
    expect(statusAt(good.c, path.join(good.dir, REVIEW), '80.7%')?.status).toBe('verified');
    expect(mutate(REVIEW, SIX_SHARE, '**80.6%**').found).toHaveLength(1);
  });

  it('a plan-year sentence compares with 表7, not with 表1', () => {
    const wrong = mutate(TASKS, INVESTMENT_2023, '增长**8%**');
    expect(wrong.found).toHaveLength(1);
    expect(wrong.found[0].other?.line).toBe(cellLine(wrong.dir, 'plan-targets', 'target: 增长6%'));
    expect(wrong.found[0].other?.file).toBe(path.join(wrong.dir, 'tables/plan-targets.yaml'));
    const right = mutate(TASKS, INVESTMENT_2023, '增长**6%**');
    expect(right.found).toEqual([]);
    expect(statusAt(right.c, path.join(right.dir, TASKS), '6%**')?.detail).toContain('表7');
  });

  it('a qualified target compares with its qualifier: 6%以上 is not the target 增长6%', () => {
    const { dir, found } = mutate(TASKS, INVESTMENT_2023, '增长**6%以上**');
    expect(found).toHaveLength(1);
    expect(found[0].place.line).toBe(where(path.join(dir, TASKS), '6%以上').line);
  });

  it('亿元 → 万元 after a {bare} data reference: the unit no longer matches the cell', () => {
    const { dir, found } = mutate(REVIEW, RETAIL, RETAIL.replace('亿元', '万元'));
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ expected: '亿元', actual: '万元', place: where(path.join(dir, REVIEW), '**万元', 2) });
    expect(found[0].other?.line).toBe(cellLine(dir, 'main-indicators', 'actual: 1480亿元'));
  });

  it('a table cell changed to 万元: the {bare} reference in the prose is followed by the wrong unit', () => {
    const { dir, found } = mutate('tables/main-indicators.yaml', 'actual: 1480亿元', 'actual: 14800000万元');
    expect(found).toHaveLength(1);
    expect(found[0].place).toMatchObject({ file: path.join(dir, REVIEW), line: where(path.join(dir, REVIEW), RETAIL).line });
    expect(found[0].other).toMatchObject({ file: path.join(dir, 'tables/main-indicators.yaml'), line: cellLine(dir, 'main-indicators', '14800000万元') });
  });
});
