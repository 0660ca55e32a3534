/**
 * `baogao build`: load → check → HTML → (PDF, XLSX, CSV) → commit. This file only
 * calls the stages in order; each stage lives in its own folder.
 */
import fs from 'node:fs';
import path from 'node:path';
import { runChecks } from './check/index.js';
import type { FigureStatusEntry } from './check/rule.js';
import { failing, openItems } from './report/open-items.js';
import { BaogaoError, sortFindings, type Finding } from './diagnostics.js';
import { loadEdition } from './load/index.js';
import type { Edition, Lang } from './model.js';
import { checkOutDir, commitStaging, createStaging, discardStaging, lockOutput, pruneStale } from './output.js';
import type { HtmlOptions } from './render/html/index.js';
import type { PdfRun } from './render/pdf/index.js';
import { VERSION } from './version.js';

export type Format = 'html' | 'pdf' | 'xlsx' | 'csv' | 'docx';

export interface BuildOptions {
  edition: string;
  out: string;
  langs: Lang[];
  formats: Format[];
  /** Write outputs despite check errors, marked DRAFT. */
  force: boolean;
  /** The print build: refuse while any item is open (TODO) or any error stands. */
  final?: boolean;
  templates: string;
  previous?: string;
  /** Called after each stage with its duration, for the progress lines. */
  onStep?: (name: string, ms: number) => void;
}

export interface BuildResult {
  findings: Finding[];
  files: string[];
  /** The outputs are marked as a draft (征求意见稿 / DRAFT). */
  draft: boolean;
  /** Why: the open items (TODOs) and the errors a forced build went past. */
  open: Finding[];
}

/**
 * The templates folder a build of `edition` reads first: the edition's
 * `templates/` when it has one (each file it lacks is the package's), else
 * `fallback`, the build option (the package's folder).
 */
export function editionTemplates(edition: string, fallback: string): string {
  const own = path.join(edition, 'templates');
  return fs.existsSync(own) && fs.statSync(own).isDirectory() ? own : fallback;
}

async function timed<T>(name: string, opts: BuildOptions, fn: () => T | Promise<T>): Promise<T> {
  const t0 = performance.now();
  const r = await fn();
  opts.onStep?.(name, performance.now() - t0);
  return r;
}

/** What the check stage returns: the findings, the figures each rule examined, and per-figure statuses for check.html. */
export interface CheckResult {
  edition: Edition;
  findings: Finding[];
  stats: Record<string, number>;
  figures: FigureStatusEntry[];
}

/** Loads and checks an edition; throws a {@link BaogaoError} when it cannot be loaded. */
export async function loadAndCheck(opts: Pick<BuildOptions, 'edition' | 'previous' | 'onStep'>): Promise<CheckResult> {
  const o = opts as BuildOptions;
  const loaded = await timed('load', o, () => loadEdition(opts.edition));
  const loadErrors = loaded.findings.filter((f) => f.severity === 'error');
  if (!loaded.edition || loadErrors.length) throw new BaogaoError(`${opts.edition} could not be loaded`, sortFindings(loaded.findings));
  const previous = opts.previous ? loadEdition(opts.previous) : undefined;
  if (previous && !previous.edition) throw new BaogaoError(`previous edition ${opts.previous} could not be loaded`, sortFindings(previous.findings));
  const edition = loaded.edition;
  const stats: Record<string, number> = {};
  const figures: FigureStatusEntry[] = [];
  const checked = await timed('check', o, () => runChecks(edition, { previous: previous?.edition, stats, figures }));
  return { edition, findings: sortFindings([...loaded.findings, ...checked]), stats, figures };
}

/** Builds the requested outputs; nothing in `out` changes unless every stage succeeded. */
export async function build(opts: BuildOptions): Promise<BuildResult> {
  checkOutDir(opts.out, opts.edition);
  // Chromium starts while the edition is loaded, checked and rendered, instead of after it.
  const pdf = opts.formats.includes('pdf') && opts.langs.length ? import('./render/pdf/index.js').then((m) => m.startPdf(opts.langs.length)) : undefined;
  pdf?.catch(() => undefined);
  try {
    return await buildWith(opts, pdf);
  } catch (e) {
    await pdf?.then((p) => p.close(), () => undefined);
    throw e;
  }
}

async function buildWith(opts: BuildOptions, pdf: Promise<PdfRun> | undefined): Promise<BuildResult> {
  const { edition, findings, figures } = await loadAndCheck(opts);
  const errors = failing(findings, false);
  const open = openItems(findings);
  if (opts.final && (errors.length || open.length)) {
    const what = [errors.length ? `${errors.length} error${errors.length === 1 ? '' : 's'}` : '', open.length ? `${open.length} open item${open.length === 1 ? '' : 's'} (TODO)` : ''].filter(Boolean).join(' and ');
    throw new BaogaoError(`build --final refuses: ${what} listed above; nothing was written`, sortFindings([...errors, ...open]));
  }
  if (errors.length && !opts.force) throw new BaogaoError('the check found errors; nothing was written (use --force for a DRAFT build)', findings);
  // Draft or final, never in between: anything open marks every output.
  const draft = errors.length > 0 || open.length > 0;
  const lock = lockOutput(opts.out);
  // A build killed outright (SIGKILL, a power cut) could not delete its browser profile; this one does.
  // Imported here, not at the top: `check` loads this file and must not load the PDF stage.
  (await import('./render/pdf/browser.js')).removeStaleProfiles();
  let staging: string;
  try {
    staging = createStaging(opts.out);
  } catch (e) {
    lock.release();
    throw e;
  }
  try {
    // The edition's own templates/ overrides the package's file by file.
    const templates = editionTemplates(opts.edition, opts.templates);
    const html: HtmlOptions = { templates, langs: opts.langs, draft, version: VERSION };
    // The renderers are loaded when a build needs them: ECharts, exceljs and
    // puppeteer cost seconds to import, which `check` and `--help` need not pay.
    const [{ renderHtml }, { renderCheckReport }] = await Promise.all([import('./render/html/index.js'), import('./render/check-report/index.js')]);
    const { views } = await timed('html', opts, () => renderHtml(edition, staging, html));
    await timed('check report', opts, () => renderCheckReport(edition, findings, staging, { figures, templates }));
    // The workbook and the data files wait until Chromium has loaded the pages:
    // every file a page loads waits for this process to allow it (render/pdf/browser.ts).
    let loaded = () => {};
    const pagesLoaded = new Promise<void>((resolve) => (loaded = resolve));
    const printing = pdf?.then((p) => timed('pdf', opts, () => p.render(edition, staging, { html, views, onLoaded: loaded })));
    const ready = printing ? Promise.race([pagesLoaded, printing.then(() => undefined, () => undefined)]) : Promise.resolve();
    const after = <T>(fn: () => Promise<T>) => ready.then(fn);
    await Promise.all([
      opts.formats.includes('xlsx')
        ? after(() => import('./render/xlsx/index.js').then(({ renderXlsx }) => timed('xlsx', opts, () => renderXlsx(edition, path.join(staging, 'tables.xlsx'), { draft }))))
        : undefined,
      opts.formats.includes('csv') ? after(() => import('./render/csv/index.js').then(({ renderCsv }) => timed('csv', opts, () => renderCsv(edition, staging)))) : undefined,
      opts.formats.includes('docx')
        ? after(() => import('./render/docx/index.js').then(({ renderDocx }) => timed('docx', opts, () => renderDocx(edition, staging, { langs: opts.langs, draft }))))
        : undefined,
      printing,
    ]);
    const files = commitStaging(staging, opts.out);
    if (opts.formats.includes('csv')) pruneStale(opts.out, 'data', /\.csv$/, files);
    return { findings, files, draft, open: [...errors, ...open] };
  } catch (e) {
    discardStaging(staging);
    throw e;
  } finally {
    lock.release();
  }
}
