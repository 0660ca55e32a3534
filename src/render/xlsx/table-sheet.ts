/**
 * One sheet per report table (`表1` …): the titles in A1/A2, then units,
 * source, notes and codes in column A, then the table as an Excel Table.
 */
import type { Workbook } from 'exceljs';
import type { Meta, Table } from '../../model.js';
import { bi, codesSentence, linkFormula, noteRef, SHEET, tableObjectName, tableSheetName, theBody, unitEnglish } from '../annex-labels.js';
import { type Line, writeGridTable, writeLines } from './sheet-writer.js';
import { tableGrid } from './table-grid.js';
import { refLabel } from '../../model/labels.js';

/** Where the units of this table's figures are written. */
function unitsLine(table: Table): Line | undefined {
  const units = [...new Set(table.columns.filter((c) => c.kind === 'number').map((c) => c.unit ?? ''))];
  const hasValues = table.columns.some((c) => c.kind === 'value' && table.rows.some((r) => r.cells[c.id]?.quantity));
  const zh: string[] = [];
  const en: string[] = [];
  if (units.length) {
    zh.push(`单位：${units.join('、')}，见列标题`);
    en.push(`Units: ${units.map(unitEnglish).join(', ')}, as given in the column headings`);
  }
  if (hasValues) {
    zh.push(units.length ? '数值的单位见“单位”列' : '单位：见各“单位”列');
    en.push(units.length ? 'the units of the figures are in the unit columns' : 'Units: given in the unit columns');
  }
  if (zh.length) return { text: bi(`${zh.join('；')}。`, `${en.join('; ')}.`) };
  if (table.columns.some((c) => c.kind === 'list')) {
    return { text: bi('本表为文字表：每项一行，类别在每行重复。', 'A text table: one row per item, with the category repeated on each row.') };
  }
  return undefined;
}

/** The table's own source, or else the report itself (the issuer is not a statistical source). */
function sourceLine(table: Table, meta: Meta): Line {
  if (table.source) return { text: bi(`资料来源：${table.source.zh}。`, `Source: ${table.source.en}.`) };
  return { text: bi(`资料来源：${meta.issuer.zh}发布的本报告。`, `Source: this report, issued by ${theBody(meta.issuer.en)}.`) };
}

/** What the codes in this table's cells mean (each table says so itself, as the guidance asks). */
function codesLine(codes: Set<string>): Line | undefined {
  const s = codesSentence(codes);
  return s ? { text: bi(s.zh, s.en) } : undefined;
}

/** Adds the sheet of one table; `noteNumbers` maps `tableId/noteId` to its workbook-wide number. */
export function addTableSheet(wb: Workbook, table: Table, meta: Meta, noteNumbers: Map<string, number>): void {
  const name = tableSheetName(table.number, meta.style.numbering);
  const ws = wb.addWorksheet(name, { views: [{ state: 'normal', activeCell: 'A1' }] });
  const grid = tableGrid(table, noteNumbers);
  const refs = table.notes.map((n) => noteRef(noteNumbers.get(`${table.id}/${n.id}`) ?? 0)).join(' ');
  const lines: (Line | undefined)[] = [
    { text: `${refLabel('table', table.number, 'zh', meta.style.numbering)} ${table.caption.zh}`, style: 'title' },
    { text: `${refLabel('table', table.number, 'en', meta.style.numbering)} ${table.caption.en}`, style: 'subtitle' },
    unitsLine(table),
    sourceLine(table, meta),
    refs ? { text: bi(`本表注释：${refs}，全文见“注释 Notes”工作表。`, `Notes to this table: ${refs}, given in full on the Notes sheet.`) } : undefined,
    codesLine(grid.codes),
    { text: SHEET.contents, link: linkFormula(SHEET.contents, bi('返回目录', 'Back to the contents')) },
  ];
  const above = lines.filter((l): l is Line => l !== undefined);
  const next = writeLines(ws, above);
  writeGridTable(ws, grid, { name: tableObjectName(table), row: next, above });
}
