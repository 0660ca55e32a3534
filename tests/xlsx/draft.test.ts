import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { loadEdition } from '../../src/load/index.js';
import { xlsxBytes } from '../../src/render/xlsx/index.js';
import { SAMPLE } from '../helpers.js';

async function coverText(draft: boolean): Promise<string[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await xlsxBytes(loadEdition(SAMPLE).edition!, draft)) as never);
  const out: string[] = [];
  wb.worksheets[0].eachRow((row) => out.push(String(row.getCell(1).value ?? '')));
  return out;
}

describe('a forced build past check errors', () => {
  it('marks the workbook cover DRAFT, and only then', async () => {
    expect((await coverText(true)).some((t) => t.includes('DRAFT'))).toBe(true);
    expect((await coverText(false)).some((t) => t.includes('DRAFT'))).toBe(false);
  });
});
