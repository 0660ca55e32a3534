/**
 * Rule `counts`: `有序实施10幅零星地块改造` (tasks chapter) against the
 * projects listed in Table 9's 零星旧里征收改造 row, on the sample and on
 * mutated copies.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { copySample, edit, SAMPLE } from '../helpers.js';
import { at, byRule, checkDir, where } from './check-helpers.js';

const RULE = 'counts';
const PROSE = '有序实施**10**幅零星地块改造';

describe('counts on the sample', () => {
  const c = checkDir(SAMPLE);
  const tasks = path.join(SAMPLE, 'zh', '03-tasks.md');

  it('raises nothing', () => {
    expect(byRule(c, RULE).map(at)).toEqual([]);
  });

  it('ties 10幅零星地块改造 to the 10 listed projects and records it as verified', () => {
    const table = c.edition.tables.find((t) => t.id === 'renewal-tasks')!;
    const items = table.rows.find((r) => r.id === 'scattered-old-lanes')!.cells.tasks.items!;
    const said = Number(/\*\*(\d+)\*\*幅零星/.exec(fs.readFileSync(tasks, 'utf8'))![1]);
    expect(said).toBe(items.length);
    const pos = where(tasks, PROSE, '有序实施**'.length);
    const s = c.figures.find((f) => f.ruleId === RULE && f.place.line === pos.line && f.place.column === pos.column);
    expect(s?.status).toBe('verified');
    expect(s?.detail).toContain(`${items.length} items`);
  });

  it('examines every plain count of things in the chapter that places an enumeration', () => {
    const text = fs.readFileSync(tasks, 'utf8').replace(/:[a-z]+\[[^\]]*\](\{[^}]*\})?/g, '');
    // Whole counts followed by a unit of things and no qualifier: what the rule must at least look at.
    const counts = text.match(/(?<![\d.])\d+(?:\*\*)?(?:幅|个|项|处|条|家|座|栋|幢|所|批)(?!以上|左右|余|多)/g) ?? [];
    expect(counts.length).toBeGreaterThan(20);
    expect(c.stats[RULE]).toBeGreaterThanOrEqual(counts.length);
  });
});

describe('counts mutations', () => {
  function mutated(rel: string, from: string | RegExp, to: string) {
    const dir = copySample();
    edit(path.join(dir, rel), from, to);
    return { dir, c: checkDir(dir) };
  }

  it('the prose count changed: error at the digits, the list cell as the other side', () => {
    const { dir, c } = mutated('zh/03-tasks.md', PROSE, PROSE.replace('10', '11'));
    const file = path.join(dir, 'zh', '03-tasks.md');
    const pos = where(file, '有序实施**11**', '有序实施**'.length);
    const found = byRule(c, RULE);
    expect(found.map(at)).toEqual([`${file}:${pos.line}:${pos.column}`]);
    expect(found[0].severity).toBe('error');
    expect(found[0].expected).toBe('10');
    expect(found[0].actual).toBe('11');
    expect(found[0].other?.file).toBe(path.join(dir, 'tables', 'renewal-tasks.yaml'));
  });

  it('one list item dropped: error at the prose count', () => {
    const { dir, c } = mutated('tables/renewal-tasks.yaml', /\s+- \{ zh: 76街坊零星旧改项目；[^\n]*\}/, '');
    const file = path.join(dir, 'zh', '03-tasks.md');
    const pos = where(file, PROSE, '有序实施**'.length);
    const found = byRule(c, RULE);
    expect(found.map(at)).toEqual([`${file}:${pos.line}:${pos.column}`]);
    expect(found[0].message).toContain('lists 9 items');
  });

  it('one list item added: error at the prose count', () => {
    const { dir, c } = mutated(
      'tables/renewal-tasks.yaml',
      '      - { zh: 胶州路319弄零星旧改项目。',
      '      - { zh: 武定路零星旧改项目；, en: Wuding Road scattered old housing redevelopment project; }\n      - { zh: 胶州路319弄零星旧改项目。',
    );
    const found = byRule(c, RULE);
    expect(found).toHaveLength(1);
    expect(found[0].place.file).toBe(path.join(dir, 'zh', '03-tasks.md'));
    expect(found[0].message).toContain('lists 11 items');
  });

  it('the count unit changed (幅 → 个) is still the same count, and still checked', () => {
    const { c } = mutated('zh/03-tasks.md', PROSE, '有序实施**9**个零星地块改造');
    expect(byRule(c, RULE)).toHaveLength(1);
  });

  it('precision: an unrelated count in the same chapter is not tied to the list', () => {
    const { c } = mutated('zh/03-tasks.md', '新增社区长者食堂**2**家', '新增社区长者食堂**3**家');
    expect(byRule(c, RULE).map(at)).toEqual([]);
  });

  it('precision: a qualified count (10幅以上) is a target, not an enumeration count', () => {
    const { c } = mutated('zh/03-tasks.md', PROSE, '有序实施**12**幅以上零星地块改造');
    expect(byRule(c, RULE).map(at)).toEqual([]);
  });
});
