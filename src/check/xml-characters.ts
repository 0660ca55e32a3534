/**
 * Rule `xml-characters` (error): no text of a table, or of edition.yaml,
 * holds a character that XML forbids — the C0 control characters other than
 * tab and line feed (U+0000–U+001F), U+FFFE, U+FFFF, or half a surrogate
 * pair. Such a character (often pasted in from a word processor or a
 * spreadsheet, or written as a YAML escape like "\u0001") would make the
 * Excel annex's XML invalid, and Excel would refuse or "repair" the file.
 * Each is reported at the character, or at the escape that wrote it.
 */
import path from 'node:path';
import type { Place, Table } from '../model.js';
import { lineColumn, sourceText } from '../source-text.js';
import { yamlTextPlace } from '../model/text-places.js';
import type { Rule } from './rule.js';
import { XML_INVALID } from '../model/xml-text.js';

const YAML_ESCAPES: Record<string, number> = { '0': 0, a: 7, b: 8, t: 9, n: 10, v: 11, f: 12, r: 13, e: 27 };

/** Where, after `from`, a YAML double-quoted escape writes the code point `cp`. */
function escapeAt(text: string, from: number, cp: number): number | undefined {
  const re = /\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|[0abtnvfre])/g;
  re.lastIndex = from;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const code = m[1].length > 1 ? parseInt(m[1].slice(1), 16) : YAML_ESCAPES[m[1]];
    if (code === cp) return m.index;
  }
  return undefined;
}

/** The place of character `offset` of `text`, whose YAML node starts at `at`. */
function placeOf(at: Place, text: string, offset: number): Place {
  const verbatim = yamlTextPlace(at, text, offset);
  if (verbatim !== at) return verbatim;
  const src = sourceText(at.file);
  if (!src) return at;
  const from = (src.lineStarts[at.line - 1] ?? 0) + at.column - 1;
  const hit = escapeAt(src.text, from, text.codePointAt(offset) ?? -1);
  return hit === undefined ? at : { file: at.file, ...lineColumn(src, hit) };
}

function describe(ch: string): string {
  const hex = (ch.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0');
  return `U+${hex}`;
}

/** Every text of a table that the workbook and the CSV write, with the YAML place its search starts from. */
function tableTexts(table: Table): { text: string; place: Place }[] {
  const out: { text: string; place: Place }[] = [];
  const both = (t: { zh: string; en: string } | undefined, place: Place) => t && out.push({ text: t.zh, place }, { text: t.en, place });
  both(table.caption, table.place);
  both(table.source, table.place);
  for (const c of table.columns) both(c.header, c.place);
  for (const row of table.rows) {
    for (const cell of Object.values(row.cells)) {
      if (cell.items) for (const it of cell.items) both(it.text, it.place);
      else both(cell.text, cell.place);
    }
  }
  for (const n of table.notes) {
    both(n.text, n.place);
    if (n.marker) out.push({ text: n.marker, place: n.place });
  }
  return out;
}

export const xmlCharactersRule: Rule = {
  id: 'xml-characters',
  description: 'no table or edition text holds a character that XML (and so the Excel annex) cannot hold',
  run(ctx) {
    const texts = ctx.edition.tables.flatMap(tableTexts);
    // edition.yaml keeps no places in the model: its texts are found from the top of the file.
    const metaPlace: Place = { file: path.join(ctx.edition.dir, 'edition.yaml'), line: 1, column: 1 };
    const m = ctx.edition.meta;
    for (const t of [m.title, m.session, m.issuer, m.contact, m.editionLabel, m.description])
      if (t) texts.push({ text: t.zh, place: metaPlace }, { text: t.en, place: metaPlace });
    for (const k of [...m.keywords.zh, ...m.keywords.en]) texts.push({ text: k, place: metaPlace });
    for (const t of texts) {
      ctx.examined();
      for (const hit of t.text.matchAll(XML_INVALID)) {
        ctx.report({
          severity: 'error',
          place: placeOf(t.place, t.text, hit.index),
          message: `the text holds ${describe(hit[0])}, a control character that XML cannot hold: the Excel annex would be an invalid file; delete it (or write a space)`,
        });
      }
    }
  },
};
