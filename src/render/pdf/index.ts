/**
 * The PDF stage: prints each language's page once with one headless
 * Chromium, writes the contents' page numbers into that print, then
 * finishes the files with pdf-lib (metadata, outline, reproducible bytes);
 * one language's part is print-lang.ts. Layout lives in templates/print.css;
 * this code only drives the browser.
 */
import fs from 'node:fs';
import os from 'node:os';
import { pathToFileURL } from 'node:url';
import type { Edition, Lang } from '../../model.js';
import { trace } from '../../trace.js';
import { VERSION } from '../../version.js';
import type { HtmlOptions, Templates } from '../html/index.js';
import type { LangView } from '../html/view-model.js';
import { chromiumArgs, PAGE_SETUP } from './browser.js';
import { ensureBrowser } from './find-browser.js';
import { PDF_OPTIONS, printPage } from './page-print.js';
import { PrintCount } from './print-count.js';
import type { PrintFile } from './print.js';
import { hashesNow, keptPrintsLookFresh, printEnv, storedPrints, type PrintWithReads } from './print-store.js';
import type { StartedWorker } from './print-worker-start.js';
import { startRemoteBrowser } from './remote-browser.js';

let prints = 0;

/** How many times this process has asked Chromium for a print (the tests count prints per build). */
export function printCount(): number {
  return prints;
}

/** What decides a print's bytes besides the files it reads (print-store.ts): the browser, its flags, the page's setup. */
function envOf(executablePath: string): string {
  const real = fs.realpathSync(executablePath);
  const st = fs.statSync(real);
  return printEnv({
    browser: [real, st.size, st.mtimeMs],
    args: chromiumArgs(),
    options: PDF_OPTIONS,
    setup: PAGE_SETUP,
    print: printPage.toString(),
    version: VERSION,
  });
}

export interface PdfOptions {
  html: HtmlOptions;
  /** The HTML stage's views, so that nothing is rendered twice. */
  views?: Partial<Record<Lang, LangView>>;
  /** Print the contents' numbers in a second print instead of writing them in (for the tests). */
  reprint?: boolean;
}

/** What one language's print needs besides the edition: the HTML stage's options and view. */
export interface LangPrint {
  html: HtmlOptions;
  view?: LangView;
  /** The HTML stage's compiled templates (of `html.templates`), compiled here when not given. */
  templates?: Templates;
  reprint?: boolean;
}

/** A PDF stage whose browser is starting: {@link PdfRun.printLang} per language, then {@link PdfRun.close}; or {@link PdfRun.render}. */
export interface PdfRun {
  /**
   * Settles once Chromium's process is started (or could not be): the build
   * waits for this before its own work takes the thread, so that Chromium
   * boots on the other core meanwhile rather than after.
   */
  spawned: Promise<void>;
  /**
   * Writes `<lang>/report.pdf` into `staging` and returns its relative path.
   * Languages print at once, each page in its own renderer process: the build
   * starts one as soon as its page is laid out, while it lays out the next.
   */
  printLang(edition: Edition, staging: string, lang: Lang, opts: LangPrint): Promise<string>;
  /** Writes every language's PDF, then closes the browser; returns the relative paths. */
  render(edition: Edition, staging: string, opts: PdfOptions): Promise<string[]>;
  /** Closes the browser (Chromium's exit and its profile's removal). */
  close(): Promise<void>;
  /** Settles once fewer pages are printing than the machine has cores (print-count.ts). */
  coreFree(): Promise<void>;
}

export interface StartOptions {
  /** The output folder being rebuilt: its prints (print-store.ts) are used where nothing they read has changed. */
  out?: string;
  /** The languages to print and the folders their pages come from (the edition, the templates): with `out`, they tell whether Chromium is likely needed at all. */
  langs?: readonly Lang[];
  inputs?: string[];
  /** The print worker the command line started before the build loaded, to be used rather than a new one. */
  worker?: StartedWorker;
}

/**
 * Starts finding and launching the browser and returns at once: the build
 * calls this before it loads the edition, so that Chromium's start (a second
 * or more on the 2-core machine, with puppeteer's import) overlaps load,
 * check and HTML instead of following them.
 */
export function startPdf(pages = 2, start: StartOptions = {}): PdfRun {
  const found = ensureBrowser().then((f) => f.path);
  // Reported by printLang(), or dropped by close(): never an unhandled rejection.
  found.catch(() => undefined);
  let env: Promise<string> | undefined;
  // A rebuild of an unchanged edition takes every print from the store: Chromium is started
  // only if a page turns out to need it, instead of taking a core from load and check.
  const deferred = start.out !== undefined && start.langs !== undefined && keptPrintsLookFresh(start.out, start.langs, start.inputs ?? []);
  // The worker the command line started (print-worker-start.ts) is adopted even when it is not
  // needed yet, so that it ends with the build.
  let remote = start.worker ? startRemoteBrowser(found, pages, { worker: start.worker }) : undefined;
  const browser = () => {
    remote ??= startRemoteBrowser(found, pages);
    remote.launch();
    return remote;
  };
  if (!deferred) browser();
  else trace('browser: not started (the kept prints look current)');
  // The HTML renderer and pdf-lib, which only a print needs, load while Chromium starts.
  const stage = Promise.all([import('./print-lang.js'), import('../html/index.js')]);
  stage.catch(() => undefined);
  const compiled = new Map<string, Templates>();
  // Chromium is closed as soon as every language has had its last print, while the
  // last one is still being finished, rather than after: when each has asked for one and
  // none is printing. (A language can ask again: the build lays its pages out again when
  // the check finds they went to print with the wrong draft mark.)
  const asked = new Set<Lang>();
  const count = new PrintCount(os.availableParallelism(), () => {
    if (asked.size >= pages) void remote?.close();
  });
  /** One language's print; `printed` is called once Chromium has printed its page. */
  const printOne = async (edition: Edition, staging: string, lang: Lang, opts: LangPrint, printed: () => void): Promise<string> => {
    // The folder whose kept prints may be used; a forced second print (the tests' reference) is always Chromium's own.
    const out = opts.reprint ? undefined : start.out;
    // Now, before the next language's layout replaces it.
    const handedOver = out !== undefined ? hashesNow(staging, ['assets/fonts.css']) : {};
    await found;
    const [{ printLang }, { compileTemplates }] = await stage;
    const chromium = async (file: string): Promise<PrintWithReads> => {
      prints++;
      trace(`pdf ${lang}: page sent to Chromium`);
      const result = await browser().print(pathToFileURL(file).href, staging);
      trace(`pdf ${lang}: printed`);
      return result;
    };
    const print: PrintFile =
      out !== undefined
        ? storedPrints({ out, staging, lang, env: () => (env ??= found.then(envOf)), handedOver }, chromium)
        : async (file) => (await chromium(file)).pdf;
    const dir = opts.html.templates;
    const templates = opts.templates ?? compiled.get(dir) ?? compiled.set(dir, compileTemplates(dir)).get(dir)!;
    return printLang(print, edition, lang, staging, templates, opts.html, opts.view, opts.reprint, printed);
  };
  const run: PdfRun = {
    spawned: deferred || !remote ? Promise.resolve() : remote.spawned,
    async printLang(edition, staging, lang, opts) {
      asked.add(lang);
      // Counted down when Chromium has printed the page, or when the language fails before that.
      const printed = count.start();
      try {
        return await printOne(edition, staging, lang, opts, printed);
      } finally {
        printed();
      }
    },
    async render(edition, staging, opts) {
      try {
        return await Promise.all(
          opts.html.langs.map((lang) => run.printLang(edition, staging, lang, { html: opts.html, view: opts.views?.[lang], reprint: opts.reprint })),
        );
      } finally {
        await run.close();
      }
    },
    close: () => remote?.close() ?? Promise.resolve(),
    coreFree: () => count.coreFree(),
  };
  return run;
}

/**
 * Writes `<lang>/report.pdf` into `staging` for each language of the build
 * (the HTML stage has already written the assets there) and returns the
 * relative paths written.
 */
export async function renderPdf(edition: Edition, staging: string, opts: PdfOptions): Promise<string[]> {
  if (!opts.html.langs.length) return [];
  return startPdf(opts.html.langs.length).render(edition, staging, opts);
}
