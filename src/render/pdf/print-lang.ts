/**
 * One language's PDF: printed once (print.ts), its contents' numbers written
 * in, finished with metadata and an outline (finish.ts), written into the
 * staging folder. Imported by the PDF stage only when a language is ready
 * to print, so that the stage's start (the print worker, Chromium) waits for
 * none of the HTML renderer and pdf-lib it loads.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Edition, Lang } from '../../model.js';
import { VERSION } from '../../version.js';
import { renderLangPage, type HtmlOptions, type Templates } from '../html/index.js';
import { langView, type LangView } from '../html/view-model.js';
import { finishPdf, type OutlineItem } from './finish.js';
import { printEdition, type Anchor, type PrintFile } from './print.js';
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

/** Prints, finishes and writes one language's PDF on the given page. */
export async function printLang(
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
