/**
 * CSV as RFC 4180 writes it: fields separated by commas, records ended by
 * CRLF, a field quoted when it holds a comma, a quote or a line break (its
 * quotes doubled). UTF-8 without a byte-order mark, as CSV on the Web and
 * Frictionless Data expect.
 */

function field(s: string): string {
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** The CSV text of a header and its records (each record lists its values in header order). */
export function csvText(header: readonly string[], records: Iterable<readonly string[]>): string {
  let text = `${header.map(field).join(',')}\r\n`;
  for (const r of records) text += `${r.map(field).join(',')}\r\n`;
  return text;
}
