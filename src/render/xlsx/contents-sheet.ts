/**
 * 目录 Contents: one row per table with its sheet, number, titles and a link.
 * The links are HYPERLINK formulas: exceljs' `hyperlink: '#Sheet!A1'` is
 * written as an external relationship, which WPS and Google Sheets break.
 */
import type { Workbook } from 'exceljs';
import type { Table } from '../../model.js';
import { bi, CODE, linkFormula, SHEET, tableSheetName } from '../annex-labels.js';
import { type Line, setPrint, writeGridTable, writeLines } from './sheet-writer.js';
import type { Grid } from './table-grid.js';
import { refLabel, type Numbering } from '../../model/labels.js';

/** The Excel Table name of the contents. */
export const CONTENTS_TABLE = 'Contents';

/** Adds the contents sheet for `tables` (already in table-number order). */
export function addContentsSheet(wb: Workbook, tables: Table[], hasNotes: boolean, numbering: Numbering): void {
  const ws = wb.addWorksheet(SHEET.contents, { views: [{ state: 'normal', activeCell: 'A1' }] });
  const lines: Line[] = [
    { text: bi('目录', 'Contents'), style: 'title' },
    {
      text: bi(
        `本工作簿共${tables.length}张表格，每张表格一个工作表；点击“链接”列前往。`,
        `This workbook has ${tables.length} tables, one per sheet; use the Link column to go to one.`,
      ),
    },
  ];
  // The notes sheet's row has no table number: [z], explained here like on every sheet that uses a code.
  if (hasNotes) {
    lines.push({
      text: bi(`“${CODE.notApplicable}”表示不适用：注释工作表没有表号。`, `"${CODE.notApplicable}" means not applicable: the notes sheet has no table number.`),
    });
  }
  const next = writeLines(ws, lines);
  if (!tables.length && !hasNotes) {
    setPrint(ws, { widths: [ws.getColumn(1).width ?? 10] });
    return;
  }
  const grid: Grid = {
    columns: [
      { header: bi('工作表', 'Sheet'), type: 'text' },
      { header: bi('表号', 'Table number'), type: 'number' },
      { header: bi('标题（中文）', 'Title (Chinese)'), type: 'text' },
      { header: bi('标题（英文）', 'Title (English)'), type: 'text' },
      { header: bi('链接', 'Link'), type: 'text' },
    ],
    rows: [
      ...tables.map((t) => {
        const sheet = tableSheetName(t.number, numbering);
        return [
          { value: sheet },
          { value: t.number, numFmt: '0' },
          { value: t.caption.zh },
          { value: t.caption.en },
          { value: linkFormula(sheet, bi(`前往${sheet}`, `Go to ${refLabel('table', t.number, 'en', numbering)}`)) },
        ];
      }),
      // The notes sheet is a sheet of the workbook too; it has no table number.
      ...(hasNotes
        ? [
            [
              { value: SHEET.notes },
              { value: CODE.notApplicable },
              { value: '注释' },
              { value: 'Notes' },
              { value: linkFormula(SHEET.notes, bi('前往注释', 'Go to the notes')) },
            ],
          ]
        : []),
    ],
    codes: new Set(hasNotes ? [CODE.notApplicable] : []),
  };
  writeGridTable(ws, grid, { name: CONTENTS_TABLE, row: next, maxTextWidth: 50, above: lines });
}
