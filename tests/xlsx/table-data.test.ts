/**
 * Every table cell of the workbook, read back with exceljs, against the
 * edition's data: every row (every list item), every column, value and type.
 */
import fs from 'node:fs';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Expected, expectedTable, formatDecimals } from './expected.js';
import { type Built, buildSample, readPackage, type TablePart } from './fixture.js';

let built: Built;
let wb: ExcelJS.Workbook;
let parts: TablePart[];
const noteNumbers = new Map<string, number>();

beforeAll(async () => {
  built = await buildSample();
  wb = new ExcelJS.Workbook();
  await wb.xlsx.load(built.bytes as unknown as ArrayBuffer);
  parts = (await readPackage(built.bytes)).tables;
  for (const t of built.tables) for (const n of t.notes) noteNumbers.set(`${t.id}/${n.id}`, noteNumbers.size + 1);
});
afterAll(() => fs.rmSync(built.dir, { recursive: true, force: true }));

/** Rows and columns of a range like `A8:M17`. */
function range(ref: string): { top: number; bottom: number; left: number; right: number } {
  const [a, b] = ref.split(':').map((x) => {
    const m = /^([A-Z]+)(\d+)$/.exec(x);
    if (!m) throw new Error(`bad ref ${ref}`);
    const col = [...m[1]].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
    return { row: Number(m[2]), col };
  });
  return { top: a.row, bottom: b.row, left: a.col, right: b.col };
}

function check(cell: ExcelJS.Cell, exp: Expected, where: string): void {
  const v = cell.value;
  if (exp.kind === 'exact') {
    expect(v, where).toBe(exp.value);
    if (exp.value !== null) expect(cell.type, `${where} is a text cell`).toBe(ExcelJS.ValueType.String);
  } else if (exp.kind === 'number') {
    expect(typeof v, `${where} is a number cell`).toBe('number');
    expect(cell.type, where).toBe(ExcelJS.ValueType.Number);
    expect(v, where).toBe(Number(exp.digits));
    expect(cell.numFmt, `${where} has a number format`).toMatch(/^(#,##)?0(\.0+)?$/);
    // The format shows exactly the decimals the report prints: 80.70 stays 80.70.
    expect((v as number).toFixed(formatDecimals(cell.numFmt)), `${where} shows as printed`).toBe(exp.digits);
  } else {
    expect(exp.test(v), `${where}: ${JSON.stringify(v)} should be ${exp.what}`).toBe(true);
  }
}

describe('every table cell matches the edition', () => {
  it('has one sheet and one Excel Table per table', () => {
    for (const t of built.tables) {
      const sheet = `表${t.number}`;
      expect(wb.getWorksheet(sheet), sheet).toBeDefined();
      const own = parts.filter((p) => p.sheet === sheet);
      expect(own.map((p) => p.name)).toEqual([`T${t.number}_${t.id.replace(/-/g, '_')}`]);
    }
  });

  it('gives each table its titles in A1 and A2', () => {
    for (const t of built.tables) {
      const ws = wb.getWorksheet(`表${t.number}`)!;
      expect(ws.getCell('A1').value).toBe(`表${t.number} ${t.caption.zh}`);
      expect(ws.getCell('A2').value).toBe(`Table ${t.number} ${t.caption.en}`);
    }
  });

  it('writes the headers and every row of every table', () => {
    let cells = 0;
    for (const t of built.tables) {
      const sheet = `表${t.number}`;
      const ws = wb.getWorksheet(sheet)!;
      const part = parts.find((p) => p.sheet === sheet)!;
      const r = range(part.ref);
      const exp = expectedTable(t, (id) => noteNumbers.get(`${t.id}/${id}`) ?? -1);
      expect(r.left, `${sheet} table starts in column A`).toBe(1);
      expect(r.right - r.left + 1, `${sheet} column count`).toBe(exp.headers.length);
      expect(r.bottom - r.top, `${sheet} data rows`).toBe(exp.rows.length);
      const headers = exp.headers.map((_, j) => ws.getCell(r.top, r.left + j).value);
      expect(headers, `${sheet} headers`).toEqual(exp.headers);
      expect(part.columns, `${sheet} Table columns are the header cells`).toEqual(exp.headers);
      exp.rows.forEach((row, i) => {
        row.forEach((e, j) => {
          check(ws.getCell(r.top + 1 + i, r.left + j), e, `${sheet}!R${r.top + 1 + i}C${j + 1} (${exp.headers[j]})`);
          cells++;
        });
      });
    }
    expect(cells).toBeGreaterThan(0);
  });

  it('leaves no blank row or column inside a table', () => {
    for (const p of parts) {
      const ws = wb.getWorksheet(p.sheet)!;
      const r = range(p.ref);
      const filled = (row: number, col: number) => ws.getCell(row, col).value !== null;
      for (let row = r.top; row <= r.bottom; row++) {
        expect(
          [...Array(r.right - r.left + 1).keys()].some((j) => filled(row, r.left + j)),
          `${p.sheet} row ${row}`,
        ).toBe(true);
      }
      for (let col = r.left; col <= r.right; col++) {
        expect(
          [...Array(r.bottom - r.top).keys()].some((i) => filled(r.top + 1 + i, col)),
          `${p.sheet} column ${col}`,
        ).toBe(true);
      }
    }
  });

  it('keeps text out of number columns, except the [z]/[x] codes', () => {
    for (const t of built.tables) {
      const ws = wb.getWorksheet(`表${t.number}`)!;
      const part = parts.find((p) => p.sheet === `表${t.number}`)!;
      const r = range(part.ref);
      for (let col = r.left; col <= r.right; col++) {
        const values = [...Array(r.bottom - r.top).keys()].map((i) => ws.getCell(r.top + 1 + i, col).value);
        if (!values.some((v) => typeof v === 'number')) continue;
        for (const v of values) expect(typeof v === 'number' || v === '[z]' || v === '[x]', `${JSON.stringify(v)} in a number column`).toBe(true);
      }
    }
  });

  it('lists every note on the Notes sheet and refers to it as [note n]', () => {
    const ws = wb.getWorksheet('注释 Notes')!;
    const part = parts.find((p) => p.sheet === '注释 Notes')!;
    expect(part.name).toBe('Notes');
    const r = range(part.ref);
    const notes = built.tables.flatMap((t) => t.notes.map((n) => ({ t, n })));
    expect(r.bottom - r.top).toBe(notes.length);
    const header = (h: string) => part.columns.indexOf(h) + r.left;
    notes.forEach(({ t, n }, i) => {
      const row = r.top + 1 + i;
      expect(ws.getCell(row, header('注释编号 Note number')).value).toBe(`[note ${i + 1}]`);
      expect(ws.getCell(row, header('注释（中文） Note (Chinese)')).value).toBe(n.text.zh);
      expect(ws.getCell(row, header('注释（英文） Note (English)')).value).toBe(n.text.en);
      expect(ws.getCell(row, header('报告中的标记 Marker in the printed report')).value).toBe(n.marker ?? '[z]');
      const link = ws.getCell(row, header('所属表格 Table')).value as ExcelJS.CellFormulaValue;
      expect(link.formula).toBe(`HYPERLINK("#'表${t.number}'!A1","表${t.number}")`);
      // The table's own sheet names the note above the table.
      const above = wb.getWorksheet(`表${t.number}`)!.getColumn(1).values.slice(1, 8).join('\n');
      expect(above).toContain(`[note ${i + 1}]`);
    });
  });
});
