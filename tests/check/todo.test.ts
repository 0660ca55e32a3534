/**
 * Rule `todo`: a table marked `stale: true` and a figure cell written `[x]`
 * or left empty are warnings that say this year's figure is still needed.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { copySample, edit, lineOf, SAMPLE } from '../helpers.js';
import { at, byRule, checkDir } from './check-helpers.js';

const RULE = 'todo';

describe('todo', () => {
  it('the sample has nothing left to do, and every figure cell was looked at', () => {
    const c = checkDir(SAMPLE);
    expect(byRule(c, RULE)).toEqual([]);
    const cells = c.edition.tables.flatMap((t) =>
      t.rows.flatMap((r) => t.columns.filter((col) => col.kind === 'number' || col.kind === 'value').filter((col) => r.cells[col.id])),
    ).length;
    expect(cells).toBeGreaterThan(30);
    // Every figure cell, every chart (stale or not) and the three placeholder fields (date, session zh/en).
    expect(c.stats[RULE]).toBe(cells + c.edition.figures.length + 3);
  });

  it('a table marked stale: warning at the table', () => {
    const dir = copySample();
    const file = path.join(dir, 'tables', 'industry-tax.yaml');
    edit(file, 'id: industry-tax\n', 'id: industry-tax\nstale: true\n');
    const found = byRule(checkDir(dir), RULE);
    expect(found.map(at)).toEqual([`${file}:1:1`]);
    expect(found[0].severity).toBe('warning');
    expect(found[0].message).toContain("needs this year's figures");
  });

  it("a value cell written '[x]': warning at the cell", () => {
    const dir = copySample();
    const file = path.join(dir, 'tables', 'plan-targets.yaml');
    edit(file, 'target: 450件', "target: '[x]'");
    expect(byRule(checkDir(dir), RULE).map(at)).toEqual([`${file}:${lineOf(file, "target: '[x]'")}:5`]);
  });

  it('a number cell left empty loads and is a warning at the cell', () => {
    const dir = copySample();
    const tax = path.join(dir, 'tables', 'belt-tax.yaml');
    edit(tax, 'share: 11.90', "share: ''");
    const found = byRule(checkDir(dir), RULE);
    expect(found.map(at)).toEqual([`${tax}:${lineOf(tax, "share: ''")}:5`]);
  });
});
