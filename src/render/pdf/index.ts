/**
 * The PDF stage: prints each language's page once with one headless
 * Chromium, writes the contents' page numbers into that print, then
 * finishes the files with pdf-lib (metadata, outline, reproducible bytes). Layout lives in
 * templates/print.css; this code only drives the browser.
 */
import { trace } from '../../trace.js';
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'puppeteer-core';
import type { Edition, Lang } from '../../model.js';
import { VERSION } from '../../version.js';
import { compileTemplates, renderLangPage, type HtmlOptions } from '../html/index.js';
import { langView, type LangView } from '../html/view-model.js';
import { launchBrowser } from './browser.js';
import { ensureBrowser } from './find-browser.js';
import { finishPdf, type OutlineItem } from './finish.js';
import { printEdition, type Anchor } from './print.js';

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
  page: Page,
  edition: Edition,
  lang: Lang,
  staging: string,
  templates: Templates,
  html: HtmlOptions,
  built?: LangView,
  reprint?: boolean,
  onLoaded?: () => void,
): Promise<string> {
  const { meta } = edition;
  // The HTML stage's view, when it has one: building it again would re-render the chart and every block.
  const view = built ?? langView(edition, lang);
  const render = (tocPages?: Record<string, number | string>) =>
    renderLangPage(templates, view, { ...html, tocPages: tocPages ? { [lang]: tocPages } : undefined }, edition);
  trace(lang + ' printLang');
  const printed = await printEdition(page, { dir: path.join(staging, lang), render, tocIds: view.toc.map((e) => e.id), reprint, onLoaded });
  trace(lang + ' printed+filled');
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
  trace(lang + ' finished');
  const rel = `${lang}/report.pdf`;
  fs.mkdirSync(path.join(staging, lang), { recursive: true });
  fs.writeFileSync(path.join(staging, rel), pdf);
  return rel;
}

export interface PdfOptions {
  html: HtmlOptions;
  /** The HTML stage's views, so that nothing is rendered twice. */
  views?: Partial<Record<Lang, LangView>>;
  /** Print the contents' numbers in a second print instead of writing them in (for the tests). */
  reprint?: boolean;
  /**
   * Called once every language's page has loaded and only Chromium's printing
   * is left: work started then (the workbook) no longer delays the page loads,
   * whose every file request waits for this process to allow it.
   */
  onLoaded?: () => void;
  /**
   * Given the browser's closing (Chromium's exit and the removal of its
   * profile) instead of waiting for it: the build commits its outputs
   * meanwhile and waits for the close before it returns.
   */
  onClosing?: (closing: Promise<void>) => void;
}

/** A PDF stage whose browser is starting: {@link PdfRun.render} once, or {@link PdfRun.close}. */
export interface PdfRun {
  /**
   * Settles once Chromium's process is started (or could not be): the build
   * waits for this before its own work takes the thread, so that Chromium
   * boots on the other core meanwhile rather than after.
   */
  spawned: Promise<void>;
  /** Writes `<lang>/report.pdf` into `staging` for each language and closes the browser; returns the relative paths. */
  render(edition: Edition, staging: string, opts: PdfOptions): Promise<string[]>;
  /** Closes the browser without printing (a stage before the PDF failed). */
  close(): Promise<void>;
}

/**
 * Starts finding and launching the browser and returns at once: the build
 * calls this before it loads the edition, so that Chromium's start (a second
 * or more on the 2-core machine, with puppeteer's import) overlaps load,
 * check and HTML instead of following them.
 */
export function startPdf(pages = 2): PdfRun {
  let onSpawned = (): void => undefined;
  const spawned = new Promise<void>((resolve) => (onSpawned = resolve));
  const launching = ensureBrowser().then((found) => launchBrowser({ executablePath: found.path, pages, onSpawned }));
  // Reported by render(), or dropped by close(): never an unhandled rejection.
  launching.catch(() => undefined);
  return {
    spawned: Promise.race([spawned, launching.then(onSpawned, onSpawned)]),
    async render(edition, staging, opts) {
      trace('render called');
      const browser = await launching;
      trace('browser ready');
      try {
        const langs = opts.html.langs;
        const templates = compileTemplates(opts.html.templates);
        let waiting = langs.length;
        const loaded = () => {
          if (--waiting === 0) opts.onLoaded?.();
        };
        // Both editions print at once on the one browser: each page lays out in
        // its own renderer process, so two cores share the work. Measured on the
        // 2-core machine: about 10% faster than one after the other.
        return await Promise.all(
          langs.map((lang) =>
            browser.withPage((page) => printLang(page, edition, lang, staging, templates, opts.html, opts.views?.[lang], opts.reprint, loaded), staging),
          ),
        );
      } finally {
        const closing = browser.close();
        if (opts.onClosing) opts.onClosing(closing);
        else await closing;
      }
    },
    async close() {
      await (await launching.catch(() => undefined))?.close();
    },
  };
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
