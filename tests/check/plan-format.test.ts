/**
 * The format's forms for reports beyond the sample: the not-applicable cell
 * (— or [z]), the difference relation, an optional session line, citation
 * notes on request, and `check --format json` when the edition does not load.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../../src/cli/run.js';
import { loadEdition } from '../../src/load/index.js';
import type { CheckJson } from '../../src/report/check-json.js';
import { captureIo, edit, tempDir } from '../helpers.js';
import { byRule, checkDir, where } from './check-helpers.js';

const FIXTURE = path.join(path.dirname(new URL(import.meta.url).pathname), '..', 'fixtures', 'district-report');

function copy(): { dir: string; table: string; meta: string } {
  const dir = path.join(tempDir(), 'edition');
  fs.cpSync(FIXTURE, dir, { recursive: true });
  return { dir, table: path.join(dir, 'tables', 'key-projects.yaml'), meta: path.join(dir, 'edition.yaml') };
}

describe('not-applicable cells', () => {
  it.each(['—', '[z]', "'[z]'", '——'])('%s loads as not applicable, printed —', (written) => {
    const e = copy();
    if (written !== '—') edit(e.table, 'plan: —', `plan: ${written}`);
    const loaded = loadEdition(e.dir);
    expect(loaded.findings.filter((f) => f.severity === 'error')).toEqual([]);
    const cell = loaded.edition!.tables.find((t) => t.id === 'key-projects')!.rows.find((r) => r.id === 'all')!.cells.plan;
    expect(cell).toMatchObject({ notApplicable: true, text: { zh: '—', en: '—' } });
  });

  it('a hyphen is not a number, and the error says how to write —', () => {
    const e = copy();
    edit(e.table, 'plan: —', 'plan: "-"');
    const errors = loadEdition(e.dir).findings.filter((f) => f.severity === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ ruleId: 'load/not-a-number', place: { file: e.table, ...where(e.table, 'plan: "-"') } });
    expect(errors[0].message).toContain('write — (an em dash) where no figure applies');
  });

  it('[x] stays a TODO; — is none', () => {
    const e = copy();
    edit(e.table, 'plan: —', "plan: '[x]'");
    expect(byRule(checkDir(e.dir), 'todo').map((f) => f.place.line)).toEqual([where(e.table, "plan: '[x]'").line]);
  });
});

describe('difference relation', () => {
  it('checks column = minuend − subtrahend row by row, at the difference cell', () => {
    const e = copy();
    // A gap column of the key-projects table: percent of plan minus the time schedule of the total row's sentence.
    edit(
      e.table,
      '  - { id: of-plan,',
      '  - { id: schedule, kind: number, unit: "%", header: { zh: 时序进度（%）, en: Time schedule (%) } }\n  - { id: gap, kind: number, unit: 个百分点, header: { zh: 比时序进度（百分点）, en: Against the schedule (points) } }\n  - { id: of-plan,',
    );
    for (const row of ['infrastructure', 'industry', 'livelihood']) edit(e.table, new RegExp(`(id: ${row}\\n(?:.*\\n){5})`), '$1    schedule: —\n    gap: —\n');
    edit(e.table, 'of-plan: 12.85\n', 'of-plan: 12.85\n    schedule: 16.67\n    gap: -3.82\n');
    edit(e.table, 'relations:\n', 'relations:\n  - { kind: difference, column: gap, minuend: of-plan, subtrahend: schedule }\n');
    const c = checkDir(e.dir);
    expect(byRule(c, 'table-arithmetic').filter((f) => f.severity === 'error')).toEqual([]);
    const p = where(e.table, 'gap: -3.82');
    expect(c.figures.find((s) => s.place.line === p.line && s.ruleId === 'table-arithmetic')?.status).toBe('verified');
    edit(e.table, 'gap: -3.82', 'gap: -3.28');
    const [f, ...rest] = byRule(checkDir(e.dir), 'table-arithmetic').filter((x) => x.severity === 'error');
    expect(rest).toEqual([]);
    expect(f).toMatchObject({ place: { file: e.table, ...where(e.table, 'gap: -3.28') }, expected: '-3.82', actual: '-3.28' });
    expect(f.message).toContain('12.85 − 16.67 = -3.82');
  });
});

describe('a gap in the prose against a difference relation', () => {
  it("高于全市平均水平5.7个百分点 equals the row's growth − the city's, when the table holds both", () => {
    const e = copy();
    const gdp = path.join(e.dir, 'tables', 'gdp.yaml');
    // The city's average growth the sentence implies (7.7 − 5.7), as a column of a test copy.
    edit(gdp, '\nrows:', '\n  - { id: city, kind: number, unit: "%", header: { zh: 全市增长（%）, en: City growth (%) } }\nrows:');
    for (const [row, v] of [
      ['gdp', '2.0'],
      ['primary', '[x]'],
      ['secondary', '[x]'],
      ['tertiary', '[x]'],
    ])
      edit(gdp, new RegExp(`(- id: ${row}\\n(?:.*\\n){3})`), `$1    city: ${v}\n`);
    edit(gdp, 'relations:\n', 'relations:\n  - { kind: difference, minuend: growth, subtrahend: city }\n');
    const zh = path.join(e.dir, 'zh', '01-review.md');
    const c = checkDir(e.dir);
    expect(byRule(c, 'point-difference')).toEqual([]);
    const p = where(zh, '5.7个百分点');
    expect(c.figures.find((s) => s.ruleId === 'point-difference' && s.place.line === p.line && s.place.column === p.column)?.status).toBe('verified');
    edit(zh, '平均水平5.7个百分点', '平均水平5.2个百分点');
    const [f, ...rest] = byRule(checkDir(e.dir), 'point-difference');
    expect(rest).toEqual([]);
    expect(f).toMatchObject({
      severity: 'error',
      place: { file: zh, ...where(zh, '5.2个百分点') },
      expected: '5.7个百分点',
      other: { file: gdp, ...where(gdp, 'city: 2.0') },
    });
    expect(f.message).toContain('表1 生产总值 · 比上年增长（%） − 表1 生产总值 · 全市增长（%） = 7.7 − 2.0 = 5.7');
  });
});

describe('edition metadata', () => {
  it('loads without a session line; with one, the model carries it', () => {
    const e = copy();
    expect(loadEdition(e.dir).edition!.meta.session).toBeUndefined();
    fs.appendFileSync(e.meta, 'session: { zh: ——（测试会议）, en: (Test session) }\n');
    expect(loadEdition(e.dir).edition!.meta.session).toEqual({ zh: '——（测试会议）', en: '(Test session)' });
  });

  it('notes tables never cited only when require_citations is set', () => {
    const e = copy();
    expect(byRule(checkDir(e.dir), 'references')).toEqual([]);
    fs.appendFileSync(e.meta, 'require_citations: true\n');
    const notes = byRule(checkDir(e.dir), 'references');
    expect(notes.map((f) => [f.severity, f.message.split(' ').slice(0, 2).join(' ')])).toEqual([
      ['info', 'table "gdp"'],
      ['info', 'table "key-projects"'],
    ]);
  });
});

describe('check --format json on an edition that does not load', () => {
  it('prints the load errors as findings and exits 1', async () => {
    const e = copy();
    edit(e.table, 'plan: 57.82', 'plan: 57.82亿');
    const io = captureIo();
    const code = await run(['check', e.dir, '--format', 'json'], io);
    expect(code).toBe(1);
    const json = JSON.parse(io.stdout.join('\n')) as CheckJson;
    expect(json.summary.errors).toBe(1);
    expect(json.findings[0]).toMatchObject({ severity: 'error', ruleId: 'load/not-a-number', place: { file: e.table, ...where(e.table, 'plan: 57.82亿') } });
    expect(io.stderr.join('\n')).toContain('could not be loaded');
  });
});
