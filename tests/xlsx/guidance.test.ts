/**
 * The Analysis Function's essentials that the structure tests do not cover:
 * no blank cell inside a Table, a font with Chinese glyphs in every style,
 * frozen header rows, print set-up on every sheet, and a cover that prints on
 * one A4 page without clipping — proven from the page set-up, the margins,
 * the column width and the row heights read back from the file (and by
 * LibreOffice itself in libreoffice-print.test.ts).
 */
import fs from 'node:fs';
import ExcelJS from 'exceljs';
import { JSDOM } from 'jsdom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

/** `B3:F20` → its rows and columns, 1-based. */
function range(ref: string) {
  const [a, b] = ref.split(':').map((c) => /^([A-Z]+)(\d+)$/.exec(c)!);
  const col = (s: string) => [...s].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
  return { top: Number(a[2]), bottom: Number(b[2]), left: col(a[1]), right: col(b[1]) };
}

const xmlDoc = (xml: string) => new JSDOM(xml, { contentType: 'application/xml' }).window.document;

describe('Excel Tables', () => {
  it('have no blank cell, and every code used is explained on the sheet', () => {
    let cells = 0;
    for (const p of pkg.tables) {
      const ws = wb.getWorksheet(p.sheet)!;
      const r = range(p.ref);
      const above = Array.from({ length: r.top - 1 }, (_, i) => String(ws.getCell(i + 1, 1).value ?? '')).join('\n');
      for (let row = r.top; row <= r.bottom; row++) {
        for (let col = r.left; col <= r.right; col++) {
          const v = ws.getCell(row, col).value;
          expect(v === null || v === undefined || (typeof v === 'string' && !v.trim()), `${p.sheet}!R${row}C${col}`).toBe(false);
          cells++;
          if (v === '[x]' || v === '[z]') expect(above, `${p.sheet} explains ${v}`).toContain(`“${v}”表示`);
        }
      }
    }
    expect(cells).toBeGreaterThan(500);
  });
});

describe('fonts', () => {
  it('every font of the stylesheet names 等线, the default font included', async () => {
    const fonts = [
      ...xmlDoc(await pkg.text('xl/styles.xml'))
        .getElementsByTagName('fonts')[0]
        .getElementsByTagName('font'),
    ];
    expect(fonts.length).toBeGreaterThan(3);
    for (const [i, f] of fonts.entries()) {
      expect(f.getElementsByTagName('name')[0]?.getAttribute('val'), `font ${i}`).toBe('等线');
      // A scheme font is replaced by the theme's (Calibri): none may have one.
      expect(f.getElementsByTagName('scheme').length, `font ${i}`).toBe(0);
    }
  });
});

/** Printable size of A4 at 100 % with the sheet's margins: width in pixels (96 dpi), height in points. */
function printable(ws: ExcelJS.Worksheet) {
  const m = ws.pageSetup.margins!;
  const [w, h] = ws.pageSetup.orientation === 'landscape' ? [11.69, 8.27] : [8.27, 11.69];
  return { px: (w - m.left - m.right) * 96, pt: (h - m.top - m.bottom) * 72 };
}

/** Excel's column width in pixels: 8 a unit for 等线 11 pt, the default font (Chinese Excel's default 8.38-unit column is 72 px). */
const px = (width: number) => Math.trunc(width * 8);

describe('print set-up', () => {
  it('every sheet prints on A4, one page wide, portrait unless its columns are wider than a portrait page', () => {
    for (const ws of wb.worksheets) {
      const s = ws.pageSetup;
      expect(s.paperSize, ws.name).toBe(9);
      expect(s.fitToPage, ws.name).toBe(true);
      expect(s.fitToWidth, ws.name).toBe(1);
      const cols = ws.columns.map((c) => c.width ?? 9);
      const wide = px(cols.reduce((a, b) => a + b, 0)) > (8.27 - s.margins!.left - s.margins!.right) * 96;
      expect(s.orientation, ws.name).toBe(wide ? 'landscape' : 'portrait');
    }
    expect(wb.worksheets.filter((w) => w.pageSetup.orientation === 'portrait').length).toBeGreaterThan(0);
    expect(wb.worksheets.filter((w) => w.pageSetup.orientation === 'landscape').length).toBeGreaterThan(1);
  });

  it('each sheet with a table freezes the panes below its header row and repeats that row on every printed page', async () => {
    const names = await pkg.text('xl/workbook.xml');
    for (const p of pkg.tables) {
      const ws = wb.getWorksheet(p.sheet)!;
      const header = range(p.ref).top;
      const view = ws.views[0] as ExcelJS.WorksheetViewFrozen;
      expect(view.state, p.sheet).toBe('frozen');
      expect(view.ySplit, p.sheet).toBe(header);
      expect(view.xSplit ?? 0, p.sheet).toBe(0);
      expect(ws.pageSetup.fitToHeight, p.sheet).toBe(0);
      const quoted = `&apos;${p.sheet}&apos;!$${header}:$${header}`;
      expect(names, p.sheet).toContain(`name="_xlnm.Print_Titles" localSheetId="${wb.worksheets.indexOf(ws)}">${quoted}<`);
    }
    expect(pkg.tables.length).toBe(built.tables.length + 2);
  });

  it('the print area of a table sheet reaches as far as its widest line above the table', () => {
    for (const p of pkg.tables.filter((t) => t.sheet.startsWith('表'))) {
      const ws = wb.getWorksheet(p.sheet)!;
      const area = range(ws.pageSetup.printArea!.replace(/\$/g, ''));
      expect(area.top, p.sheet).toBe(1);
      expect(area.bottom, p.sheet).toBe(range(p.ref).bottom);
      const widths = ws.columns.slice(0, area.right).map((c) => c.width ?? 9);
      const reach = widths.reduce((a, b) => a + b, 0);
      for (let row = 1; row < range(p.ref).top; row++) {
        const v = ws.getCell(row, 1).value;
        const text = typeof v === 'object' && v && 'result' in v ? String(v.result) : String(v ?? '');
        const size = ws.getCell(row, 1).font?.size ?? 11;
        let w = 0;
        for (const ch of text) w += /[\u2e80-\u9fff\uff00-\uff60]/.test(ch) ? 2 : 1;
        expect((w * size) / 11, `${p.sheet}!A${row}`).toBeLessThanOrEqual(reach);
      }
    }
  });

  it('the cover prints on one portrait page: its column fits across at 100 %, every line wrapped in a row tall enough, all of it on one page at 75 % or more', () => {
    const ws = wb.worksheets[0];
    expect(ws.pageSetup.orientation).toBe('portrait');
    expect(ws.pageSetup.fitToHeight).toBe(1);
    const page = printable(ws);
    expect(px(ws.getColumn(1).width!)).toBeLessThanOrEqual(page.px);
    let height = 0;
    for (let r = 1; r <= ws.rowCount; r++) {
      const row = ws.getRow(r);
      const cell = row.getCell(1);
      expect(cell.alignment?.wrapText, `A${r}`).toBe(true);
      const v = cell.value;
      const text = typeof v === 'object' && v && 'result' in v ? String(v.result) : String(v ?? '');
      // An upper bound of the text's length in pixels: a CJK glyph is one em, a Latin letter 0.55 em (wider than 等线's or Calibri's average).
      const em = ((cell.font?.size ?? 11) * 96) / 72;
      let w = 0;
      for (const ch of text) w += /[\u2e80-\u9fff\uff00-\uff60]/.test(ch) ? em : 0.55 * em;
      const lines = Math.ceil(w / (px(ws.getColumn(1).width!) - 10));
      expect(row.height, `A${r}: ${lines} lines of ${text.slice(0, 20)}…`).toBeGreaterThanOrEqual(lines * (cell.font?.size ?? 11) * 1.2);
      height += row.height;
    }
    // Set to fit one page, Excel shrinks the cover to the page's height; the type stays legible (11 pt at 75 % is over 8 pt).
    expect(ws.pageSetup.fitToHeight).toBe(1);
    expect(Math.min(1, page.pt / height)).toBeGreaterThanOrEqual(0.75);
  });
});
