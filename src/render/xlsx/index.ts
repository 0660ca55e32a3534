/**
 * The Excel annex: every table of the report in one bilingual workbook, laid
 * out for reuse in the way of the UK Analysis Function's "Releasing
 * statistics in spreadsheets" guidance and bilingual in the way of the China
 * Statistical Yearbook. See docs/xlsx.md for the layout.
 *
 * Sheets: 封面 Cover, 目录 Contents, 注释 Notes, then 表1 … 表N.
 */
import fs from 'node:fs';
import type ExcelJS from 'exceljs';
// The Workbook alone: the package's entry also loads its streaming reader, whose unzip
// dependency pulls in some 380 polyfill modules that writing a workbook never uses.
// Imported, not required, so that the bundle (scripts/bundle-cli.mjs) holds its ~100
// CommonJS files in one chunk: Node's loader spent ~0.1 s of every build resolving them.
import Workbook from 'exceljs/lib/doc/workbook.js';
import type { Edition, Meta } from '../../model.js';
import { addContentsSheet } from './contents-sheet.js';
import { addCoverSheet } from './cover-sheet.js';
import { annexTables, bi, editionInstant, editionLabel, numberNotes } from '../annex-labels.js';
import { addNotesSheet } from './notes-sheet.js';
import { stableZip } from '../stable-zip.js';
import { tidyParts } from './package-fixes.js';
import { addTableSheet } from './table-sheet.js';
import { workbookParts } from './workbook-parts.js';

export { annexTables };

/** Document properties: what file managers, search and screen readers show. */
function setProperties(wb: ExcelJS.Workbook, meta: Meta): void {
  const when = editionInstant(meta);
  const edition = editionLabel(meta);
  wb.creator = meta.issuer.zh;
  wb.lastModifiedBy = meta.issuer.zh;
  wb.company = meta.issuer.zh;
  wb.title = bi(`${meta.title.zh}（表格）`, `${meta.title.en}: tables`);
  wb.subject = edition
    ? bi(`${edition.zh}：报告表格（中英文对照）`, `${edition.en}: the tables of the report, in Chinese and English`)
    : bi('报告表格（中英文对照）', 'The tables of the report, in Chinese and English');
  wb.keywords = [...meta.keywords.zh, ...meta.keywords.en].join('; ');
  wb.description = meta.description ? bi(meta.description.zh, meta.description.en) : '';
  wb.category = bi('统计表格', 'Statistical tables');
  // The workbook is bilingual, but Office records one language: the report's own.
  // exceljs writes dc:language from this property without declaring it.
  Object.assign(wb, { language: 'zh-CN' });
  wb.created = when;
  wb.modified = when;
  // Opens on the first sheet (the cover) with its cursor in A1.
  wb.views = [{ x: 0, y: 0, width: 28800, height: 17000, firstSheet: 0, activeTab: 0, visibility: 'visible' }];
}

/** The mark every sheet's title carries while the edition is a draft. */
export const DRAFT_MARK = '【征求意见稿 DRAFT】';

/** A draft's sheets say so in their title (A1), where a reader of any one sheet sees it. */
function markDraft(wb: ExcelJS.Workbook): void {
  wb.eachSheet((ws) => {
    const a1 = ws.getCell('A1');
    if (typeof a1.value === 'string') a1.value = `${DRAFT_MARK}${a1.value}`;
  });
}

/** Builds the workbook of an edition and writes it to `file`; the bytes depend only on the edition. */
export async function renderXlsx(edition: Edition, file: string, opts: { draft?: boolean } = {}): Promise<void> {
  fs.writeFileSync(file, await xlsxBytes(edition, opts.draft));
}

/** The workbook of an edition as bytes (what {@link renderXlsx} writes). */
export async function xlsxBytes(edition: Edition, draft = false): Promise<Buffer> {
  const tables = annexTables(edition);
  const noteNumbers = numberNotes(tables);
  const wb = new Workbook();
  setProperties(wb, edition.meta);
  addCoverSheet(wb, edition.meta, tables.length, draft);
  addContentsSheet(wb, tables, noteNumbers.size > 0, edition.meta.style.numbering);
  addNotesSheet(wb, tables, noteNumbers, edition.meta.style.numbering);
  for (const t of tables) addTableSheet(wb, t, edition.meta, noteNumbers);
  if (draft) markDraft(wb);
  // The parts, not exceljs's archive of them: stableZip writes the one archive.
  return stableZip(await workbookParts(wb), editionInstant(edition.meta), tidyParts);
}
