/**
 * Rule `carry-over`: the sample is taken as the previous edition, and a next
 * edition is built from it whose Table 1 targets are the sample's Table 7
 * (plan-targets) targets. That pair must agree; one mutation on either side
 * must be an error at this edition's target cell.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isMap, isScalar, parseDocument, type YAMLMap } from 'yaml';
import { copySample, edit, lineOf, SAMPLE } from '../helpers.js';
import { at, byRule, checkDir } from './check-helpers.js';

const RULE = 'carry-over';

/**
 * A next edition: the sample with each figure target of plan-targets copied
 * into main-indicators. Text targets (完成市下达目标) keep this edition's
 * wording with the city's figure in brackets, as the sample's Table 1 does.
 */
function nextEdition(): string {
  const dir = copySample();
  const planDoc = parseDocument(fs.readFileSync(path.join(SAMPLE, 'tables', 'plan-targets.yaml'), 'utf8'));
  const file = path.join(dir, 'tables', 'main-indicators.yaml');
  const doc = parseDocument(fs.readFileSync(file, 'utf8'));
  const planRows = (planDoc.get('rows') as { items: YAMLMap[] }).items;
  const rows = (doc.get('rows') as { items: YAMLMap[] }).items;
  for (const row of rows) {
    const plan = planRows.find((r) => r.get('id') === row.get('id'));
    const target: unknown = plan?.get('target', true);
    if (isScalar(target)) row.set('target', target.clone());
    else if (isMap(target)) {
      const zh = String(target.get('zh'));
      const now: unknown = row.get('target', true);
      const kept = isMap(now) && String(now.get('zh')).startsWith(zh);
      if (!kept) row.set('target', target.clone());
    }
  }
  fs.writeFileSync(file, String(doc));
  return dir;
}

describe('carry-over', () => {
  it('without --previous examines nothing and says nothing', () => {
    const c = checkDir(SAMPLE);
    expect(byRule(c, RULE)).toEqual([]);
    expect(c.stats[RULE]).toBe(0);
  });

  it('control: the next edition carries the previous plan over exactly', () => {
    const dir = nextEdition();
    const c = checkDir(dir, SAMPLE);
    expect(byRule(c, RULE).map((f) => `${at(f)} ${f.message}`)).toEqual([]);
    const table = c.edition.tables.find((t) => t.id === 'main-indicators')!;
    const targets = table.rows.filter((r) => r.cells.target).length;
    expect(targets).toBe(c.edition.tables.find((t) => t.id === 'plan-targets')!.rows.length);
    expect(c.stats[RULE]).toBeGreaterThanOrEqual(targets);
    expect(c.figures.filter((s) => s.ruleId === RULE && s.status === 'verified')).toHaveLength(targets);
  });

  it("the sample's own 2022 targets differ from its 2023 plan where the texts differ", () => {
    const c = checkDir(SAMPLE, SAMPLE);
    const exec = c.edition.tables.find((t) => t.id === 'main-indicators')!;
    const plan = c.edition.tables.find((t) => t.id === 'plan-targets')!;
    const differing = exec.rows.filter((r) => {
      const a = r.cells.target.text.zh;
      const b = plan.rows.find((p) => p.id === r.id)!.cells.target.text.zh;
      return a !== b && !a.startsWith(`${b}（`);
    });
    expect(differing.length).toBeGreaterThan(0);
    expect(
      byRule(c, RULE)
        .map((f) => f.place.line)
        .sort((x, y) => x - y),
    ).toEqual(differing.map((r) => r.cells.target.place.line).sort((x, y) => x - y));
  });

  it("this year's target changed: error at this edition's cell, the previous cell as the other side", () => {
    const dir = nextEdition();
    const file = path.join(dir, 'tables', 'main-indicators.yaml');
    edit(file, 'target: 1600亿元', 'target: 1650亿元');
    const found = byRule(checkDir(dir, SAMPLE), RULE);
    expect(found.map(at)).toEqual([`${file}:${lineOf(file, 'target: 1650亿元')}:5`]);
    expect(found[0].severity).toBe('error');
    const prev = path.join(SAMPLE, 'tables', 'plan-targets.yaml');
    expect(found[0].other).toMatchObject({ file: prev, line: lineOf(prev, 'target: 1600亿元') });
  });

  it("last year's plan changed: error at this edition's cell", () => {
    const dir = nextEdition();
    const prev = copySample();
    edit(path.join(prev, 'tables', 'plan-targets.yaml'), 'target: 3%', 'target: 4%');
    const file = path.join(dir, 'tables', 'main-indicators.yaml');
    const found = byRule(checkDir(dir, prev), RULE);
    expect(found.map(at)).toEqual([`${file}:${lineOf(file, 'target: 3%')}:5`]);
  });

  it('a qualifier dropped (5%左右 → 5%): error', () => {
    const dir = nextEdition();
    const file = path.join(dir, 'tables', 'main-indicators.yaml');
    edit(file, 'target: 5%左右', 'target: 5%');
    expect(byRule(checkDir(dir, SAMPLE), RULE).map(at)).toEqual([`${file}:${lineOf(file, 'target: 5%')}:5`]);
  });

  it('a unit changed (520亿元 → 520万元): error', () => {
    const dir = nextEdition();
    const file = path.join(dir, 'tables', 'main-indicators.yaml');
    edit(file, 'target: 520亿元', 'target: 520万元');
    expect(byRule(checkDir(dir, SAMPLE), RULE).map(at)).toEqual([`${file}:${lineOf(file, 'target: 520万元')}:5`]);
  });

  it('a row of the plan missing from this edition: error naming the row', () => {
    const dir = nextEdition();
    const prev = copySample();
    edit(
      path.join(prev, 'tables', 'plan-targets.yaml'),
      /  - id: elevators[\s\S]*$/,
      '  - id: elevators\n    indicator: { zh: 既有多层住宅加装电梯（开工）, en: Elevators }\n    target: 500台\n  - id: new-row\n    indicator: { zh: 新指标, en: New indicator }\n    target: 10%\n',
    );
    const found = byRule(checkDir(dir, prev), RULE);
    expect(found).toHaveLength(1);
    expect(found[0].message).toContain('"new-row"');
  });
});
