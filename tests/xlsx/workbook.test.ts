/**
 * The workbook's structure: sheets and their order, Excel Tables, headers,
 * links, merged cells, properties, views, and the sizes of columns and rows.
 */
import fs from 'node:fs';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cjkWidth } from './expected.js';
import { type Built, buildSample, readPackage } from './fixture.js';

let built: Built;
let wb: ExcelJS.Workbook;
let pkg: Awaited<ReturnType<typeof readPackage>>;

beforeAll(async () => {
  built = await buildSample();
  wb = new ExcelJS.Workbook();
  await wb.xlsx.load(built.bytes as unknown as ArrayBuffer);
  pkg = await readPackage(built.bytes);
});
afterAll(() => fs.rmSync(built.dir, { recursive: true, force: true }));

const tableSheets = () => built.tables.map((t) => `表${t.number}`);

describe('sheets', () => {
  it('come in order: cover, contents, notes, then 表1 … 表N', () => {
    expect(wb.worksheets.map((w) => w.name)).toEqual(['封面 Cover', '目录 Contents', '注释 Notes', ...tableSheets()]);
    expect(built.tables.map((t) => t.number)).toEqual(built.tables.map((_, i) => i + 1));
  });

  it('have unique names of at most 31 characters, and none is blank', () => {
    const names = wb.worksheets.map((w) => w.name);
    expect(new Set(names).size).toBe(names.length);
    for (const ws of wb.worksheets) {
      expect(ws.name.length).toBeLessThanOrEqual(31);
      expect(ws.getCell('A1').value, `${ws.name}!A1`).toBeTruthy();
    }
  });

  it('put the cover in column A, title first', () => {
    const ws = wb.getWorksheet('封面 Cover')!;
    const { meta } = built.edition;
    expect(ws.getCell('A1').value).toBe(meta.title.zh);
    expect(ws.getCell('A2').value).toBe(meta.title.en);
    expect(ws.columnCount).toBe(1);
    const column = ws
      .getColumn(1)
      .values.map((v) => (v && typeof v === 'object' && 'result' in v ? v.result : v))
      .join('\n');
    for (const s of [meta.issuer.zh, meta.issuer.en, meta.description?.zh, meta.description?.en, meta.contact?.en, '2023年1月5日', '5 January 2023']) {
      if (s) expect(column).toContain(s);
    }
  });

  it('keep everything above a table in column A', () => {
    for (const p of pkg.tables) {
      const ws = wb.getWorksheet(p.sheet)!;
      const top = Number(/\d+/.exec(p.ref)?.[0]);
      for (let row = 1; row < top; row++) {
        ws.getRow(row).eachCell((cell, col) => expect(col, `${p.sheet}!${cell.address}`).toBe(1));
      }
    }
  });
});

describe('Excel Tables', () => {
  it('are named Contents, Notes and T1_<table id> … TN_<table id>, each on its sheet', () => {
    expect(pkg.tables.map((p) => [p.sheet, p.name])).toEqual([
      ['目录 Contents', 'Contents'],
      ['注释 Notes', 'Notes'],
      ...built.tables.map((t) => [`表${t.number}`, `T${t.number}_${t.id.replace(/-/g, '_')}`]),
    ]);
    for (const p of pkg.tables) expect(p.displayName).toBe(p.name);
  });

  it('have exactly one header row and no totals row', () => {
    for (const p of pkg.tables) {
      expect(p.xml, p.name).toMatch(/headerRowCount="1"/);
      expect(p.xml, p.name).not.toMatch(/totalsRowCount="[1-9]"/);
      expect(p.xml, p.name).toMatch(/totalsRowShown="0"/);
    }
  });

  it('have unique, non-empty, one-line headers matching their header cells', () => {
    for (const p of pkg.tables) {
      expect(new Set(p.columns).size, p.name).toBe(p.columns.length);
      const ws = wb.getWorksheet(p.sheet)!;
      const top = Number(/\d+/.exec(p.ref)?.[0]);
      p.columns.forEach((h, j) => {
        expect(h.trim(), p.name).not.toBe('');
        expect(h, `${p.name} header ${j + 1}`).not.toMatch(/[\n\r\t]/);
        expect(ws.getCell(top, j + 1).value).toBe(h);
      });
    }
  });
});

describe('cells', () => {
  it('are never merged', async () => {
    for (const ws of wb.worksheets) expect(Object.keys(ws.model.merges ?? {}), ws.name).toEqual([]);
    for (const part of pkg.sheetFiles.values()) expect(await pkg.text(part)).not.toContain('<mergeCell');
  });

  it('fit CJK text: a column is at least as wide as its widest value (CJK counted double), up to the cap', () => {
    for (const p of pkg.tables) {
      const ws = wb.getWorksheet(p.sheet)!;
      const top = Number(/\d+/.exec(p.ref)?.[0]);
      const bottom = Number(/\d+$/.exec(p.ref)?.[0]);
      p.columns.forEach((_, j) => {
        const values: string[] = [];
        for (let row = top + 1; row <= bottom; row++) values.push(ws.getCell(row, j + 1).text);
        const widest = Math.max(...values.map(cjkWidth));
        expect(ws.getColumn(j + 1).width ?? 0, `${p.sheet} column ${j + 1}`).toBeGreaterThanOrEqual(Math.min(widest, 50));
      });
    }
  });

  it('give wrapped text rows tall enough for its lines', () => {
    for (const p of pkg.tables) {
      const ws = wb.getWorksheet(p.sheet)!;
      const top = Number(/\d+/.exec(p.ref)?.[0]);
      const bottom = Number(/\d+$/.exec(p.ref)?.[0]);
      for (let row = top; row <= bottom; row++) {
        // A deliberately low estimate: 2 units per CJK character, 0.8 per other character.
        const lines = p.columns.map((_, j) => {
          const text = ws.getCell(row, j + 1).text;
          const w = cjkWidth(text) - [...text].filter((c) => cjkWidth(c) === 1).length * 0.2;
          return Math.ceil(w / (ws.getColumn(j + 1).width ?? 10));
        });
        expect(ws.getRow(row).height ?? 15, `${p.sheet} row ${row}`).toBeGreaterThanOrEqual(15 * Math.max(1, ...lines));
        p.columns.forEach((_, j) => {
          const cell = ws.getCell(row, j + 1);
          if (typeof cell.value === 'string' && cell.value.length > 20) expect(cell.alignment?.wrapText, `${p.sheet}!${cell.address}`).toBe(true);
        });
      }
    }
  });
});

describe('links', () => {
  const LINK = /^HYPERLINK\("#'((?:[^']|'')+)'!A1","[^"]+"\)$/;

  it('are HYPERLINK formulas to sheets of the workbook', () => {
    const names = new Set(wb.worksheets.map((w) => w.name));
    const targets: string[] = [];
    for (const ws of wb.worksheets) {
      ws.eachRow((row) =>
        row.eachCell((cell) => {
          if (cell.type !== ExcelJS.ValueType.Formula) return;
          const f = (cell.value as ExcelJS.CellFormulaValue).formula;
          const m = LINK.exec(f);
          expect(m, `${ws.name}!${cell.address}: ${f}`).not.toBeNull();
          targets.push(m![1].replace(/''/g, "'"));
          expect((cell.value as ExcelJS.CellFormulaValue).result, 'a cached result for readers that do not calculate').toBeTruthy();
        }),
      );
    }
    for (const t of targets) expect(names.has(t), t).toBe(true);
    for (const s of tableSheets()) expect(targets, `a link to ${s}`).toContain(s);
  });

  it('from the contents, one row per table with its number and titles', () => {
    const ws = wb.getWorksheet('目录 Contents')!;
    const part = pkg.tables.find((p) => p.name === 'Contents')!;
    const top = Number(/\d+/.exec(part.ref)?.[0]);
    expect(part.columns).toEqual(['工作表 Sheet', '表号 Table number', '标题（中文） Title (Chinese)', '标题（英文） Title (English)', '链接 Link']);
    built.tables.forEach((t, i) => {
      const row = ws.getRow(top + 1 + i);
      expect(row.getCell(1).value).toBe(`表${t.number}`);
      expect(row.getCell(2).value).toBe(t.number);
      expect(row.getCell(3).value).toBe(t.caption.zh);
      expect(row.getCell(4).value).toBe(t.caption.en);
      expect((row.getCell(5).value as ExcelJS.CellFormulaValue).formula).toContain(`#'表${t.number}'!A1`);
    });
  });

  it('make no external relationship and no hyperlink element', async () => {
    const rels = Object.keys(pkg.zip.files).filter((n) => n.endsWith('.rels'));
    for (const r of rels) {
      const xml = await pkg.text(r);
      expect(xml, r).not.toMatch(/TargetMode="External"/);
      expect(xml, r).not.toMatch(/relationships\/hyperlink"/);
    }
    for (const part of pkg.sheetFiles.values()) expect(await pkg.text(part)).not.toContain('<hyperlink');
    for (const ws of wb.worksheets) expect((ws.model as { hyperlinks?: unknown[] }).hyperlinks ?? [], ws.name).toEqual([]);
  });
});

describe('document', () => {
  it('has its properties set from the edition', async () => {
    const { meta } = built.edition;
    expect(wb.creator).toBe(meta.issuer.zh);
    expect(wb.lastModifiedBy).toBe(meta.issuer.zh);
    expect(wb.title).toContain(meta.title.zh);
    expect(wb.title).toContain(meta.title.en);
    expect(wb.subject).toBeTruthy();
    for (const k of [...meta.keywords.zh, ...meta.keywords.en]) expect(wb.keywords).toContain(k);
    expect(wb.created.toISOString()).toBe(`${meta.date}T00:00:00.000Z`);
    expect(wb.modified.toISOString()).toBe(`${meta.date}T00:00:00.000Z`);
    expect(await pkg.text('docProps/core.xml')).toContain('<dc:language>zh-CN</dc:language>');
  });

  it('opens on the first sheet with the cursor in A1', async () => {
    expect(wb.views[0]?.activeTab ?? 0).toBe(0);
    expect(wb.views[0]?.firstSheet ?? 0).toBe(0);
    const sheets = [...pkg.sheetFiles.values()];
    for (const [i, part] of sheets.entries()) {
      const xml = await pkg.text(part);
      // A sheet with a table has frozen panes: its selection names the pane it is in.
      expect(xml, part).toMatch(/<selection (pane="bottomLeft" )?activeCell="A1" sqref="A1"\/>/);
      expect(xml.includes('tabSelected="1"'), part).toBe(i === 0);
    }
  });
});
