/**
 * The open data: one tidy CSV per annex table and a datapackage.json that
 * frictionlessdata's own validator (datapackage-js, the Data Package and
 * Table Schema profiles it ships) accepts, the CSV data included; its figures
 * equal the workbook's and the YAML's; the bytes are the same every build.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Package, validate } from 'datapackage';
import ExcelJS from 'exceljs';
import { parse as parseYaml } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { run } from '../../src/cli/run.js';
import { renderCsv } from '../../src/render/csv/index.js';
import { renderXlsx } from '../../src/render/xlsx/index.js';
import { captureIo, copySample, edit, tempDir } from '../helpers.js';
import { readCsvRecords } from './parse-csv.js';
import { sampleEdition } from '../xlsx/fixture.js';

const edition = sampleEdition();
let dir: string;

beforeAll(() => {
  dir = tempDir();
  renderCsv(edition, dir);
});

describe('open data', () => {
  it('holds one CSV per annex table, UTF-8 without a byte-order mark, and a datapackage.json listing them', () => {
    const files = fs.readdirSync(path.join(dir, 'data')).sort();
    const tables = edition.tables.filter((t) => t.number > 0);
    expect(files).toEqual([...tables.map((t) => `${t.id}.csv`), 'datapackage.json'].sort());
    const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'data', 'datapackage.json'), 'utf8'));
    expect(pkg.resources.map((r: { path: string }) => r.path).sort()).toEqual(tables.map((t) => `${t.id}.csv`).sort());
    for (const f of files.filter((n) => n.endsWith('.csv'))) {
      const bytes = fs.readFileSync(path.join(dir, 'data', f));
      expect(bytes.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf])), f).toBe(false);
      expect(new TextDecoder('utf-8', { fatal: true }).decode(bytes).length, f).toBeGreaterThan(0);
    }
  });

  it("is a valid Tabular Data Package, and every row casts to its table schema (frictionless' validator)", async () => {
    const descriptor = JSON.parse(fs.readFileSync(path.join(dir, 'data', 'datapackage.json'), 'utf8'));
    const report = await validate(descriptor);
    expect(report.errors.map(String)).toEqual([]);
    expect(report.valid).toBe(true);
    const pkg = await Package.load(descriptor, { basePath: path.join(dir, 'data'), strict: true });
    expect(pkg.valid).toBe(true);
    let figures = 0;
    for (const r of pkg.resources) {
      expect(r.tabular, r.name).toBe(true);
      const rows = await r.read({ keyed: true, cast: true });
      expect(rows.length, r.name).toBe(readCsvRecords(path.join(dir, 'data', `${r.name}.csv`)).length);
      figures += rows.filter((row) => typeof row.value === 'number').length;
      // The codes read as missing values, never as text in a number field.
      for (const row of rows) expect(row.value === null || typeof row.value === 'number', `${r.name}/${String(row.row)}`).toBe(true);
    }
    const quantities = edition.tables.filter((t) => t.number > 0).flatMap((t) => t.rows.flatMap((r) => Object.values(r.cells).filter((c) => c.quantity)));
    expect(figures).toBe(quantities.length);
    expect(figures).toBeGreaterThan(30);
  });

  it('the validator is not a rubber stamp: a figure that is not a number, or a descriptor without fields, fails', async () => {
    const bad = tempDir();
    fs.cpSync(path.join(dir, 'data'), bad, { recursive: true });
    const file = path.join(bad, 'main-indicators.csv');
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace(',0.34,', ',zero point three four,'));
    const descriptor = JSON.parse(fs.readFileSync(path.join(bad, 'datapackage.json'), 'utf8'));
    const pkg = await Package.load(descriptor, { basePath: bad });
    await expect(pkg.resources.find((r) => r.name === 'main-indicators')!.read({ cast: true })).rejects.toThrow();
    descriptor.resources[0].schema.fields = [{ name: 'value', type: 'no-such-type' }];
    expect((await validate(descriptor)).valid).toBe(false);
  });

  it('states each figure as the YAML writes it and as the workbook stores it', async () => {
    const xlsx = path.join(dir, 'tables.xlsx');
    await renderXlsx(edition, xlsx);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(xlsx);
    let compared = 0;
    for (const t of edition.tables.filter((t) => t.number > 0 && !t.columns.some((c) => c.kind === 'list'))) {
      const yaml = parseYaml(fs.readFileSync(t.file, 'utf8')) as { rows: Record<string, unknown>[] };
      const csv = readCsvRecords(path.join(dir, 'data', `${t.id}.csv`));
      const ws = wb.getWorksheet(`表${t.number}`)!;
      const headerRow = (ws.views[0] as ExcelJS.WorksheetViewFrozen).ySplit!;
      const headers = Array.from(ws.getRow(headerRow).values as unknown[], (v) => String(v ?? ''));
      for (const col of t.columns.filter((c) => c.kind === 'number' || c.kind === 'value')) {
        const j = headers.findIndex((h) => h.startsWith(col.kind === 'value' ? `${col.header.zh}：数值` : col.header.zh));
        yaml.rows.forEach((raw, i) => {
          const rec = csv.find((r) => r.row === raw.id && r.column === col.id)!;
          expect(rec, `${t.id}/${String(raw.id)}/${col.id}`).toBeDefined();
          const v = raw[col.id];
          const zh = typeof v === 'string' || typeof v === 'number' ? String(v) : Array.isArray(v) ? '[x]' : String((v as { zh: string }).zh);
          const numbers = (zh.match(/-?\d+(?:\.\d+)?/g) ?? []).map(Number);
          const cell = j < 0 ? undefined : ws.getCell(headerRow + 1 + i, j).value;
          const where = `${t.id}/${String(raw.id)}/${col.id}`;
          if (zh === '[x]' || zh === '') expect(rec.value, where).toBe('[x]');
          else if (!numbers.length) expect(rec.value, where).toBe('[z]');
          else {
            expect(numbers, `${where}: the CSV's ${rec.value} is a number the YAML writes`).toContain(Number(rec.value));
            expect(cell, `${where}: workbook`).toBe(Number(rec.value));
            compared++;
          }
          if (cell !== undefined && typeof cell !== 'number') expect(cell, where).toBe(rec.value);
        });
      }
    }
    expect(compared).toBeGreaterThan(30);
  });

  it('gives both languages, the unit and the qualifier of a figure, and the note of its row', () => {
    const main = readCsvRecords(path.join(dir, 'data', 'main-indicators.csv'));
    const t = edition.tables.find((x) => x.id === 'main-indicators')!;
    const investment = main.find((r) => r.row === 'investment' && r.column === 'target')!;
    expect(investment).toMatchObject({
      value: '8',
      unit: '%',
      qualifier_zh: '增长；以上',
      qualifier_en: 'increase; over',
      column_label_zh: '全年预期目标',
      column_label_en: 'Annual target',
    });
    const row = t.rows.find((r) => r.id === 'investment')!;
    expect([investment.row_label_zh, investment.row_label_en]).toEqual([row.cells.indicator.text.zh, row.cells.indicator.text.en]);
    const noted = t.rows.find((r) => Object.values(r.cells).some((c) => c.note))!;
    const note = t.notes.find((n) => n.id === Object.values(noted.cells).find((c) => c.note)!.note)!;
    for (const r of main.filter((m) => m.row === noted.id)) expect([r.note_zh, r.note_en]).toEqual([note.text.zh, note.text.en]);
    expect(main.find((r) => r.row === 'gdp-growth' && r.column === 'actual')).toMatchObject({
      value: '-1.9',
      period_zh: '前三季度',
      period_en: 'first three quarters',
    });
  });

  it('baogao build --format csv writes output/data/, the same bytes on a rebuild', async () => {
    const ed = copySample();
    // A number with a comma and a quote in a note: the CSV quotes it.
    edit(path.join(ed, 'tables', 'main-indicators.yaml'), 'en: In step with the city as a whole', 'en: "In step, \\"as ever\\", with the city"');
    const outs = [tempDir(), tempDir()];
    // The CSV of a table since renamed or dropped goes; other files stay.
    fs.mkdirSync(path.join(outs[0], 'data'));
    fs.writeFileSync(path.join(outs[0], 'data', 'old-table.csv'), 'table\r\n');
    fs.writeFileSync(path.join(outs[0], 'data', 'README.txt'), 'kept');
    for (const out of outs) expect(await run(['build', ed, '--out', out, '--format', 'csv', '--lang', 'zh'], captureIo())).toBe(0);
    expect(fs.existsSync(path.join(outs[0], 'data', 'old-table.csv'))).toBe(false);
    expect(fs.readFileSync(path.join(outs[0], 'data', 'README.txt'), 'utf8')).toBe('kept');
    fs.rmSync(path.join(outs[0], 'data', 'README.txt'));
    const names = fs.readdirSync(path.join(outs[0], 'data')).sort();
    expect(names.length).toBeGreaterThan(5);
    for (const n of names) expect(fs.readFileSync(path.join(outs[1], 'data', n)).equals(fs.readFileSync(path.join(outs[0], 'data', n))), n).toBe(true);
    const rec = readCsvRecords(path.join(outs[0], 'data', 'main-indicators.csv')).find((r) => r.row === 'gdp-growth' && r.column === 'target')!;
    expect(rec.text_en).toBe('In step, "as ever", with the city');
  });
});
