/**
 * The PDF stage: prints each language's page once with one headless
 * Chromium, writes the contents' page numbers into that print, then
 * finishes the files with pdf-lib (metadata, outline, reproducible bytes). Layout lives in
 * templates/print.css; this code only drives the browser.
 */
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Edition, Lang } from '../../model.js';
import { VERSION } from '../../version.js';
import { compileTemplates, renderLangPage, type HtmlOptions } from '../html/index.js';
import { langView, type LangView } from '../html/view-model.js';
import { ensureBrowser } from './find-browser.js';
import { finishPdf, type OutlineItem } from './finish.js';
import { printEdition, type Anchor, type PrintFile } from './print.js';
import { startRemoteBrowser } from './remote-browser.js';
import { trace } from '../../trace.js';

const PDF_LANG: Record<Lang, string> = { zh: 'zh-Hans', en: 'en' };

/** The outline: the contents page (when the contents has entries), then chapters (一、) with their sections (（一）). */
function outlineOf(view: LangView, anchors: Record<string, Anchor>, contents: Anchor | undefined): OutlineItem[] {
  const items: OutlineItem[] = contents ? [{ title: view.words.contents, anchor: contents, children: [] }] : [];
  for (const entry of view.toc) {
    const item: OutlineItem = { title: entry.text, anchor: anchors[entry.id], children: [] };
    const parent = items[items.length - 1];
    if (entry.depth > 1 && items.length > (contents ? 1 : 0)) parent.children.push(item);
    else items.push(item);
  }
  return items;
}

type Templates = ReturnType<typeof compileTemplates>;

/** Prints, finishes and writes one language's PDF on the given page. */
async function printLang(
  print: PrintFile,
  edition: Edition,
  lang: Lang,
  staging: string,
  templates: Templates,
  html: HtmlOptions,
  built?: LangView,
  reprint?: boolean,
  lastPrint: () => void = () => undefined,
): Promise<string> {
  const { meta } = edition;
  // The HTML stage's view, when it has one: building it again would re-render the chart and every block.
  const view = built ?? langView(edition, lang);
  const render = (tocPages?: Record<string, number | string>) =>
    renderLangPage(templates, view, { ...html, tocPages: tocPages ? { [lang]: tocPages } : undefined }, edition);
  trace(`pdf ${lang}: print requested`);
  const printed = await printEdition(print, { dir: path.join(staging, lang), render, tocIds: view.toc.map((e) => e.id), reprint }).finally(lastPrint);
  trace(`pdf ${lang}: contents numbers written`);
  const pdf = await finishPdf(printed.doc, {
    title: meta.title[lang],
    author: meta.issuer[lang],
    subject: meta.description?.[lang] ?? meta.session?.[lang] ?? meta.title[lang],
    keywords: meta.keywords[lang],
    lang: PDF_LANG[lang],
    date: meta.date,
    timezone: meta.timezone,
    creator: `baogao ${VERSION}`,
    producer: `baogao ${VERSION} (Chromium print, pdf-lib)`,
    outline: outlineOf(view, printed.anchors, printed.contents),
  });
  trace(`pdf ${lang}: finished`);
  // Into the folder printEdition made; never made again here: after an interruption removed
  // the staging folder, the write fails instead of leaving a folder behind.
  const rel = `${lang}/report.pdf`;
  fs.writeFileSync(path.join(staging, rel), pdf);
  return rel;
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
}

/**
 * Starts finding and launching the browser and returns at once: the build
 * calls this before it loads the edition, so that Chromium's start (a second
 * or more on the 2-core machine, with puppeteer's import) overlaps load,
 * check and HTML instead of following them.
 */
export function startPdf(pages = 2): PdfRun {
  const found = ensureBrowser().then((f) => f.path);
  // Reported by printLang(), or dropped by close(): never an unhandled rejection.
  found.catch(() => undefined);
  const browser = startRemoteBrowser(found, pages);
  const compiled = new Map<string, Templates>();
  // Chromium is closed as soon as every language has had its last print, while the
  // last one is still being finished, rather than after.
  let printing = pages;
  const lastPrint = () => {
    if (--printing === 0) void browser.close();
  };
  const templatesOf = (dir: string) => compiled.get(dir) ?? compiled.set(dir, compileTemplates(dir)).get(dir)!;
  const run: PdfRun = {
    spawned: browser.spawned,
    async printLang(edition, staging, lang, opts) {
      await found;
      const print: PrintFile = (file) => browser.print(pathToFileURL(file).href, staging);
      return printLang(print, edition, lang, staging, opts.templates ?? templatesOf(opts.html.templates), opts.html, opts.view, opts.reprint, lastPrint);
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
    close: () => browser.close(),
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
