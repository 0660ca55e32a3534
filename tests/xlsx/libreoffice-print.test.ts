/**
 * The workbook printed by a real spreadsheet program: LibreOffice Calc,
 * headless, converts tables.xlsx to PDF, and the PDF is read back. The cover
 * must print on page 1 alone, every one of its lines whole and inside the
 * paper; each sheet starts its own page. LibreOffice stands in for a reader
 * without 等线 (it falls back to a wider font), the harder case.
 *
 * It needs LibreOffice (`apt-get install libreoffice-calc-nogui`) and
 * poppler's pdftotext, which a fresh machine does not have and the project
 * does not install: without them this file is skipped, and says so. The
 * page set-up read back in guidance.test.ts is the proof that always runs.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers.js';
import { readPdf } from '../pdf/read-pdf.js';
import { buildSample } from './fixture.js';

const has = (cmd: string, arg: string) => spawnSync(cmd, [arg], { encoding: 'utf8' }).status === 0;
/**
 * Calc itself, not just soffice: the DOCX tests may have installed LibreOffice
 * Writer alone (tests/docx/soffice.ts), whose soffice cannot open a workbook.
 * Calc's module (libsclo.so) sits beside the real soffice binary.
 */
function hasCalc(): boolean {
  const which = spawnSync('sh', ['-c', 'command -v soffice'], { encoding: 'utf8' }).stdout.trim();
  if (!which) return false;
  return fs.existsSync(path.join(path.dirname(fs.realpathSync(which)), 'libsclo.so'));
}
const available = has('soffice', '--version') && hasCalc() && has('pdftotext', '-v');

describe.skipIf(!available)('printed by LibreOffice (needs LibreOffice Calc and pdftotext on PATH)', () => {
  it('prints the cover on one page, every line whole and within the paper, and each sheet on pages of its own', async () => {
    const built = await buildSample();
    const out = tempDir();
    const profile = tempDir();
    execFileSync('soffice', [`-env:UserInstallation=file://${profile}`, '--headless', '--convert-to', 'pdf', '--outdir', out, built.file], {
      stdio: 'ignore',
      timeout: 120_000,
    });
    const { pages } = await readPdf(path.join(out, 'tables.pdf'));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(built.bytes as unknown as ArrayBuffer);
    const squeeze = (s: string) => s.replace(/\s+/g, '');
    const cover = wb.worksheets[0]
      .getColumn(1)
      .values.map((v) => (v && typeof v === 'object' && 'result' in v ? v.result : v))
      .filter(Boolean)
      .map(String);
    expect(cover.length).toBeGreaterThan(20);
    // pdftotext reads the text back through the PDF's own character maps (pdf.js guesses wrong for a fallback font's glyphs).
    const page1 = squeeze(execFileSync('pdftotext', ['-f', '1', '-l', '1', path.join(out, 'tables.pdf'), '-'], { encoding: 'utf8' }));
    for (const line of cover) expect(page1, `the cover's line "${line.slice(0, 30)}…" prints whole on page 1`).toContain(squeeze(line));
    for (const l of pages[0].lines) {
      expect(l.x0, l.text).toBeGreaterThanOrEqual(0);
      expect(l.x1, l.text).toBeLessThanOrEqual(pages[0].width);
    }
    // Page 2 is the contents: the cover did not run over.
    const pageText = (n: number) =>
      execFileSync('pdftotext', ['-f', String(n), '-l', String(n), path.join(out, 'tables.pdf'), '-'], { encoding: 'utf8' }).trim();
    expect(pageText(2).startsWith('目录 Contents')).toBe(true);
    const firstLines = pages.map((_, i) => pageText(i + 1).split('\n')[0]);
    for (const ws of wb.worksheets) {
      const a1 = String(ws.getCell('A1').value);
      expect(firstLines.filter((t) => t === a1).length, `one page starts with ${ws.name}'s title`).toBeGreaterThanOrEqual(1);
    }
    fs.rmSync(built.dir, { recursive: true, force: true });
  }, 180_000);
});
