/**
 * What each figure of a clause is, by its words: the two sentences,
 * where the old matching compared the result with the plan cell and a
 * percent of plan with a share column.
 */
import { describe, expect, it } from 'vitest';
import { figureRole, rolesAgree } from '../../src/check/clause-roles.js';
import { scanZh } from '../../src/quantity/parse-zh.js';

const roles = (text: string) =>
  scanZh(text).map((f) => [`${f.quantity.digits}${f.quantity.unit}`, figureRole(text, f.index, f.quantity.unit, f.quantity.direction !== undefined)]);

describe('figureRole', () => {
  it('tells result, plan, percent of plan and growth apart in one clause', () => {
    expect(roles('固定资产投资300亿元，完成年计划385亿元的77.9%，下降18.4%')).toEqual([
      ['300亿元', 'result'],
      ['385亿元', 'plan'],
      ['77.9%', 'percent-of-plan'],
      ['18.4%', 'growth'],
    ]);
  });

  it('reads the plan in its own clause and the percentage without 的', () => {
    expect(roles('基础设施项目39宗，年度计划投资57.82亿元，完成投资5.65亿元，完成年度计划9.78%')).toEqual([
      ['39宗', 'result'],
      ['57.82亿元', 'plan'],
      ['5.65亿元', 'result'],
      ['9.78%', 'percent-of-plan'],
    ]);
  });

  it('a plan of growth is a plan', () => {
    expect(roles('年计划增长8%，实际增长7.7%')).toEqual([
      ['8%', 'plan'],
      ['7.7%', 'growth'],
    ]);
  });

  it('a rate with no role word has none; 比上年 and 同比 make a growth', () => {
    expect(roles('R&D占GDP比重达到4.51%，同比增长3.3%，比上年提高0.6个百分点')).toEqual([
      ['4.51%', undefined],
      ['3.3%', 'growth'],
      ['0.6个百分点', 'growth'],
    ]);
  });
});

describe('rolesAgree', () => {
  it('a percent of plan is never compared with a column of no role (a share of GDP)', () => {
    expect(rolesAgree('percent-of-plan', undefined, true)).toBe(false);
    expect(rolesAgree('percent-of-plan', 'percent-of-plan', true)).toBe(true);
  });

  it('a result is not compared with the plan, but may match a column of no role', () => {
    expect(rolesAgree('result', 'plan', true)).toBe(false);
    expect(rolesAgree('result', undefined, true)).toBe(true);
  });

  it('tables without a ratio relation keep the plain matching', () => {
    expect(rolesAgree('result', 'plan', false)).toBe(true);
    expect(rolesAgree(undefined, 'plan', true)).toBe(true);
  });
});
