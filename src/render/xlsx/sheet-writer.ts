/**
 * What every sheet shares: the lines above a table (title, units, source,
 * notes — all in column A, as the Analysis Function guidance asks, so that a
 * screen reader meets them first) and the table itself, written as an Excel
 * Table with one header row, sized for its CJK and English text.
 */
import type { Cell, Font, PageSetup, Worksheet } from 'exceljs';
import { groupThousands } from '../../quantity/decimal.js';
import type { Grid, GridCell } from './table-grid.js';
import { columnWidth, LINE_HEIGHT, linesWhenWrapped, rowHeight } from './sizing.js';

/** Prints on A4 (paper size 9), as wide as the page and as many pages long as needed. */
export function pageSetup(orientation: 'portrait' | 'landscape'): Partial<PageSetup> {
  // exceljs declares PaperSize as a const enum it does not export at run time: the number is written out.
  return { paperSize: 9 as PageSetup['paperSize'], orientation, fitToPage: true, fitToWidth: 1, fitToHeight: 0 };
}

export type LineStyle = 'title' | 'subtitle' | 'heading' | 'plain';

/** One line of column A above a table, or a link to another sheet. */
export interface Line {
  text: string;
  style?: LineStyle;
  /** A HYPERLINK formula (see `linkFormula`); `text` is its displayed result. */
  link?: { formula: string; result: string };
}

const FONTS: Record<LineStyle, Partial<Font>> = {
  title: { bold: true, size: 14 },
  subtitle: { bold: true, size: 12 },
  heading: { bold: true, size: 11 },
  plain: { size: 11 },
};
const LINK_FONT: Partial<Font> = { color: { argb: 'FF0563C1' }, underline: true };

/** Styles a cell as a link (the formula itself does the linking). */
export function styleLink(cell: Cell): void {
  cell.font = LINK_FONT;
}

/**
 * Writes `lines` into column A from row 1; returns the next free row. With
 * `wrapWidth` the lines wrap in a column that wide (the cover sheet); without
 * it they overflow into the empty cells to their right (above a table).
 */
export function writeLines(ws: Worksheet, lines: Line[], wrapWidth?: number): number {
  lines.forEach((line, i) => {
    const cell = ws.getCell(i + 1, 1);
    cell.value = line.link ?? line.text;
    cell.font = line.link ? LINK_FONT : FONTS[line.style ?? 'plain'];
    if (wrapWidth) {
      cell.alignment = { wrapText: true, vertical: 'top' };
      const size = FONTS[line.style ?? 'plain'].size ?? 11;
      // Larger type takes more width per character and more height per line.
      const lines = linesWhenWrapped(line.text, (wrapWidth * 11) / size);
      ws.getRow(i + 1).height = Math.ceil((lines * LINE_HEIGHT * size) / 11);
    }
  });
  return lines.length + 1;
}

/** What a cell shows, for measuring: numbers as their format prints them. */
function shown(c: GridCell): string {
  if (typeof c.value === 'number') {
    const decimals = /\.(0+)$/.exec(c.numFmt ?? '')?.[1].length ?? 0;
    return c.numFmt?.includes(',') ? groupThousands(c.value.toFixed(decimals)) : c.value.toFixed(decimals);
  }
  if (c.value !== null && typeof c.value === 'object') return c.value.result;
  return c.value ?? '';
}

export interface TableOptions {
  /** Excel Table name: unique in the workbook, no spaces. */
  name: string;
  /** First row of the table (its header row). */
  row: number;
  /** Widest a text column may grow before its text wraps. */
  maxTextWidth?: number;
}

/**
 * Writes a grid as an Excel Table at column A, `row`: header row plus data
 * rows, no totals row (the report's 合计 rows are data), filter buttons on.
 */
export function writeGridTable(ws: Worksheet, grid: Grid, opts: TableOptions): void {
  ws.addTable({
    name: opts.name,
    displayName: opts.name,
    ref: `A${opts.row}`,
    headerRow: true,
    totalsRow: false,
    style: { theme: 'TableStyleLight9', showRowStripes: true },
    columns: grid.columns.map((c) => ({ name: c.header, filterButton: true })),
    rows: grid.rows.map((r) => r.map((c) => c.value)),
  });
  const widths = grid.columns.map((col, j) =>
    columnWidth(
      col.header,
      grid.rows.map((r) => shown(r[j])),
      col.type === 'number' ? { min: 10, max: 20 } : { min: 12, max: opts.maxTextWidth ?? 60 },
      // Number columns stay narrow: their long bilingual header wraps instead.
      col.type === 'number' ? 14 : 24,
    ),
  );
  widths.forEach((w, j) => (ws.getColumn(j + 1).width = w));

  const header = ws.getRow(opts.row);
  grid.columns.forEach((_, j) => {
    const cell = header.getCell(j + 1);
    cell.font = { bold: true };
    cell.alignment = { wrapText: true, vertical: 'top' };
  });
  header.height = rowHeight(grid.columns.map((c) => c.header), widths);

  grid.rows.forEach((cells, i) => {
    const row = ws.getRow(opts.row + 1 + i);
    cells.forEach((c, j) => {
      const cell = row.getCell(j + 1);
      if (typeof c.value === 'number') {
        cell.numFmt = c.numFmt ?? 'General';
        cell.alignment = { vertical: 'top' };
      } else {
        // Codes like [z] in a number column align right, with the numbers.
        cell.alignment = grid.columns[j].type === 'number' ? { wrapText: true, vertical: 'top', horizontal: 'right' } : { wrapText: true, vertical: 'top' };
        if (c.value !== null && typeof c.value === 'object') styleLink(cell);
      }
    });
    row.height = rowHeight(cells.map(shown), widths);
  });
}

/**
 * Makes exceljs' Table parts look like Excel's own: exceljs marks a table
 * without a totals row as having shown one (`totalsRowShown="1"`), gives
 * every column totals-row attributes, and lists every filter button
 * explicitly. None of it is wrong, but a table without a totals row should
 * not say it has one, and Excel rewrites all three on its first save.
 */
export function tidyTableXml(name: string, xml: string): string {
  if (!/^xl\/tables\/table\d+\.xml$/.test(name)) return xml;
  return xml
    .replace(' totalsRowShown="1"', ' totalsRowShown="0"')
    .replace(/ totalsRow(Label|Function)="[^"]*"/g, '')
    .replace(/<filterColumn colId="\d+" hiddenButton="0"\/>/g, '')
    .replace(/(<autoFilter ref="[^"]*")><\/autoFilter>/, '$1/>');
}
