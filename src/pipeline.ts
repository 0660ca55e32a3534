/**
 * The one pipeline of `build` and `watch`: load → check → HTML pages → check
 * report. `build` runs it once into a staging folder and goes on to the PDF
 * and the workbook; `watch` runs it on every save with a {@link PipelineCache},
 * so that only the files that changed are parsed again and only the chapters
 * that changed are laid out again. Both pass the same options.
 */
import fs from 'node:fs';
import path from 'node:path';
import { interrupted } from './cleanup.js';
import { CheckMemo, findsOpenItems, runChecks } from './check/index.js';
import { failing, openItems } from './report/open-items.js';
import { BaogaoError, sortFindings, type FigureStatusEntry, type Finding } from './diagnostics.js';
import { loadEdition } from './load/index.js';
import { SourceCache } from './load/source-cache.js';
import type { Edition, Lang } from './model.js';
import type { HtmlOptions, LangReady } from './render/html/index.js';
import type { LangView } from './render/html/view-model.js';
import type { PageCache } from './render/html/page-cache.js';
import { trace } from './trace.js';
import { VERSION } from './version.js';

/** What the check stage returns: the findings, the figures each rule examined, and per-figure statuses for check.html. */
export interface CheckResult {
  edition: Edition;
  findings: Finding[];
  stats: Record<string, number>;
  figures: FigureStatusEntry[];
}

/** What is open after the check: it decides whether the outputs are a draft, and whether `build` may write them. */
export interface Verdict extends CheckResult {
  /** Errors not acknowledged. */
  errors: Finding[];
  /** Open items (TODO). */
  open: Finding[];
  /** Anything open or failing marks every output as a draft. */
  draft: boolean;
}

/** What `watch` keeps between runs; `build` passes none. */
export class PipelineCache {
  readonly sources = new SourceCache();
  readonly checks = new CheckMemo();
  pages?: PageCache;
  /** The previous edition, loaded once: it is not watched. */
  previous?: { dir: string; edition: Edition };
}

export interface PipelineOptions {
  edition: string;
  /** Last year's edition, for the carry-over check. */
  previous?: string;
  templates: string;
  langs: readonly Lang[];
  /** The editor's preview: figures and rows keep their data keys and places. */
  preview?: boolean;
  cache?: PipelineCache;
  /** Called after each stage with its duration, for the progress lines. */
  onStep?: (name: string, ms: number) => void;
}

export interface PipelineHooks {
  /**
   * Between the check and the first write: throws to refuse, else returns the
   * folder to write into. With `onLang`, first called `provisional`ly, before
   * the check (its verdict only guesses the draft mark), and again once the
   * check has run, after the first language's page went to print: only then may
   * it refuse, and it returns the same folder.
   */
  into(verdict: Verdict, provisional?: boolean): string;
  /** The pages were laid out with the wrong draft mark: settle what `onLang` started before they are laid out again. */
  relayout?(): Promise<void>;
  /**
   * A language's page is laid out and the assets its print needs are written,
   * before the next language is laid out (a build without a cache only).
   */
  onLang?(ready: LangReady, html: HtmlOptions): void;
  /** The pages are written (`written.pages` holds them by relative path, when the cache keeps them); the check report follows. */
  onPages?(written: PagesWritten): void;
  /** Before the check report: a build that prints waits here for a core its prints leave free (PdfRun.coreFree). */
  beforeReport?(): Promise<void>;
}

export interface PagesWritten {
  views: Partial<Record<Lang, LangView>>;
  /** The pages as written, by relative path (zh/index.html …), when the cache keeps them. */
  pages?: Map<string, string>;
  /** Chapters laid out again (all of them without a cache). */
  chapters: number;
  full: boolean;
  /** A character no written font slice covers: the cache writes the slices when asked (after the page is shown). */
  fontsPending?: boolean;
}

export interface PipelineResult extends Verdict, PagesWritten {
  dir: string;
  html: HtmlOptions;
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

async function timed<T>(name: string, opts: Pick<PipelineOptions, 'onStep'>, fn: () => T | Promise<T>): Promise<T> {
  const t0 = performance.now();
  const r = await fn();
  opts.onStep?.(name, performance.now() - t0);
  return r;
}

/**
 * One turn of the event loop between stages, which hold the thread for
 * 0.1–0.5 s each: what a stage started goes on meanwhile (a language's print
 * request reaches the print worker before the next language is laid out),
 * and an interruption (SIGINT …) is seen here and stops the run before the
 * next stage writes into a folder its undo removes.
 */
const turn = () =>
  new Promise<void>((resolve, reject) =>
    setImmediate(() => (interrupted() ? reject(new BaogaoError('interrupted; the build stopped between stages', [], 2)) : resolve())),
  );

function loadPrevious(dir: string, cache?: PipelineCache): Edition {
  if (cache?.previous?.dir === dir) return cache.previous.edition;
  const p = loadEdition(dir);
  if (!p.edition) throw new BaogaoError(`previous edition ${dir} could not be loaded`, sortFindings(p.findings));
  if (cache) cache.previous = { dir, edition: p.edition };
  return p.edition;
}

/** Loads an edition; throws a {@link BaogaoError} when it cannot be loaded. */
async function loadOnly(opts: Pick<PipelineOptions, 'edition' | 'onStep' | 'cache'>): Promise<{ edition: Edition; findings: Finding[] }> {
  const loaded = await timed('load', opts, () => loadEdition(opts.edition, { cache: opts.cache?.sources }));
  const loadErrors = loaded.findings.filter((f) => f.severity === 'error');
  if (!loaded.edition || loadErrors.length) throw new BaogaoError(`${opts.edition} could not be loaded`, sortFindings(loaded.findings));
  await turn();
  return { edition: loaded.edition, findings: loaded.findings };
}

/** Checks a loaded edition (`previous`: last year's, when the caller has loaded it already). */
async function checkLoaded(
  loaded: { edition: Edition; findings: Finding[] },
  opts: Pick<PipelineOptions, 'previous' | 'onStep' | 'cache'>,
  previous = opts.previous ? loadPrevious(opts.previous, opts.cache) : undefined,
): Promise<CheckResult> {
  const { edition } = loaded;
  const stats: Record<string, number> = {};
  const figures: FigureStatusEntry[] = [];
  const checked = await timed('check', opts, () => runChecks(edition, { previous, stats, figures, memo: opts.cache?.checks }));
  return { edition, findings: sortFindings([...loaded.findings, ...checked]), stats, figures };
}

/** Loads and checks an edition; throws a {@link BaogaoError} when it cannot be loaded. */
export async function loadAndCheck(opts: Pick<PipelineOptions, 'edition' | 'previous' | 'onStep' | 'cache'>): Promise<CheckResult> {
  return checkLoaded(await loadOnly(opts), opts);
}

function verdictOf(checked: CheckResult): Verdict {
  const errors = failing(checked.findings, false);
  const open = openItems(checked.findings);
  return { ...checked, errors, open, draft: errors.length > 0 || open.length > 0 };
}

/** load → check → (the caller says where, or refuses) → HTML pages → check report. */
export async function runPipeline(opts: PipelineOptions, hooks: PipelineHooks): Promise<PipelineResult> {
  const loaded = await loadOnly(opts);
  const { edition } = loaded;
  // A build that prints lays out its first language and hands it to Chromium before the
  // check has run: the check decides nothing on a page but its draft mark, which the
  // open-item rules predict (findsOpenItems). That print runs while the other rules do
  // (issue 17); only a forced build over errors finds the guess wrong, and lays out again.
  const early = hooks.onLang !== undefined && !opts.cache && opts.langs.length > 0;
  const previous = early && opts.previous ? loadPrevious(opts.previous) : undefined;
  const guess = early && (findsOpenItems(edition, previous) || openItems(loaded.findings).length > 0);
  let verdict: Verdict | undefined;
  if (!early) {
    verdict = verdictOf(await checkLoaded(loaded, opts));
    trace('pipeline: checked');
    await turn();
  }
  const dir = hooks.into(verdict ?? { ...loaded, stats: {}, figures: [], errors: [], open: [], draft: guess }, !verdict);
  // The edition's own templates/ overrides the package's file by file.
  const templates = editionTemplates(opts.edition, opts.templates);
  const htmlFor = (draft: boolean): HtmlOptions => ({ templates, langs: opts.langs, draft, version: VERSION, ...(opts.preview ? { preview: true } : {}) });
  // The renderers are loaded when a run needs them: ECharts and the rest cost
  // a second to import, which `check` and `--help` need not pay.
  const [{ htmlSteps }, { renderCheckReport }, { PageCache }] = await Promise.all([
    import('./render/html/index.js'),
    import('./render/check-report/index.js'),
    import('./render/html/page-cache.js'),
  ]);
  trace('pipeline: renderers loaded');
  let html = htmlFor(verdict?.draft ?? guess);
  let checkMs = 0;
  /** Every page, each language handed to onLang as it is laid out; undefined when the check, run after the first, says the draft mark was wrong. */
  const layout = async (): Promise<PagesWritten | undefined> => {
    const steps = htmlSteps(edition, dir, html, hooks.onLang !== undefined);
    for (let r = steps.next(); ; r = steps.next()) {
      if (r.done) return { ...r.value, chapters: edition.chapters.length, full: true };
      hooks.onLang?.(r.value, html);
      // The print of this language starts (its page is sent to Chromium) before the next is laid out.
      await turn();
      if (verdict) continue;
      const t0 = performance.now();
      verdict = verdictOf(await checkLoaded(loaded, opts, previous));
      trace('pipeline: checked');
      checkMs = performance.now() - t0;
      hooks.into(verdict, false);
      if (verdict.draft !== html.draft) return undefined;
    }
  };
  const t0 = performance.now();
  let written: PagesWritten | undefined;
  if (opts.cache) {
    opts.cache.pages ??= new PageCache();
    written = opts.cache.pages.render(edition, dir, html, (f) => opts.cache?.sources.hashOf(f));
  } else written = await layout();
  if (!written) {
    // What was sent is let finish first: it writes into this folder.
    await hooks.relayout?.();
    html = htmlFor(verdict!.draft);
    written = (await layout())!;
  }
  opts.onStep?.('html', performance.now() - t0 - checkMs);
  const final = verdict!;
  if (hooks.onPages) {
    hooks.onPages(written);
    // Let what onPages sent (the preview's patch) leave before the check report takes the thread:
    // two turns, so that a poll phase runs between (a page in this process reads its patch there).
    await turn();
    await turn();
  }
  trace('pipeline: pages written');
  if (hooks.beforeReport) {
    await hooks.beforeReport();
    // The wait lasts as long as a print: an interruption meanwhile has removed the folder the
    // report would write into (and would make again), so the build stops here as between stages.
    await turn();
  }
  await timed('check report', opts, () => renderCheckReport(final.edition, final.findings, dir, { figures: final.figures, templates }));
  trace('pipeline: check report written');
  return { ...final, ...written, dir, html };
}
