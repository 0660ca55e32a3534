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
import { csvText } from './csv-text.js';
import { csvName, dataPackage } from './datapackage.js';
import { FIELDS, observations } from './observations.js';

/** The files of the open data, by name, as text. */
export function csvFiles(edition: Edition): Map<string, string> {
  const tables = annexTables(edition);
  const noteNumbers = numberNotes(tables);
  const files = new Map<string, string>();
  for (const t of tables) {
    files.set(csvName(t), csvText(FIELDS, observations(t, noteNumbers)));
  }
  files.set('datapackage.json', `${JSON.stringify(dataPackage(edition.meta, tables, FIELDS), null, 2)}\n`);
  return files;
}

/** Writes the open data into `<dir>/data/`; returns the paths written, relative to `dir`. */
export function renderCsv(edition: Edition, dir: string): string[] {
  const out = path.join(dir, 'data');
  fs.mkdirSync(out, { recursive: true });
  const written: string[] = [];
  for (const [name, text] of csvFiles(edition)) {
    fs.writeFileSync(path.join(out, name), text);
    written.push(path.join('data', name));
  }
  return written;
}
