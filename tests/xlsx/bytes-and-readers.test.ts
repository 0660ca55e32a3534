/**
 * The file itself: identical bytes on every build (whatever the clock and
 * time zone), and a second, independent reader (SheetJS) that sees the same
 * sheets, values, types and number formats as exceljs.
 */
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import XLSX from 'xlsx';
import { renderXlsx } from '../../src/render/xlsx/index.js';
import { type Built, buildSample, sampleEdition } from './fixture.js';

let built: Built;

beforeAll(async () => {
  built = await buildSample();
});
afterAll(() => fs.rmSync(built.dir, { recursive: true, force: true }));

describe('deterministic bytes', () => {
  it('a second build, later and in another time zone, is byte-identical', async () => {
    const tz = process.env.TZ;
    process.env.TZ = 'Pacific/Kiritimati';
    try {
      await new Promise((r) => setTimeout(r, 1100)); // a different second on the clock
      const again = path.join(built.dir, 'again.xlsx');
      await renderXlsx(sampleEdition(), again);
      expect(fs.readFileSync(again).equals(built.bytes)).toBe(true);
    } finally {
      if (tz === undefined) delete process.env.TZ;
      else process.env.TZ = tz;
    }
  });

  it('dates every zip entry with the edition date, in a fixed order, without folders', async () => {
    const zip = await JSZip.loadAsync(built.bytes);
    const names = Object.keys(zip.files);
    expect(names.slice(0, 2)).toEqual(['[Content_Types].xml', '_rels/.rels']);
    expect(names.slice(2)).toEqual([...names.slice(2)].sort());
    for (const n of names) {
      expect(zip.files[n].dir, n).toBe(false);
      expect(zip.files[n].date.toISOString(), n).toBe(`${built.edition.meta.date}T00:00:00.000Z`);
    }
  });
});

describe('a second reader: SheetJS', () => {
  it('sees the same sheets, and every cell with the same value, type and number format as exceljs', async () => {
    const sj = XLSX.read(built.bytes, { cellNF: true, cellFormula: true });
    const ej = new ExcelJS.Workbook();
    await ej.xlsx.load(built.bytes as unknown as ArrayBuffer);
    expect(sj.SheetNames).toEqual(ej.worksheets.map((w) => w.name));
    let compared = 0;
    for (const ws of ej.worksheets) {
      const sheet = sj.Sheets[ws.name];
      ws.eachRow((row) =>
        row.eachCell((cell) => {
          const s = sheet[cell.address] as XLSX.CellObject | undefined;
          const where = `${ws.name}!${cell.address}`;
          const v = cell.value;
          if (typeof v === 'number') {
            expect(s?.t, where).toBe('n');
            expect(s?.v, where).toBe(v);
            expect(s?.z, where).toBe(cell.numFmt);
          } else if (typeof v === 'string') {
            expect(s?.t, where).toBe('s');
            expect(s?.v, where).toBe(v);
          } else if (v && typeof v === 'object' && 'formula' in v) {
            expect(s?.f, where).toBe(v.formula);
            expect(s?.v, where).toBe(v.result);
          } else {
            expect(v, `${where} holds a number, a text or a link`).toBeNull();
          }
          compared++;
        }),
      );
    }
    expect(compared).toBeGreaterThan(200);
  });

  it('reads each table sheet as a plain table below its preamble', () => {
    const sj = XLSX.read(built.bytes);
    for (const t of built.tables) {
      const rows = XLSX.utils.sheet_to_json<unknown[]>(sj.Sheets[`表${t.number}`], { header: 1, blankrows: false });
      expect(rows[0]?.[0]).toBe(`表${t.number} ${t.caption.zh}`);
      const header = rows.findIndex((r) => r.length > 1);
      const body = rows.slice(header + 1);
      const items = t.rows.reduce((n, r) => n + Math.max(1, Object.values(r.cells).find((c) => c.items)?.items?.length ?? 1), 0);
      expect(body.length, `表${t.number} data rows`).toBe(items);
    }
  });
});
