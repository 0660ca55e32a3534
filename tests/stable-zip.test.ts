/**
 * The package writer (src/render/stable-zip.ts) writes, without JSZip, the
 * bytes JSZip wrote for the same parts; it reads stored and deflated
 * archives; and exceljs hands it the parts it would have zipped.
 */
import zlib from 'node:zlib';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { Document, Packer, Paragraph } from 'docx';
import ExcelJS from 'exceljs';
import { crc32ByTable, stableZip, type PartFix } from '../src/render/stable-zip.js';
import { workbookParts } from '../src/render/xlsx/workbook-parts.js';
import { xlsxBytes } from '../src/render/xlsx/index.js';
import { docxBytes } from '../src/render/docx/index.js';
import { loadEdition } from '../src/load/index.js';
import { tidyParts } from '../src/render/xlsx/package-fixes.js';
import { editionInstant } from '../src/render/annex-labels.js';
import { SAMPLE } from './helpers.js';

const FIRST = ['[Content_Types].xml', '_rels/.rels'];
const rank = (n: string) => (FIRST.includes(n) ? FIRST.indexOf(n) : FIRST.length);

/** The writer this one replaced, JSZip's: the reference for the bytes. */
async function jszipReference(zip: Uint8Array, date: Date, fix?: PartFix): Promise<Buffer> {
  const src = await JSZip.loadAsync(zip);
  const names = Object.keys(src.files)
    .filter((n) => !src.files[n].dir)
    .sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
  const out = new JSZip();
  for (const name of names) {
    const entry = src.files[name];
    if (fix && /\.(xml|rels)$/.test(name)) out.file(name, fix(name, await entry.async('string')), { date, createFolders: false });
    else out.file(name, await entry.async('uint8array'), { date, createFolders: false, binary: true });
  }
  return out.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 6 }, platform: 'DOS', streamFiles: false });
}

const edition = () => loadEdition(SAMPLE).edition!;

/** The files of an archive by name, folders left out, read by JSZip. */
async function contents(zip: Uint8Array): Promise<Map<string, Uint8Array>> {
  const z = await JSZip.loadAsync(zip);
  const names = Object.keys(z.files).filter((n) => !z.files[n].dir);
  return new Map(await Promise.all(names.map(async (n) => [n, await z.files[n].async('uint8array')] as const)));
}

describe('stableZip', () => {
  it("writes the sample's workbook as JSZip did, byte for byte", async () => {
    const ed = edition();
    // exceljs's own archive of the workbook, read by JSZip and written again the old way.
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('表1').getCell('B2').value = 3.14;
    const when = editionInstant(ed.meta);
    const viaJszip = await jszipReference(new Uint8Array(await wb.xlsx.writeBuffer()), when, tidyParts);
    expect(stableZip(await workbookParts(wb), when, tidyParts).equals(viaJszip)).toBe(true);
    // And the whole annex, which goes through the same writer.
    const annex = await xlsxBytes(ed);
    expect(annex.equals(await jszipReference(annex, when))).toBe(true);
  });

  it('writes a Word file as JSZip did, from the deflated archive docx makes', async () => {
    const raw = await Packer.toBuffer(new Document({ sections: [{ children: [new Paragraph('一二三 abc')] }] }));
    const when = new Date(Date.UTC(2023, 0, 4, 16, 0, 7));
    expect(stableZip(raw, when).equals(await jszipReference(raw, when))).toBe(true);
    const report = await docxBytes(edition(), 'en');
    expect(report.equals(await jszipReference(report, editionInstant(edition().meta)))).toBe(true);
  });

  it('reads stored and deflated entries of an archive, and leaves its folders out', async () => {
    const zip = new JSZip();
    zip.file('a/stored.txt', 'stored 存', { compression: 'STORE' });
    zip.file('b/deflated.xml', '<x>'.repeat(500), { compression: 'DEFLATE' });
    zip.folder('empty');
    const files = await contents(stableZip(await zip.generateAsync({ type: 'uint8array' }), new Date(Date.UTC(2000, 0, 1))));
    expect([...files.keys()]).toEqual(['a/stored.txt', 'b/deflated.xml']);
    expect(Buffer.from(files.get('a/stored.txt')!).toString('utf8')).toBe('stored 存');
    expect(Buffer.from(files.get('b/deflated.xml')!).toString('utf8')).toBe('<x>'.repeat(500));
    expect(() => stableZip(Buffer.from('not a zip'), new Date())).toThrow(/not a zip archive/);
  });

  it("gives exceljs's parts: the files of its own archive", async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('s').getCell('A1').value = '中文';
    const parts = await workbookParts(wb);
    const theirs = await contents(new Uint8Array(await wb.xlsx.writeBuffer()));
    expect([...parts.keys()].sort()).toEqual([...theirs.keys()].sort());
    for (const [name, data] of theirs) expect(Buffer.from(parts.get(name)!).equals(Buffer.from(data)), name).toBe(true);
  });

  it('stamps every entry with the CRC-32 of the zip format, with zlib or without', () => {
    const zip = stableZip(new Map([['x.bin', Buffer.from('123456789')]]), new Date(Date.UTC(2000, 0, 1)));
    // The standard check value of CRC-32, at its place in the local header.
    expect(zip.readUInt32LE(14)).toBe(0xcbf43926);
    expect(crc32ByTable(Buffer.from('123456789'))).toBe(0xcbf43926);
    const bytes = Buffer.from(Array.from({ length: 5000 }, (_, i) => (i * 7919) % 256));
    expect(crc32ByTable(bytes)).toBe(zlib.crc32 ? zlib.crc32(bytes) : crc32ByTable(bytes));
  });
});
