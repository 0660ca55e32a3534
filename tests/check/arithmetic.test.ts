/**
 * Rule `table-arithmetic` on the sample and on mutated copies of it: totals
 * add up within rounding, shares equal part ÷ base, and a change beyond
 * rounding is an error at the cell to edit.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { addDec, formatDec, parseDec } from '../../src/quantity/decimal.js';
import { copySample, edit, lineOf, SAMPLE } from '../helpers.js';
import { at, byRule, checkDir } from './check-helpers.js';

const RULE = 'table-arithmetic';

describe('table-arithmetic on the sample', () => {
  const c = checkDir(SAMPLE);
  const found = byRule(c, RULE);

  it('raises no error', () => {
    expect(found.filter((f) => f.severity === 'error').map(at)).toEqual([]);
  });

  it("notes Table 4's total as a rounding difference, with the arithmetic", () => {
    const belt = c.edition.tables.find((t) => t.id === 'belt-tax')!;
    const parts = belt.rows.filter((r) => r.id !== 'total').map((r) => r.cells.tax.quantity!.digits);
    const total = belt.rows.find((r) => r.id === 'total')!.cells.tax;
    const sum = formatDec(parts.map(parseDec).reduce(addDec));
    expect(sum).not.toBe(total.quantity!.digits);
    const note = found.find((f) => f.place.line === total.place.line && f.place.file === total.place.file);
    expect(note?.severity).toBe('warning');
    expect(note?.message).toContain(`${parts.join(' + ')} = ${sum}; the total reads ${total.quantity!.digits}`);
    expect(note?.message).toContain('within rounding of 4 terms');
    expect(note?.other?.file).toBe(belt.file);
  });

  it('reports only rounding warnings, each in a table with a relation', () => {
    for (const f of found) {
      expect(f.severity).toBe('warning');
      expect(f.message).toMatch(/within (the )?rounding/);
    }
  });

  it('examines every cell of every relation', () => {
    let cells = 0;
    for (const t of c.edition.tables) {
      for (const rel of t.relations) {
        if (rel.kind === 'sum')
          for (const col of rel.columns) cells += [rel.total, ...rel.parts].filter((id) => t.rows.find((r) => r.id === id)?.cells[col]?.quantity).length;
        else if (rel.kind === 'share') cells += t.rows.filter((r) => r.cells[rel.column]?.quantity && r.cells[rel.part]?.quantity).length;
      }
    }
    expect(cells).toBeGreaterThan(20);
    expect(c.stats[RULE]).toBeGreaterThanOrEqual(cells);
  });

  it('records exact sums as verified', () => {
    const tax = c.edition.tables.find((t) => t.id === 'industry-tax')!;
    const totalCell = tax.rows.find((r) => r.id === 'total')!.cells.tax;
    expect(c.figures.some((s) => s.ruleId === RULE && s.status === 'verified' && s.place.line === totalCell.place.line && s.place.file === tax.file)).toBe(
      true,
    );
  });
});

describe('table-arithmetic mutations', () => {
  /** Copies the sample, edits one table file, returns the rule's findings and the file. */
  function mutated(table: string, from: string | RegExp, to: string) {
    const dir = copySample();
    const file = path.join(dir, 'tables', `${table}.yaml`);
    edit(file, from, to);
    return { file, found: byRule(checkDir(dir), RULE) };
  }

  it('one part of a total changed: error at the total', () => {
    const { file, found } = mutated('belt-tax', 'tax: 94.21', 'tax: 95.21');
    const errors = found.filter((f) => f.severity === 'error');
    const line = lineOf(file, 'tax: 571.38');
    expect(errors.some((f) => f.place.line === line && f.place.file === file && /571\.38/.test(f.message))).toBe(true);
  });

  it('a total changed: error at that total, with the sum of the parts expected', () => {
    const { file, found } = mutated('industry-tax', 'tax: 638.89', 'tax: 683.89');
    const line = lineOf(file, 'tax: 683.89');
    const e = found.find((f) => f.severity === 'error' && f.place.line === line);
    expect(e, found.map(at).join('\n')).toBeDefined();
    expect(e!.expected).toBe('638.89');
    expect(e!.actual).toBe('683.89');
  });

  it('one share changed: error at the share cell (part ÷ base) and at the share total', () => {
    const { file, found } = mutated('industry-tax', 'share: 16.97', 'share: 17.97');
    const errors = found.filter((f) => f.severity === 'error');
    expect(errors.some((f) => f.place.line === lineOf(file, 'share: 17.97') && /÷ 791\.7/.test(f.message))).toBe(true);
    expect(errors.some((f) => f.place.line === lineOf(file, 'share: 80.70'))).toBe(true);
  });

  it('a part off by one unit in its last place: a rounding warning, not an error', () => {
    const { file, found } = mutated('industry-tax', 'tax: 280.01', 'tax: 280.02');
    expect(found.filter((f) => f.severity === 'error').map(at)).toEqual([]);
    expect(found.some((f) => f.severity === 'warning' && f.place.file === file && f.place.line === lineOf(file, 'tax: 638.89'))).toBe(true);
  });

  it('the share base 亿元 → 万元: every share is an error', () => {
    const { file, found } = mutated('belt-tax', 'base: 791.7亿元', 'base: 791.7万元');
    const shareLines = ['share: 47.31', 'share: 11.90', 'share: 12.97', 'share: 72.17'].map((s) => lineOf(file, s));
    for (const line of shareLines) expect(found.some((f) => f.severity === 'error' && f.place.line === line)).toBe(true);
  });

  it('the share base in another dimension (%): an error at the relation', () => {
    const { file, found } = mutated('belt-tax', 'base: 791.7亿元', 'base: 791.7%');
    expect(found.some((f) => f.severity === 'error' && f.place.line === lineOf(file, 'base: 791.7%'))).toBe(true);
  });
});
