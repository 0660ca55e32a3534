/**
 * 封面 Cover: what the workbook is, who issued it, when, and how to read it.
 * Everything is in column A, one line per row, Chinese then English, so that
 * the sheet reads top to bottom with a screen reader.
 */
import type { Workbook } from 'exceljs';
import type { Meta } from '../../model.js';
import { bi, CODE, codesSentence, contactLine, coverLabel, editionLabel, formatDate, linkFormula, SHEET } from '../annex-labels.js';
import { type Line, printableUnits, setPrint, WIDEST_PX_PER_UNIT, writeLines } from './sheet-writer.js';
import { refLabel, type Numbering } from '../../model/labels.js';

/**
 * Column A as wide as a portrait A4 page prints at 100 % even where 等线 is
 * missing and a wider font stands in: LibreOffice does not scale this sheet
 * to the page's width, so a wider column would print cut off at the right.
 */
const COVER_WIDTH = printableUnits('portrait', WIDEST_PX_PER_UNIT);

function pair(heading: string, zh: string, en: string): Line[] {
  return [
    { text: heading, style: 'heading' },
    { text: zh, style: 'plain' },
    { text: en, style: 'plain' },
  ];
}

/** The lines that explain the workbook's conventions. */
function aboutLines(tableCount: number, numbering: Numbering): Line[] {
  const codes = codesSentence(Object.values(CODE))!;
  const [first, last] = [refLabel('table', 1, 'zh', numbering), refLabel('table', tableCount, 'zh', numbering)];
  const about: [string, string][] = [
    [
      `本工作簿收录报告的全部${tableCount}张表格，每张表格一个工作表（${first}至${last}），中文与英文并列。`,
      `This workbook holds all ${tableCount} tables of the report, one table per sheet (${first} to ${last}; 表 means "Table"), in Chinese and English side by side.`,
    ],
    [
      '数字以数值形式存储，单位见列标题或“单位”列；带限定词的目标（如“增长8%以上”）保留原文，并将数值、单位与限定词分列。',
      'Figures are stored as numbers, with their units in the column headings or in the unit columns. Targets with qualifiers (such as "growth of over 8%") keep their exact wording, and their figure, unit and qualifier are also given in separate columns.',
    ],
    // Every code a table may use, whether or not this edition's tables need it: the cover is where a reader looks them up.
    [codes.zh, codes.en],
    ['注释以“[note 1]”形式标注，全文见“注释 Notes”工作表。', 'Notes are referred to as "[note 1]" and are given in full on the Notes sheet.'],
  ];
  return about.flatMap(([zh, en]) => [
    { text: zh, style: 'plain' as const },
    { text: en, style: 'plain' as const },
  ]);
}

/** Adds the cover sheet; it is the first sheet, where the file opens. */
export function addCoverSheet(wb: Workbook, meta: Meta, tableCount: number, draft = false): void {
  // exceljs writes `tabSelected` but does not declare it: a variable passes it through the type check.
  const view = { state: 'normal' as const, activeCell: 'A1', tabSelected: true };
  const ws = wb.addWorksheet(SHEET.cover, { views: [view] });
  const edition = editionLabel(meta);
  const contact = meta.contact && contactLine(meta.contact);
  // A placeholder date is never printed as if it were the session's.
  const date = meta.datePlaceholder ? { zh: `${meta.date.slice(0, 4)}年×月×日（待定）`, en: `[to be set] ${meta.date.slice(0, 4)}` } : formatDate(meta.date);
  const lines: Line[] = [
    { text: meta.title.zh, style: 'title' },
    // A build forced past check errors must not pass for the published annex.
    ...(draft
      ? [
          {
            text: bi(
              '征求意见稿：尚有未完成事项或核对未通过，数据未经确认，不作正式发布',
              'DRAFT: items are still open or the check found errors; figures not confirmed, not for publication',
            ),
            style: 'heading' as const,
          },
        ]
      : []),
    { text: meta.title.en, style: 'subtitle' },
    ...(edition ? pair(coverLabel(meta, 'edition'), edition.zh, edition.en) : []),
    ...pair(coverLabel(meta, 'issuer'), meta.issuer.zh, meta.issuer.en),
    ...pair(coverLabel(meta, 'date'), date.zh, date.en),
    // The session line of the report starts with a dash (——（…）), a typographic device of the printed cover.
    ...(meta.session
      ? [
          { text: meta.session.zh.replace(/^[—–-]+/, ''), style: 'plain' as const },
          { text: meta.session.en, style: 'plain' as const },
        ]
      : []),
    ...(meta.description ? pair(coverLabel(meta, 'description'), meta.description.zh, meta.description.en) : []),
    ...(contact ? pair(coverLabel(meta, 'contact'), contact.zh, contact.en) : []),
    { text: bi('关于本工作簿', 'About this workbook'), style: 'heading' },
    ...aboutLines(tableCount, meta.style.numbering),
    { text: bi('目录', 'Contents'), link: linkFormula(SHEET.contents, bi('前往目录', 'Go to the contents')) },
  ];
  ws.getColumn(1).width = COVER_WIDTH;
  // Rows are sized as if the column were a fifth narrower: 等线's Latin letters
  // run wider than the estimate of sizing.ts allows, and a cover line cut off
  // in print is worse than a little white space below it.
  // Lines of 15 pt (11-point text) and half-inch top and bottom margins keep the cover on one page at 100 %.
  writeLines(ws, lines, Math.floor(COVER_WIDTH * 0.8), 15);
  setPrint(ws, { widths: [COVER_WIDTH], onePage: true, vertical: 0.5 });
  // LibreOffice scales a sheet to its pages only when it has a print area.
  ws.pageSetup.printArea = `A$1:A$${lines.length}`;
}
