/**
 * The open data: each table of the annex as a tidy UTF-8 CSV, one record per
 * observation, and one Frictionless `datapackage.json` describing them, in
 * `data/` of the output folder. The bytes depend only on the edition.
 * See docs/xlsx.md ("Open data").
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Edition } from '../../model.js';
import { annexTables, numberNotes } from '../annex-labels.js';
import { tableCsv } from './csv-text.js';
import { csvName, dataPackage } from './datapackage.js';
import { FIELDS } from './observations.js';

/**
 * Writes the open data into `<dir>/data/`; returns the paths written, relative to `dir`.
 * Each file is written as soon as its text is made, so that one table's text
 * is held at a time, not every table's until the end.
 */
export function renderCsv(edition: Edition, dir: string): string[] {
  const out = path.join(dir, 'data');
  fs.mkdirSync(out, { recursive: true });
  const tables = annexTables(edition);
  const noteNumbers = numberNotes(tables);
  const written: string[] = [];
  const write = (name: string, text: string) => {
    fs.writeFileSync(path.join(out, name), text);
    written.push(path.join('data', name));
  };
  for (const t of tables) write(csvName(t), tableCsv(t, noteNumbers));
  write('datapackage.json', `${JSON.stringify(dataPackage(edition.meta, tables, FIELDS), null, 2)}\n`);
  return written;
}
