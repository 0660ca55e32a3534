/**
 * What every sheet shares: the lines above a table (title, units, source,
 * notes — all in column A, as the Analysis Function guidance asks, so that a
 * screen reader meets them first) and the table itself, written as an Excel
 * Table with one header row, sized for its CJK and English text.
 */
import type { Cell, Font, PageSetup, Worksheet } from 'exceljs';
import { groupThousands } from '../../quantity/decimal.js';
import type { Grid, GridCell } from './table-grid.js';
import { columnWidth, displayWidth, LINE_HEIGHT, linesWhenWrapped, rowHeight } from './sizing.js';

/**
 * 等线 (DengXian), the default typeface of Chinese Office since 2016: it has
 * Chinese glyphs, which Calibri lacks. Every style names it, so no reader
 * falls back to a serif font of its choosing (docs/xlsx.md lists the fallbacks).
 */
export const FONT_NAME = '等线';
/** GB2312: tells Office the font is for Chinese text. */
const CHARSET_GB2312 = 134;
const BASE_FONT: Partial<Font> = { name: FONT_NAME, family: 2, charset: CHARSET_GB2312, size: 11 };

/** Page margins in inches (Excel's "Normal"), written out so that the print width below is a fact of the file. */
export const MARGINS = { left: 0.7, right: 0.7, top: 0.75, bottom: 0.75, header: 0.3, footer: 0.3 };

/**
 * A4 in inches, and the pixels of one of Excel's column-width units: one
 * digit of the default font at 96 dpi, 8 for 等线 11 pt (Chinese Excel's
 * default column, 8.38 units, is 72 px), where Calibri's is 7.
 */
export const A4 = { width: 8.27, height: 11.69 };
export const PX_PER_UNIT = 8;
/**
 * The widest digit among the fonts that stand in for a missing 等线: DejaVu
 * Sans, LibreOffice's last resort, is 9.3 px at 11 pt. LibreOffice sizes
 * columns by the font it actually uses.
 */
export const WIDEST_PX_PER_UNIT = 9.5;

/** How many column-width units fit across a printed A4 page at 100 %. */
export function printableUnits(orientation: 'portrait' | 'landscape', pxPerUnit = PX_PER_UNIT): number {
  const paper = orientation === 'portrait' ? A4.width : A4.height;
  return Math.floor(((paper - MARGINS.left - MARGINS.right) * 96) / pxPerUnit);
}

export interface PrintOptions {
  /** The sheet's column widths, to choose the orientation. */
  widths: number[];
  /** The header row, repeated at the top of every printed page. */
  titleRow?: number;
  /** Fit on one page (the cover), rather than one page wide and as many long as needed. */
  onePage?: boolean;
  /** Top and bottom margins in inches, when not Excel's "Normal" ones. */
  vertical?: number;
}

/**
 * The sheet's print set-up: A4 (paper size 9), portrait when its columns fit
 * across a portrait page and landscape otherwise, scaled to one page wide,
 * the header row repeated on every page, page numbers in the footer.
 */
export function setPrint(ws: Worksheet, opts: PrintOptions): void {
  const width = opts.widths.reduce((a, b) => a + b, 0);
  const orientation = width <= printableUnits('portrait') ? 'portrait' : 'landscape';
  // exceljs declares PaperSize as a const enum it does not export at run time: the number is written out.
  Object.assign(ws.pageSetup, {
    paperSize: 9 as PageSetup['paperSize'],
    orientation,
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: opts.onePage ? 1 : 0,
    margins: opts.vertical === undefined ? MARGINS : { ...MARGINS, top: opts.vertical, bottom: opts.vertical },
    horizontalCentered: false,
  } satisfies Partial<PageSetup>);
  if (opts.titleRow) ws.pageSetup.printTitlesRow = `${opts.titleRow}:${opts.titleRow}`;
  ws.headerFooter.oddFooter = '&C&P / &N';
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
  title: { ...BASE_FONT, bold: true, size: 14 },
  subtitle: { ...BASE_FONT, bold: true, size: 12 },
  heading: { ...BASE_FONT, bold: true },
  plain: BASE_FONT,
};
const LINK_FONT: Partial<Font> = { ...BASE_FONT, color: { argb: 'FF0563C1' }, underline: true };
const HEADER_FONT: Partial<Font> = { ...BASE_FONT, bold: true };

/** Styles a cell as a link (the formula itself does the linking). */
export function styleLink(cell: Cell): void {
  cell.font = LINK_FONT;
}

/**
 * Writes `lines` into column A from row 1; returns the next free row. With
 * `wrapWidth` the lines wrap in a column that wide (the cover sheet); without
 * it they overflow into the empty cells to their right (above a table).
 */
export function writeLines(ws: Worksheet, lines: Line[], wrapWidth?: number, lineHeight = LINE_HEIGHT): number {
  lines.forEach((line, i) => {
    const cell = ws.getCell(i + 1, 1);
    cell.value = line.link ?? line.text;
    cell.font = line.link ? LINK_FONT : FONTS[line.style ?? 'plain'];
    if (wrapWidth) {
      cell.alignment = { wrapText: true, vertical: 'top' };
      const size = FONTS[line.style ?? 'plain'].size ?? 11;
      // Larger type takes more width per character and more height per line.
      const lines = linesWhenWrapped(line.text, (wrapWidth * 11) / size);
      ws.getRow(i + 1).height = Math.ceil((lines * lineHeight * size) / 11);
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
  if (typeof c.value === 'object') return c.value.result;
  return c.value;
}

export interface TableOptions {
  /** Excel Table name: unique in the workbook, no spaces. */
  name: string;
  /** First row of the table (its header row). */
  row: number;
  /** Widest a text column may grow before its text wraps. */
  maxTextWidth?: number;
  /** The lines written above the table (see {@link writeLines}), which print only as far as the print area reaches. */
  above?: Line[];
}

/** Width of the columns added after a table so that a long line above it prints whole. */
const SPILL_WIDTH = 10;

/** The widest line, in column units at its type size. */
function widestLine(lines: Line[]): number {
  return Math.max(0, ...lines.map((l) => (displayWidth(l.link?.result ?? l.text) * (FONTS[l.style ?? 'plain'].size ?? 11)) / 11));
}

/**
 * Writes a grid as an Excel Table at column A, `row`: header row plus data
 * rows, no totals row (the report's 合计 rows are data), filter buttons on;
 * freezes the panes below the header row and sets up the sheet's printing.
 * Returns the column widths.
 */
export function writeGridTable(ws: Worksheet, grid: Grid, opts: TableOptions): number[] {
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
    cell.font = HEADER_FONT;
    cell.alignment = { wrapText: true, vertical: 'top' };
  });
  header.height = rowHeight(
    grid.columns.map((c) => c.header),
    widths,
  );

  grid.rows.forEach((cells, i) => {
    const row = ws.getRow(opts.row + 1 + i);
    cells.forEach((c, j) => {
      const cell = row.getCell(j + 1);
      cell.font = BASE_FONT;
      if (typeof c.value === 'number') {
        cell.numFmt = c.numFmt ?? 'General';
        cell.alignment = { vertical: 'top' };
      } else {
        // Codes like [z] in a number column align right, with the numbers.
        cell.alignment = grid.columns[j].type === 'number' ? { wrapText: true, vertical: 'top', horizontal: 'right' } : { wrapText: true, vertical: 'top' };
        if (typeof c.value === 'object') styleLink(cell);
      }
    });
    row.height = rowHeight(cells.map(shown), widths);
  });
  // The lines above and the header row stay in view while the rows scroll; the cursor stays in A1.
  ws.views = [{ state: 'frozen', xSplit: 0, ySplit: opts.row, topLeftCell: `A${opts.row + 1}`, activeCell: 'A1' }];
  // A line above the table overflows into the cells to its right, but prints
  // only inside the print area: widen the area with empty columns until it fits.
  const printed = [...widths];
  let spill = widestLine(opts.above ?? []) + 1 - widths.reduce((a, b) => a + b, 0);
  while (spill > 0) {
    ws.getColumn(printed.length + 1).width = SPILL_WIDTH;
    printed.push(SPILL_WIDTH);
    spill -= SPILL_WIDTH;
  }
  // exceljs puts a `$` before each end of the range; the rows' `$` makes the reference absolute throughout.
  ws.pageSetup.printArea = `A$1:${ws.getColumn(printed.length).letter}$${opts.row + grid.rows.length}`;
  setPrint(ws, { widths: printed, titleRow: opts.row });
  return printed;
}
