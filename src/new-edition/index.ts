/**
 * `baogao new <year>`: starts next year's edition from the current one, the
 * way the bureau starts it. The metadata advance a year; the execution table
 * (Table 1) gets this year's plan targets and empty results; every other
 * table is marked `stale: true` (its figures are last year's); the narrative
 * is copied as the starting draft. `baogao check` then lists what is left to
 * fill as TODO findings.
 *
 * The new edition is assembled in a staging folder and moved into place at
 * the end: it never overwrites anything, and the source is only read.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Document, isMap, isScalar, isSeq, parseDocument, Scalar, YAMLMap, YAMLSeq, type Node } from 'yaml';
import { blocksOf } from '../markdown/blocks.js';
import { blockFingerprint, textFingerprint } from '../markdown/fingerprint.js';
import { carriedKey, executionTable, planTable, targetColumn } from '../model/next-edition.js';
import { BaogaoError, sortFindings, usageError, type Io } from '../diagnostics.js';
import { loadEdition } from '../load/index.js';
import { realTarget } from '../output.js';
import type { Edition, Table } from '../model.js';
import { enDatePlaceholder, shiftYears, zhDatePlaceholder } from './years.js';
import { serializerOptions, YamlFileEditor } from './yaml-edit.js';

export { PLACEHOLDERS } from './years.js';

export interface NewEditionOptions {
  /** Plan year of the new edition. */
  year: number;
  /** The edition to start from. */
  from: string;
  /** Where to create it (default `editions/<year>`). */
  to?: string;
}

export interface NewEditionResult {
  to: string;
  reviewYear: number;
  planYear: number;
  /** The rebuilt execution table. */
  execution: { id: string; file: string; carried: string[]; toFill: number };
  /** The source edition's plan table the targets came from. */
  plan: { id: string; file: string };
  /** Tables marked `stale: true`, by id. */
  stale: string[];
  /** Charts marked `stale: true`, by id. */
  staleFigures: string[];
}

const rel = (from: string, file: string) => path.relative(from, file);

/** Whether `src` (under `from`) belongs to the edition: everything but a top-level output/ and hidden entries. */
function editionEntry(from: string, src: string): boolean {
  const top = path.relative(from, src).split(path.sep)[0];
  return top === '' || (top !== 'output' && !top.startsWith('.'));
}

/** Throws a usage error unless `to` can be created from `from`. */
function checkFolders(from: string, to: string): void {
  if (!fs.existsSync(from) || !fs.statSync(from).isDirectory() || !fs.existsSync(path.join(from, 'edition.yaml'))) {
    throw usageError(`${from} is not an edition folder (no edition.yaml in it); name the current edition with --from DIR`);
  }
  if (fs.existsSync(to)) {
    throw usageError(`${to} already exists; baogao new never overwrites a folder. Choose another one with --to DIR, or delete ${to} first`);
  }
  // Through the real path: a --to reached by a symlink into the source is inside it as well.
  const inside = path.relative(fs.realpathSync(from), realTarget(to));
  if (!inside.startsWith('..') && !path.isAbsolute(inside)) {
    throw usageError(`--to ${to} lies inside the source edition ${from}; create the new edition beside it (e.g. --to editions/<year>)`);
  }
}

/** Loads the source edition; it must be free of load errors. */
function loadSource(from: string, year: number): Edition {
  const loaded = loadEdition(from);
  const errors = loaded.findings.filter((f) => f.severity === 'error');
  if (!loaded.edition || errors.length) {
    throw new BaogaoError(`${from} has errors; fix them (baogao check ${from}) before starting the ${year} edition from it`, sortFindings(loaded.findings));
  }
  const { planYear } = loaded.edition.meta;
  if (year !== planYear + 1) {
    throw usageError(
      `${from} is the ${planYear} edition (plan_year: ${planYear} in ${path.join(from, 'edition.yaml')}); the edition after it is ${planYear + 1}: baogao new ${planYear + 1} --from ${from}`,
    );
  }
  return loaded.edition;
}

/** edition.yaml: years advanced, session date and date replaced by placeholders. */
function advanceMeta(file: string, source: Edition, year: number): void {
  const e = new YamlFileEditor(file, fs.readFileSync(file, 'utf8'));
  const years = [source.meta.reviewYear, source.meta.planYear];
  const shift = (s: string) => shiftYears(s, years, 1);
  e.setString(['review_year'], String(year - 1));
  e.setString(['plan_year'], String(year));
  e.setString(['date'], `${year}-××-××`);
  e.commentAfter(['date'], `TODO (baogao new): placeholder; write the session date, YYYY-MM-DD`);
  for (const lang of ['zh', 'en'] as const) {
    e.mapString(['title', lang], shift);
    e.mapString(['description', lang], shift);
    e.mapString(['edition_label', lang], shift);
    const lines = e.doc.getIn(['title_lines', lang], true);
    if (isSeq(lines)) lines.items.forEach((_, i) => e.mapString(['title_lines', lang, i], shift));
  }
  const chapterYears = e.doc.get('chapter_years', true);
  if (isMap(chapterYears))
    for (const item of chapterYears.items)
      if (isScalar(item.key)) e.mapString(['chapter_years', String(item.key.value)], (y) => (years.includes(Number(y)) ? String(Number(y) + 1) : y));
  e.mapString(['session', 'zh'], (s) => shift(zhDatePlaceholder(s, year)));
  e.mapString(['session', 'en'], (s) => shift(enDatePlaceholder(s, year)));
  e.commentAfter(['session', 'en'], 'TODO (baogao new): write the session date and check the session number');
  // Last year's confirmations were for last year's text: this year's review starts afresh.
  fs.writeFileSync(file, e.result().replace(/^confirmed:.*\n(?:[ \t]+-.*\n)*/m, ''));
}

function quoted(value: string): Scalar {
  const s = new Scalar(value);
  s.type = 'QUOTE_DOUBLE';
  return s;
}

function clone(node: unknown): unknown {
  return node && typeof node === 'object' && 'clone' in node ? (node as Node).clone() : node;
}

/**
 * The execution table for the new review year: one row per row of the
 * source's plan table (same ids), its target carried, every other figure
 * column emptied to `[x]`.
 */
function rebuildExecution(file: string, exec: Table, planFile: string, plan: Table, years: number[], from: string): string[] {
  const text = fs.readFileSync(file, 'utf8');
  const doc = parseDocument(text);
  const planDoc = parseDocument(fs.readFileSync(planFile, 'utf8'));
  const label = exec.columns.find((c) => c.kind === 'label');
  const planLabel = plan.columns.find((c) => c.kind === 'label');
  const planTarget = targetColumn(plan);
  const oldRows = doc.get('rows', true);
  const oldById = new Map<string, YAMLMap>();
  if (isSeq(oldRows)) for (const r of oldRows.items) if (isMap(r)) oldById.set(String(r.get('id')), r);
  const planRows = planDoc.get('rows', true);
  const rows = new YAMLSeq();
  const carried: string[] = [];
  for (const p of isSeq(planRows) ? planRows.items : []) {
    if (!isMap(p)) continue;
    const id = String(p.get('id'));
    const row = new YAMLMap();
    row.set('id', id);
    for (const col of exec.columns) {
      if (col === label) {
        const cell = clone(planLabel ? p.get(planLabel.id, true) : undefined) ?? clone(oldById.get(id)?.get(col.id, true));
        // A note on last year's label (e.g. "preliminary figure") applies to this year's result too.
        const oldNote = (oldById.get(id)?.get(col.id, true) as YAMLMap | undefined)?.get?.('note');
        if (isMap(cell) && oldNote !== undefined && !cell.has('note')) cell.set('note', oldNote);
        row.set(col.id, cell);
      } else if (col.measure === 'target') {
        row.set(col.id, clone(planTarget ? p.get(planTarget, true) : undefined) ?? quoted('[x]'));
        carried.push(id);
      } else {
        row.set(col.id, col.kind === 'list' ? new YAMLSeq() : quoted('[x]'));
      }
    }
    rows.items.push(row);
  }
  doc.set('rows', rows);
  const rowsPair = (doc.contents as YAMLMap).items.find((i) => isScalar(i.key) && i.key.value === 'rows');
  if (rowsPair && isScalar(rowsPair.key)) {
    rowsPair.key.commentBefore = ` baogao new: targets carried from ${path.join(from, 'tables', path.basename(planFile))} (the plan adopted last year);\n fill in every "[x]" with this year's result.`;
  }
  shiftScalars(doc, ['caption'], years);
  shiftYearList(doc.get('years', true), years);
  const notes = doc.get('notes', true);
  if (isSeq(notes)) notes.items.forEach((_, i) => shiftScalars(doc, ['notes', i], years));
  fs.writeFileSync(file, doc.toString(serializerOptions(text)));
  return carried;
}

/** Advances a table's declared `years: [2022]` with the edition. */
function shiftYearList(node: unknown, years: number[]): void {
  if (!isSeq(node)) return;
  for (const item of node.items) if (isScalar(item) && years.includes(Number(item.value))) item.value = Number(item.value) + 1;
}

/** Advances the years in the zh/en scalars under `at` of a whole-document edit. */
function shiftScalars(doc: ReturnType<typeof parseDocument>, at: (string | number)[], years: number[]): void {
  for (const lang of ['zh', 'en']) {
    const node: unknown = doc.getIn([...at, lang], true);
    if (isScalar(node) && typeof node.value === 'string') node.value = shiftYears(node.value, years, 1);
  }
}

/** Any other table: marked stale, its caption's years advanced. */
function markStale(file: string, years: number[], oldYear: number): void {
  const e = new YamlFileEditor(file, fs.readFileSync(file, 'utf8'));
  // Its declared years stay: the figures are still last year's until the editors update them.
  for (const lang of ['zh', 'en'] as const) e.mapString(['caption', lang], (s) => shiftYears(s, years, 1));
  e.setTopLevel('stale', true, 'id', `baogao new: the figures below are from the ${oldYear} edition; update them, then delete this line`);
  fs.writeFileSync(file, e.result());
}

/** A chart: marked stale (its values and note are last year's), its caption's years advanced. */
function markFigureStale(file: string, years: number[], oldYear: number): void {
  const e = new YamlFileEditor(file, fs.readFileSync(file, 'utf8'));
  for (const lang of ['zh', 'en'] as const) e.mapString(['caption', lang], (s) => shiftYears(s, years, 1));
  e.setTopLevel('stale', true, 'id', `baogao new: the values and note below are from the ${oldYear} edition; update them, then delete this line`);
  fs.writeFileSync(file, e.result());
}

/**
 * `carried-over.yaml`: the fingerprints of what was carried, read from the
 * new edition itself, so that the checker can tell an untouched block or
 * field from an edited one. Cells of the execution table that stated a
 * figure last year and are carried as text are listed too.
 */
function writeCarried(staging: string, from: string, source: Edition, execId: string): void {
  const loaded = loadEdition(staging);
  const ed = loaded.edition;
  if (!ed) throw new BaogaoError(`the new edition could not be read back`, sortFindings(loaded.findings));
  const blocks: Record<string, string[]> = {};
  for (const ch of ed.chapters) {
    for (const doc of [ch.docs.zh, ch.docs.en]) blocks[carriedKey(ed, doc.file)] = [...new Set(blocksOf(doc.tree).map(blockFingerprint))];
  }
  const fields: Record<string, string> = {};
  for (const field of ['session', 'description'] as const) {
    const v = ed.meta[field];
    if (v) for (const lang of ['zh', 'en'] as const) fields[`${field}.${lang}`] = textFingerprint(v[lang]);
  }
  const cells: string[] = [];
  const before = source.tables.find((t) => t.id === execId);
  const after = ed.tables.find((t) => t.id === execId);
  for (const row of after?.rows ?? []) {
    for (const [col, cell] of Object.entries(row.cells)) {
      const old = before?.rows.find((r) => r.id === row.id)?.cells[col];
      if (!cell.quantity && cell.text.zh !== '' && old?.quantity) cells.push(`${execId}/${row.id}/${col}`);
    }
  }
  const doc = new Document({ from, blocks, fields, cells });
  doc.commentBefore = ` Written by baogao new: what was carried over from ${from}, as fingerprints.\n A block or field whose text is still the carried one is listed as to-review by baogao check;\n rewrite it, or mark it confirmed (:confirmed in a block, confirmed: [session] in edition.yaml).\n Do not edit this file; delete it once the edition is final.`;
  fs.writeFileSync(path.join(staging, 'carried-over.yaml'), doc.toString({ lineWidth: 0 }));
}

/** Drops last year's `:confirmed` marks from the copied chapters: every block is to review again. */
function dropConfirmations(staging: string, source: Edition): void {
  for (const ch of source.chapters) {
    for (const doc of [ch.docs.zh, ch.docs.en]) {
      if (doc.missing) continue;
      const file = path.join(staging, rel(source.dir, doc.file));
      const text = fs.readFileSync(file, 'utf8');
      const next = text.replace(/[ \t]*(?<!\\):confirmed(?![\w[{])/g, '');
      if (next !== text) fs.writeFileSync(file, next);
    }
  }
}

/** Creates the new edition; returns what it did. */
export function createEdition(opts: NewEditionOptions): NewEditionResult {
  const from = opts.from;
  const to = opts.to ?? path.join('editions', String(opts.year));
  checkFolders(from, to);
  const source = loadSource(from, opts.year);
  const exec = executionTable(source.tables);
  const plan = planTable(source.tables);
  if (!exec || !plan) {
    const what = !exec ? 'the execution table (a table declared role: execution, Table 1)' : 'the plan table (a table declared role: plan)';
    throw new BaogaoError(`${from} has no ${what} in ${path.join(from, 'tables')}; baogao new carries the plan's targets into next year's execution table`);
  }
  const years = [source.meta.reviewYear, source.meta.planYear];
  const parent = path.dirname(path.resolve(to));
  let staging: string;
  try {
    fs.mkdirSync(parent, { recursive: true });
    staging = fs.mkdtempSync(path.join(parent, `.${path.basename(to)}-new-`));
  } catch (e) {
    throw usageError(`cannot create ${to} (${(e as NodeJS.ErrnoException).code ?? String(e)}); choose a folder you can write to with --to DIR`);
  }
  try {
    // The edition's own files only: not its build outputs, nor hidden leftovers (staging folders, locks, .git).
    fs.cpSync(from, staging, { recursive: true, filter: (src) => editionEntry(from, src) });
    const inStaging = (file: string) => path.join(staging, rel(from, file));
    advanceMeta(path.join(staging, 'edition.yaml'), source, opts.year);
    dropConfirmations(staging, source);
    const carried = rebuildExecution(inStaging(exec.file), exec, plan.file, plan, years, from);
    const stale: string[] = [];
    for (const t of source.tables) {
      if (t === exec) continue;
      markStale(inStaging(t.file), years, source.meta.planYear);
      stale.push(t.id);
    }
    for (const f of source.figures) markFigureStale(inStaging(f.file), years, source.meta.planYear);
    writeCarried(staging, from, source, exec.id);
    if (fs.existsSync(to)) throw usageError(`${to} appeared while the new edition was being made; nothing was written`);
    fs.renameSync(staging, to);
    const toFill = carried.length * exec.columns.filter((c) => c.kind !== 'label' && c.measure !== 'target').length;
    return {
      to,
      reviewYear: opts.year - 1,
      planYear: opts.year,
      execution: { id: exec.id, file: path.join(to, rel(from, exec.file)), carried, toFill },
      plan: { id: plan.id, file: plan.file },
      stale,
      staleFigures: source.figures.map((f) => f.id),
    };
  } catch (e) {
    fs.rmSync(staging, { recursive: true, force: true });
    throw e;
  }
}

/** The `baogao new` command: creates the edition and tells the editor what comes next. */
export async function runNew(cmd: { year: number; from: string; to?: string }, io: Io): Promise<number> {
  const r = createEdition(cmd);
  io.err(`baogao new ${r.planYear}: ${cmd.from} → ${r.to}`);
  io.err(`  edition.yaml  review year ${r.reviewYear}, plan year ${r.planYear}; title years advanced; date and session date are placeholders (TODO)`);
  io.err(`  ${r.execution.id}  ${r.execution.carried.length} targets carried from ${r.plan.file}; ${r.execution.toFill} results to fill in (written [x])`);
  io.err(`  stale  ${r.stale.length} tables hold figures of the ${r.planYear - 1} edition and are marked stale: true: ${r.stale.join(', ')}`);
  if (r.staleFigures.length)
    io.err(`  stale  ${r.staleFigures.length} charts show values of the ${r.planYear - 1} edition and are marked stale: true: ${r.staleFigures.join(', ')}`);
  io.err(`  chapters copied as the starting draft; every block is to review until it is rewritten or marked :confirmed (carried-over.yaml)`);
  io.err(`Next: edit ${r.to}, then run  baogao check ${r.to} --previous ${cmd.from}  to see what is left to fill (guide: docs/workflow.md)`);
  return 0;
}
