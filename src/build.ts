/**
 * `baogao build`: the pipeline shared with `watch` (load → check → HTML →
 * check report, src/pipeline.ts) into a staging folder, then PDF, XLSX, CSV,
 * DOCX, then commit. This file only calls the stages in order; each stage
 * lives in its own folder.
 */
import path from 'node:path';
import { interrupted } from './cleanup.js';
import { BaogaoError, sortFindings, type Finding } from './diagnostics.js';
import type { Edition, Lang } from './model.js';
import { checkOutDir, commitStaging, createStaging, discardStaging, lockOutput, pruneStale, type OutputLock } from './output.js';
import { runPipeline, type Verdict } from './pipeline.js';
import type { HtmlOptions, LangReady } from './render/html/index.js';
import type { PdfRun } from './render/pdf/index.js';
import type { StartedWorker } from './render/pdf/print-worker-start.js';
import { trace } from './trace.js';

const noop = (): void => undefined;

export { editionTemplates, loadAndCheck, type CheckResult } from './pipeline.js';

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
  /** The print worker the command line started (render/pdf/print-worker-start.ts); the build ends it. */
  printWorker?: StartedWorker;
}

export interface BuildResult {
  findings: Finding[];
  files: string[];
  /** The outputs are marked as a draft (征求意见稿 / DRAFT). */
  draft: boolean;
  /** Why: the open items (TODOs) and the errors a forced build went past. */
  open: Finding[];
}

async function timed<T>(name: string, opts: BuildOptions, fn: () => T | Promise<T>): Promise<T> {
  const t0 = performance.now();
  trace(`${name}: start`);
  const r = await fn();
  trace(`${name}: end`);
  opts.onStep?.(name, performance.now() - t0);
  return r;
}

/** `build --final` and a build with errors refuse before anything is written. */
function refuse(v: Verdict, opts: BuildOptions): void {
  const { errors, open } = v;
  if (opts.final && (errors.length || open.length)) {
    const what = [
      errors.length ? `${errors.length} error${errors.length === 1 ? '' : 's'}` : '',
      open.length ? `${open.length} open item${open.length === 1 ? '' : 's'} (TODO)` : '',
    ]
      .filter(Boolean)
      .join(' and ');
    throw new BaogaoError(`build --final refuses: ${what} listed above; nothing was written`, sortFindings([...errors, ...open]));
  }
  if (errors.length && !opts.force) throw new BaogaoError('the check found errors; nothing was written (use --force for a DRAFT build)', v.findings);
}

/** Builds the requested outputs; nothing in `out` changes unless every stage succeeded. */
export async function build(opts: BuildOptions): Promise<BuildResult> {
  trace('build: start');
  const printing = opts.formats.includes('pdf') && opts.langs.length > 0;
  try {
    checkOutDir(opts.out, opts.edition);
  } catch (e) {
    await opts.printWorker?.close();
    throw e;
  }
  if (!printing) await opts.printWorker?.close();
  // Chromium starts while the edition is loaded, checked and rendered, instead of after it.
  const pdf = printing
    ? import('./render/pdf/index.js').then((m) =>
        m.startPdf(opts.langs.length, { out: opts.out, langs: opts.langs, inputs: [opts.edition, opts.templates], worker: opts.printWorker }),
      )
    : undefined;
  pdf?.catch(() => undefined);
  try {
    // Load and check hold the thread for half a second: Chromium is spawned
    // first so that it boots on the other core meanwhile.
    await pdf?.then((p) => p.spawned);
    return await buildWith(opts, pdf);
  } catch (e) {
    await pdf?.then(
      (p) => p.close(),
      () => opts.printWorker?.close(),
    );
    throw e;
  }
}

async function buildWith(opts: BuildOptions, pdf: Promise<PdfRun> | undefined): Promise<BuildResult> {
  let lock: OutputLock | undefined;
  let staging: string | undefined;
  // Chromium's exit and its profile's removal overlap the commit; the build returns once both are done.
  let closing: Promise<void> | undefined;
  // Imported here, not at the top: `check` loads this file and must not load the PDF stage.
  const { removeStaleProfiles } = await import('./render/pdf/browser.js');
  // Each language prints as soon as its page is laid out, while the next one is, and the check report.
  const prints: Promise<string>[] = [];
  let printing: Promise<string[]> | undefined;
  try {
    let checked: Edition | undefined;
    // Called before the check when the build prints (its verdict then only guesses the draft
    // mark), and again after it: a refusal throws then, and the staging folder goes with it.
    const into = (v: Verdict, provisional?: boolean) => {
      if (!provisional) refuse(v, opts);
      checked = v.edition;
      if (staging) return staging;
      lock = lockOutput(opts.out);
      // A build killed outright (SIGKILL, a power cut) could not delete its browser profile; this one does.
      removeStaleProfiles();
      return (staging = createStaging(opts.out));
    };
    // The pages go out again with the other draft mark: the prints already asked for finish first.
    const relayout = async () => {
      await Promise.allSettled(prints.splice(0));
    };
    let t0 = 0;
    const onLang = ({ lang, view, templates }: LangReady, html: HtmlOptions) => {
      const [ed, dir] = [checked!, staging!];
      t0 ||= performance.now();
      const p = pdf!.then((run) => run.printLang(ed, dir, lang, { html, view, templates }));
      // Awaited below; a failure before that (the next language's layout) must not leave it unhandled.
      p.catch(noop);
      prints.push(p);
    };
    // The check report and the formats after it are written on a core the prints leave free:
    // on two cores, once one of the two pages has printed (print-count.ts).
    const beforeReport = pdf ? () => pdf.then((run) => run.coreFree(), noop) : undefined;
    // load → check → HTML (each language's print starts) → check report, as `watch` runs it.
    const { edition, findings, errors, open, draft, dir } = await runPipeline(opts, { into, onLang: pdf ? onLang : undefined, relayout, beforeReport });
    trace('build: pipeline done');
    printing = pdf
      ? Promise.all(prints).then(async (files) => {
          opts.onStep?.('pdf', performance.now() - t0);
          // Chromium's exit and its profile's removal overlap the commit; the build returns once both are done.
          closing = (await pdf).close();
          return files;
        })
      : undefined;
    printing?.catch(noop);
    // The other formats are written while Chromium prints. Interrupted meanwhile: the staging
    // folder is being removed, and no format may make it again.
    const after = <T>(fn: () => Promise<T>) => Promise.resolve().then(() => (interrupted() ? Promise.reject(new BaogaoError('interrupted', [], 2)) : fn()));
    await Promise.all([
      opts.formats.includes('xlsx')
        ? after(() =>
            import('./render/xlsx/index.js').then(({ renderXlsx }) => timed('xlsx', opts, () => renderXlsx(edition, path.join(dir, 'tables.xlsx'), { draft }))),
          )
        : undefined,
      opts.formats.includes('csv')
        ? after(() => import('./render/csv/index.js').then(({ renderCsv }) => timed('csv', opts, () => renderCsv(edition, dir))))
        : undefined,
      opts.formats.includes('docx')
        ? after(() =>
            import('./render/docx/index.js').then(({ renderDocx }) => timed('docx', opts, () => renderDocx(edition, dir, { langs: opts.langs, draft }))),
          )
        : undefined,
      printing,
    ]);
    trace('build: every format written');
    const files = commitStaging(dir, opts.out);
    trace('build: outputs committed');
    staging = undefined;
    if (opts.formats.includes('csv')) pruneStale(opts.out, 'data', /\.csv$/, files);
    await closing;
    trace('build: browser closed');
    // The kept prints (render/pdf/print-store.ts) are the build's own business.
    return { findings, files: files.filter((f) => !f.startsWith('.baogao')), draft, open: [...errors, ...open] };
  } catch (e) {
    // A refusal can come while a page prints (the check runs meanwhile): Chromium is closed
    // first, so that the print fails at once rather than being waited for.
    await pdf?.then((p) => p.close()).catch(noop);
    // The prints write into the staging folder: they end before the folder goes.
    await Promise.allSettled(prints);
    if (staging) discardStaging(staging);
    await closing?.catch(() => undefined);
    throw e;
  } finally {
    lock?.release();
  }
}
