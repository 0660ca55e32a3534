/** An RFC 4180 reader for the open-data tests, kept apart from the writer it checks. */
import fs from 'node:fs';
import { expect } from 'vitest';

/** RFC 4180 records (quoted fields may hold commas, quotes and line breaks). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += ch;
  }
  expect(field === '' && row.length === 0, 'the file ends with CRLF').toBe(true);
  return rows;
}

/** The records of a CSV text, keyed by its header; every record has as many fields as the header. */
export function csvRecords(text: string): Record<string, string>[] {
  const [header, ...rows] = parseCsv(text);
  for (const r of rows) expect(r.length).toBe(header.length);
  return rows.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]])));
}

/** The records of a CSV file. */
export function readCsvRecords(file: string): Record<string, string>[] {
  return csvRecords(fs.readFileSync(file, 'utf8'));
}
