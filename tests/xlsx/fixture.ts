/**
 * Shared by the XLSX tests: builds the sample edition's workbook into a
 * temporary folder, and reads the package's XML parts that exceljs does not
 * expose (Table parts, relationships, views).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import JSZip from 'jszip';
import { loadEdition } from '../../src/load/index.js';
import type { Edition, Table } from '../../src/model.js';
import { renderXlsx } from '../../src/render/xlsx/index.js';

export const CONTENT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../content');

/**
 * Loads content/. Tables the narrative does not (yet) place have no number
 * and would be left out of the workbook; here they are numbered after the
 * placed ones so that every table file of the sample is exercised, whatever
 * state the narrative is in. Once every table is placed this changes nothing.
 */
export function sampleEdition(): Edition {
  const { edition, findings } = loadEdition(CONTENT);
  if (!edition) throw new Error(`content/ did not load: ${findings.map((f) => f.message).join('; ')}`);
  let next = Math.max(0, ...edition.tables.map((t) => t.number));
  for (const t of [...edition.tables].sort((a, b) => a.id.localeCompare(b.id))) if (!t.number) t.number = ++next;
  return edition;
}

export interface Built {
  edition: Edition;
  /** The edition's tables in table-number order. */
  tables: Table[];
  dir: string;
  file: string;
  bytes: Buffer;
  /** Milliseconds renderXlsx took. */
  ms: number;
}

export async function buildSample(): Promise<Built> {
  const edition = sampleEdition();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'baogao-xlsx-'));
  const file = path.join(dir, 'tables.xlsx');
  const t0 = performance.now();
  await renderXlsx(edition, file);
  const ms = performance.now() - t0;
  const tables = [...edition.tables].sort((a, b) => a.number - b.number);
  return { edition, tables, dir, file, bytes: fs.readFileSync(file), ms };
}

export interface TablePart {
  sheet: string;
  name: string;
  displayName: string;
  ref: string;
  columns: string[];
  xml: string;
}

const attr = (xml: string, name: string): string => new RegExp(`\\b${name}="([^"]*)"`).exec(xml)?.[1] ?? '';

/** Decodes the five XML entities (what exceljs and Excel write). */
export function unescapeXml(s: string): string {
  return s.replace(/&(lt|gt|quot|apos|amp);/g, (_, e: string) => ({ lt: '<', gt: '>', quot: '"', apos: "'", amp: '&' })[e] ?? '');
}

/** The package's parts, and its sheets → Table parts, followed through the relationships. */
export async function readPackage(
  bytes: Buffer,
): Promise<{ zip: JSZip; sheetFiles: Map<string, string>; tables: TablePart[]; text: (p: string) => Promise<string> }> {
  const zip = await JSZip.loadAsync(bytes);
  const text = async (p: string) => {
    const f = zip.file(p);
    if (!f) throw new Error(`no part ${p}`);
    return f.async('string');
  };
  const workbook = await text('xl/workbook.xml');
  const rels = await text('xl/_rels/workbook.xml.rels');
  const sheetFiles = new Map<string, string>();
  for (const m of workbook.matchAll(/<sheet [^>]*\/>/g)) {
    const id = attr(m[0], 'r:id');
    const rel = [...rels.matchAll(/<Relationship [^>]*\/>/g)].find((r) => attr(r[0], 'Id') === id);
    sheetFiles.set(unescapeXml(attr(m[0], 'name')), `xl/${attr(rel?.[0] ?? '', 'Target')}`);
  }
  const tables: TablePart[] = [];
  for (const [sheet, part] of sheetFiles) {
    const relsPath = part.replace(/worksheets\/(sheet\d+\.xml)$/, 'worksheets/_rels/$1.rels');
    if (!zip.file(relsPath)) continue;
    for (const r of (await text(relsPath)).matchAll(/<Relationship [^>]*\/>/g)) {
      if (!attr(r[0], 'Type').endsWith('/table')) continue;
      const xml = await text(path.posix.normalize(`xl/worksheets/${attr(r[0], 'Target')}`));
      const columns = [...xml.matchAll(/<tableColumn [^>]*>/g)].map((c) => unescapeXml(attr(c[0], 'name')));
      tables.push({ sheet, name: attr(xml, 'name'), displayName: attr(xml, 'displayName'), ref: attr(xml, 'ref'), columns, xml });
    }
  }
  return { zip, sheetFiles, tables, text };
}
