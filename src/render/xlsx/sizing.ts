/**
 * Column widths and row heights. Excel does not size columns or rows for
 * wrapped text when a file is opened, and exceljs cannot measure text, so
 * the workbook estimates both: Excel's width unit is about one Latin digit,
 * and a CJK character (or a full-width sign) takes about two.
 */
import { displayWidth, isWide } from '../../quantity/display-width.js';

/** Points per line of 11-point text: a little more than Calibri's 15, as CJK fallback fonts run taller. */
export const LINE_HEIGHT = 16;

/** Width of a string in Excel's column units (about one Latin digit): East Asian wide characters count 2, others 1. */
export { displayWidth };

/**
 * Width of running text: Latin letters and spaces of a proportional font
 * average about 0.85 of a digit, so English wraps later than its character
 * count suggests. (Column widths still count them as 1, to leave room.)
 */
function textWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += isWide(ch.codePointAt(0) ?? 0) ? 2 : /\d/.test(ch) ? 1 : 0.85;
  return w;
}

/** Lines a text takes when wrapped in a column `width` units wide (explicit line breaks count). */
export function linesWhenWrapped(s: string, width: number): number {
  // One unit goes to the cell's padding, and a line breaks between words, leaving its end unused.
  const usable = Math.max(1, (width - 1) * 0.92);
  return s.split('\n').reduce((n, line) => n + Math.max(1, Math.ceil(textWidth(line) / usable)), 0);
}

export interface WidthLimits {
  min: number;
  max: number;
}

/**
 * A column's width: its widest value plus padding, within limits. The header
 * counts only up to `headerMax`: a long header wraps onto a second line
 * rather than widening a column of short numbers.
 */
export function columnWidth(header: string, values: string[], limits: WidthLimits, headerMax = 24): number {
  const widest = Math.max(0, ...values.flatMap((v) => v.split('\n')).map(displayWidth));
  const want = Math.max(widest + 2, Math.min(displayWidth(header) + 2, headerMax));
  return Math.min(limits.max, Math.max(limits.min, want));
}

/** The height in points of a row whose cells hold `texts` in columns of `widths`. */
export function rowHeight(texts: string[], widths: number[]): number {
  const lines = Math.max(1, ...texts.map((t, i) => linesWhenWrapped(t, widths[i] ?? 10)));
  return lines * LINE_HEIGHT;
}
