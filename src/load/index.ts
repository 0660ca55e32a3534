/**
 * The loader stage: an edition folder in, a typed, validated, resolved
 * {@link Edition} out. Every problem in every file is collected and reported
 * together; the first one does not hide the rest.
 */
import fs from 'node:fs';
import path from 'node:path';
import type * as z from 'zod/mini';
import { Collector, fileStart, type Finding } from '../diagnostics.js';
import type { Acknowledgement, Edition, Figure, GlossaryTerm, Meta, Style, Table } from '../model.js';
import { DEFAULT_PRECISION } from '../quantity/format.js';
import { loadCarried, tableAcknowledgements } from './load-review.js';
import { loadChapters } from './load-chapters.js';
import { loadFigure } from './load-figure.js';
import { loadTable } from './load-table.js';
import { present } from './read-source.js';
import { resolve } from './resolve.js';
import { fileReader, type ParseFile, type SourceCache } from './source-cache.js';
import { carriedSchema, editionSchema, figureSchema, glossarySchema, tableSchema, type EditionData } from './schemas.js';
import { parseYaml, validate, type YamlFile } from './yaml-doc.js';

export interface LoadResult {
  edition?: Edition;
  findings: Finding[];
}

type Parsed<S extends z.ZodMiniType> = { data: z.infer<S>; y: YamlFile } | undefined;

function readYaml<S extends z.ZodMiniType>(read: ParseFile, file: string, schema: S): Parsed<S> {
  return (
    read(file, (text, c): Parsed<S> => {
      const y = parseYaml(text, file, c);
      const data = y && validate(y, schema, c);
      return y && data !== undefined ? { data, y } : undefined;
    }) ?? undefined
  );
}

/** Data files of one kind, sorted by name so that builds are deterministic. */
function dataFiles(dir: string, sub: string): string[] {
  const folder = path.join(dir, sub);
  if (!fs.existsSync(folder)) return [];
  return fs
    .readdirSync(folder)
    .filter((n) => /\.ya?ml$/.test(n))
    .sort()
    .map((n) => path.join(folder, n));
}

function toMeta(d: EditionData, y: YamlFile): Meta {
  const placeholder = d.date.includes('×');
  return {
    reviewYear: d.review_year,
    planYear: d.plan_year,
    // A placeholder still dates the files (deterministically); it is never printed as the session date.
    date: placeholder ? `${d.date.slice(0, 4)}-01-01` : d.date,
    datePlaceholder: placeholder || undefined,
    // Shanghai's, unless the edition says otherwise: the reports this tool was written for are Jing'an's.
    timezone: d.timezone ?? '+08:00',
    confirmed: d.confirmed ?? [],
    severity: Object.entries(d.severity ?? {}).map(([rule, severity]) => ({ rule, severity, place: y.placeOf(['severity', rule]) })),
    places: Object.fromEntries(
      ['date', 'session.zh', 'session.en', 'description.zh', 'description.en', 'title.zh', 'title.en'].map((k) => [k, y.placeOf(k.split('.'))]),
    ),
    place: y.placeOf([]),
    title: d.title,
    titleLines: { zh: d.title_lines?.zh ?? [d.title.zh], en: d.title_lines?.en ?? [d.title.en] },
    session: d.session,
    issuer: d.issuer,
    contact: d.contact,
    editionLabel: d.edition_label,
    labels: d.labels ?? {},
    description: d.description,
    keywords: d.keywords ?? { zh: [], en: [] },
    chapterOrder: d.chapters,
    chapterYears: d.chapter_years ?? {},
    requireCitations: d.require_citations ?? false,
    style: toStyle(d.style, d.numbering),
  };
}

/** Official English rounds (RMB 63.89 billion) and does not bold figures; the Chinese report does. */
function toStyle(s: EditionData['style'], numbering?: EditionData['numbering']): Style {
  const p = s?.en?.precision;
  // A single style names the Chinese numbering: English keeps Table 1 unless it is set itself.
  const n = typeof numbering === 'string' ? { zh: numbering } : numbering;
  return {
    numbering: { zh: n?.zh ?? 'arabic', en: n?.en ?? 'arabic' },
    boldFigures: { zh: s?.zh?.bold_figures ?? true, en: s?.en?.bold_figures ?? false },
    precision: p === 'exact' ? undefined : { ...DEFAULT_PRECISION, ...p },
  };
}

export interface LoadOptions {
  /** Reuse the parse of files that did not change (baogao watch). */
  cache?: SourceCache;
}

/** Loads whatever of the edition can be loaded, with every finding. */
export function loadEdition(dir: string, opts: LoadOptions = {}): LoadResult {
  const out = new Collector();
  const { cache } = opts;
  cache?.begin();
  const seen = new Set<string>();
  const read = fileReader(dir, out, cache, seen);
  const result = loadInto(dir, read, out);
  cache?.prune(seen);
  return result;
}

function loadInto(dir: string, read: ParseFile, out: Collector): LoadResult {
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) {
    out.error('load/edition', fileStart(dir), 'is not an edition folder (expected a folder with edition.yaml, zh/, en/, tables/)');
    return { findings: out.findings };
  }
  const meta = readYaml(read, path.join(dir, 'edition.yaml'), editionSchema);
  // The English text of value cells is generated at load, in the edition's rounding.
  const precision = toStyle(meta?.data.style).precision;
  const tables: Table[] = [];
  const acknowledgements: Acknowledgement[] = [];
  // Ids of data files that exist but could not be read: a reference to one
  // would only repeat that file's own error, so it is not reported again.
  const unreadable = new Set<string>();
  const idOf = (file: string) => path.basename(file).replace(/\.ya?ml$/, '');
  for (const file of dataFiles(dir, 'tables')) {
    const t = readYaml(read, file, tableSchema);
    const expected = idOf(file);
    if (!t) {
      unreadable.add(expected);
      continue;
    }
    if (t.data.id !== expected) {
      out.error('load/id', t.y.placeOf(['id']), `id "${t.data.id}" differs from the file name "${expected}"`);
      unreadable.add(expected);
    }
    const dup = tables.find((x) => x.id === t.data.id);
    if (dup) out.error('load/duplicate-id', t.y.placeOf(['id']), `table id "${t.data.id}" is also used by ${dup.file}`);
    else {
      const table = loadTable(t.data, t.y, out, precision);
      tables.push(table);
      acknowledgements.push(...tableAcknowledgements(t.data, t.y, table, out));
    }
  }
  const figures: Figure[] = [];
  for (const file of dataFiles(dir, 'figures')) {
    const f = readYaml(read, file, figureSchema);
    if (f) figures.push(loadFigure(f.data, f.y, tables, out, unreadable));
    else unreadable.add(idOf(file));
  }
  const glossaryFile = path.join(dir, 'glossary.yaml');
  const glossary: GlossaryTerm[] = [];
  const g = present(glossaryFile) ? readYaml(read, glossaryFile, glossarySchema) : undefined;
  g?.data.terms.forEach((t, i) => glossary.push({ ...t, place: g.y.placeOf(['terms', i]) }));
  if (!meta) return { findings: out.findings };
  const chapters = loadChapters(dir, meta.data.chapters, (i) => meta.y.placeOf(['chapters', i]), read, out, acknowledgements);
  const carriedFile = path.join(dir, 'carried-over.yaml');
  const c = fs.existsSync(carriedFile) ? readYaml(read, carriedFile, carriedSchema) : undefined;
  const carried = c ? loadCarried(c.data, carriedFile) : undefined;
  const edition: Edition = { dir, meta: toMeta(meta.data, meta.y), chapters, tables, figures, glossary, acknowledgements, ...(carried ? { carried } : {}) };
  resolve(edition, out, unreadable);
  return { edition, findings: out.findings };
}
