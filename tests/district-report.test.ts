/**
 * The district-report fixture (tests/fixtures/district-report, real passages
 * of two district publications outside Shanghai): a ratio sentence, a "—"
 * plan cell, a percent-of-plan column with its relation and a point
 * difference load, check clean, render as printed and export codes.
 */
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { JSDOM } from 'jsdom';
import { beforeAll, describe, expect, it } from 'vitest';
import { build } from '../src/build.js';
import { at, byRule, checkDir, where } from './check/check-helpers.js';
import { TEMPLATES, tempDir } from './helpers.js';

const FIXTURE = path.join(path.dirname(new URL(import.meta.url).pathname), 'fixtures', 'district-report');
const ZH = path.join(FIXTURE, 'zh', '01-review.md');

describe('the district-report fixture', () => {
  const c = checkDir(FIXTURE);

  it('checks clean: no errors, no warnings', () => {
    expect(c.findings.filter((f) => f.severity !== 'info').map((f) => `${at(f)} ${f.message}`)).toEqual([]);
  });

  it('reads the ratio, the percent of plan and the point difference as figures', () => {
    for (const id of ['ratios', 'percent-of-plan', 'point-difference']) expect(c.stats[id], id).toBeGreaterThan(0);
    const status = (needle: string, offset = 0) => {
      const p = where(ZH, needle, offset);
      return c.figures.filter((s) => s.place.file === ZH && s.place.line === p.line && s.place.column === p.column).map((s) => `${s.ruleId}:${s.status}`);
    };
    // Each part of this year's structure is the industry's share of GDP in 表1.
    for (const [k, part] of ['8.3', '71.1', '20.6'].entries())
      expect(status(`8.3:71.1:20.6`, ['', '8.3:', '8.3:71.1:'][k].length), part).toContain('ratios:verified');
    expect(status('16.22%')).toEqual(expect.arrayContaining(['percent-of-plan:verified', 'prose-vs-table:verified']));
    expect(status('3.82个百分点')).toContain('point-difference:verified');
    // 完成投资5.65亿元 follows the plan 57.82亿元 in the same unit and still pairs with the result column.
    expect(status('5.65亿元')).toContain('prose-vs-table:verified');
  });

  it('the "—" plan cell is not applicable: no TODO, skipped by the relation', () => {
    const table = c.edition.tables.find((t) => t.id === 'key-projects')!;
    const cell = table.rows.find((r) => r.id === 'all')!.cells.plan;
    expect(cell.notApplicable).toBe(true);
    expect(cell.quantity).toBeUndefined();
    expect(byRule(c, 'todo')).toEqual([]);
    // The rounding the report's own percentages carry is a note at the cell, not a fault.
    expect(byRule(c, 'table-arithmetic').map((f) => [f.severity, f.place.line])).toEqual([
      ['info', 15],
      ['info', 27],
    ]);
  });
});

describe('the district-report fixture, built', () => {
  let out: string;
  beforeAll(async () => {
    out = path.join(tempDir(), 'output');
    await build({ edition: FIXTURE, out, langs: ['zh', 'en'], formats: ['html', 'xlsx'], force: false, templates: TEMPLATES });
  });
  const doc = (rel: string) => new JSDOM(fs.readFileSync(path.join(out, rel), 'utf8')).window.document;

  it.each(['zh', 'en'])('%s: prints the ratio as written and — in the cell with no plan', (lang) => {
    const d = doc(`${lang}/index.html`);
    const text = [...d.querySelectorAll('main p, p')].map((p) => p.textContent ?? '').join('\n');
    expect(text).toContain('9.4:66.8:23.8');
    expect(text).toContain('8.3:71.1:20.6');
    const rows = [...d.querySelectorAll('#table-key-projects tbody tr')];
    const last = [...rows[rows.length - 1].querySelectorAll('th, td')].map((td) => td.textContent);
    expect(last[2]).toBe('—');
    expect(last[3]).toBe('17.41');
    // No session line is given, so the cover prints none.
    expect(d.querySelector('.cover-session')).toBeNull();
    expect(d.querySelector('.cover-title')).not.toBeNull();
  });

  it('exports — as the code [z] and keeps the other figures numbers', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path.join(out, 'tables.xlsx'));
    const ws = wb.getWorksheet('表2')!;
    const values = (r: number) => (ws.getRow(r).values as unknown[]).slice(1);
    let header = 0;
    ws.eachRow((row, n) => {
      if (!header && (row.values as unknown[]).some((v) => typeof v === 'string' && v.startsWith('年度计划投资'))) header = n;
    });
    expect(header).toBeGreaterThan(0);
    const plan = values(header).findIndex((v) => typeof v === 'string' && v.startsWith('年度计划投资'));
    const rows = [1, 2, 3, 4].map((k) => values(header + k)[plan]);
    expect(rows).toEqual([57.82, 62.45, 13.84, '[z]']);
    // The cover explains the code.
    const cover = wb.worksheets[0].getColumn(1).values.join('\n');
    expect(cover).toContain('[z]');
    expect(cover).toContain('—');
  });
});
