/**
 * 注释 Notes: every note of every table, numbered across the workbook. The
 * printed report marks notes with a symbol (`*`); the workbook refers to them
 * as `[note 1]`, because a symbol in or beside a figure stops it being a number.
 */
import type { Workbook } from 'exceljs';
import type { Table } from '../../model.js';
import { bi, CODE, linkFormula, noteRef, SHEET, tableSheetName } from '../annex-labels.js';
import { type Line, setPrint, writeGridTable, writeLines } from './sheet-writer.js';
import type { Grid } from './table-grid.js';
import type { Numbering } from '../../model/labels.js';

/** The Excel Table name of the notes. */
export const NOTES_TABLE = 'Notes';

/** Adds the notes sheet; `noteNumbers` maps `tableId/noteId` to its number. */
export function addNotesSheet(wb: Workbook, tables: Table[], noteNumbers: Map<string, number>, numbering: Numbering): void {
  const ws = wb.addWorksheet(SHEET.notes, { views: [{ state: 'normal', activeCell: 'A1' }] });
  const lines: Line[] = [{ text: bi('注释', 'Notes'), style: 'title' }];
  // The note texts are verbatim and may say "figures marked *": the marker column ties them to the printed report.
  const withMarker = tables.some((t) => t.notes.some((n) => n.marker));
  const rows: Grid['rows'] = [];
  for (const t of tables) {
    for (const n of t.notes) {
      const sheet = tableSheetName(t.number, numbering);
      rows.push([
        { value: noteRef(noteNumbers.get(`${t.id}/${n.id}`) ?? 0) },
        { value: linkFormula(sheet, sheet) },
        ...(withMarker ? [{ value: n.marker || CODE.notApplicable }] : []),
        { value: n.text.zh },
        { value: n.text.en },
      ]);
    }
  }
  if (!rows.length) {
    // A sheet is never left blank: say that there is nothing to list.
    writeLines(ws, [...lines, { text: bi('本工作簿的表格没有注释。', 'The tables of this workbook have no notes.') }]);
    setPrint(ws, { widths: [ws.getColumn(1).width ?? 10] });
    return;
  }
  lines.push({ text: bi('表格中以“[note 1]”形式引用以下注释。', 'The tables refer to these notes as "[note 1]".') });
  const next = writeLines(ws, lines);
  const grid: Grid = {
    columns: [
      { header: bi('注释编号', 'Note number'), type: 'text' },
      { header: bi('所属表格', 'Table'), type: 'text' },
      ...(withMarker ? [{ header: bi('报告中的标记', 'Marker in the printed report'), type: 'text' as const }] : []),
      { header: bi('注释（中文）', 'Note (Chinese)'), type: 'text' },
      { header: bi('注释（英文）', 'Note (English)'), type: 'text' },
    ],
    rows,
    codes: new Set(),
  };
  writeGridTable(ws, grid, { name: NOTES_TABLE, row: next, above: lines });
}
