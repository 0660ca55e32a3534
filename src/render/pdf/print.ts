/**
 * Printing one edition in two passes. Chromium has no `target-counter()`, so
 * the table of contents cannot ask for its page numbers: the first pass
 * prints without them, the pages of the headings are read back from that
 * PDF, and the second pass prints the contents with them filled in.
 */
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFNumber, PDFRef, PDFString, ParseSpeeds } from 'pdf-lib';
import type { Page } from 'puppeteer';

/** Where a heading was printed: 0-based page index and its top, in PDF points from the page foot. */
export interface Anchor {
  pageIndex: number;
  x: number;
  y: number;
}

/** What to print: the folder the page lives in and a renderer for its HTML given the TOC page numbers. */
export interface PrintJob {
  /** Folder of the language's page inside the staging folder (its assets are at `../assets`). */
  dir: string;
  /** The page HTML; `tocPages` maps heading id → printed page number. */
  render: (tocPages?: Record<string, number>) => string;
  /** Ids of the headings the contents lists. */
  tocIds: string[];
  /** Page numbers to try in the first print (from an earlier build); verified, never trusted. */
  hint?: Record<string, number>;
}

export interface Printed {
  /** The final print, parsed (finish.ts edits it in place rather than parsing it again). */
  doc: PDFDocument;
  /** Heading id → where it was printed, in the final PDF. */
  anchors: Record<string, Anchor>;
  /** Number of prints it took (1 when the hint was right, else 2 unless page numbers moved the layout). */
  passes: number;
  /** The contents page numbers the final print shows. */
  toc?: Record<string, number>;
}

/** More passes than this means the contents' numbers keep moving the headings: a layout bug. */
const MAX_PASSES = 3;

/**
 * Reads the named destinations Chromium writes for every element that a link
 * points to (the contents entries link to their headings), so every heading
 * of the contents has one. Reading them is exact where searching the page
 * text for a heading is not (a heading's words can also occur in the body).
 */
export function readAnchors(doc: PDFDocument): Record<string, Anchor> {
  const pageIndex = new Map<string, number>(doc.getPages().map((p, i) => [p.ref.toString(), i]));
  const out: Record<string, Anchor> = {};
  const add = (name: string, value: unknown) => {
    let dest = value instanceof PDFRef ? doc.context.lookup(value) : value;
    if (dest instanceof PDFDict) dest = dest.lookup(PDFName.of('D'));
    if (!(dest instanceof PDFArray)) return;
    const page = dest.get(0);
    const idx = page instanceof PDFRef ? pageIndex.get(page.toString()) : undefined;
    if (idx === undefined) return;
    const num = (i: number) => {
      const n = dest.lookup(i);
      return n instanceof PDFNumber ? n.asNumber() : 0;
    };
    out[name] = { pageIndex: idx, x: num(2), y: num(3) };
  };
  // PDF 1.1 style /Dests dictionary (what Skia writes) …
  const dests = doc.catalog.lookup(PDFName.of('Dests'));
  if (dests instanceof PDFDict) for (const [k, v] of dests.entries()) add(k.decodeText(), v);
  // … and the PDF 1.2 name tree, should a later Chromium switch to it.
  const tree = doc.catalog.lookup(PDFName.of('Names'));
  const walk = (node: unknown) => {
    if (!(node instanceof PDFDict)) return;
    const names = node.lookup(PDFName.of('Names'));
    if (names instanceof PDFArray) {
      for (let i = 0; i + 1 < names.size(); i += 2) {
        const k = names.lookup(i);
        if (k instanceof PDFString || k instanceof PDFHexString) add(k.decodeText(), names.get(i + 1));
      }
    }
    const kids = node.lookup(PDFName.of('Kids'));
    if (kids instanceof PDFArray) for (let i = 0; i < kids.size(); i++) walk(kids.lookup(i));
  };
  if (tree instanceof PDFDict) walk(tree.lookup(PDFName.of('Dests')));
  return out;
}

/** Printed page numbers (1-based, the title page is 1) of the given headings. */
export function pageNumbers(anchors: Record<string, Anchor>, ids: string[]): Record<string, number> {
  const missing = ids.filter((id) => !anchors[id]);
  if (missing.length) throw new Error(`the PDF has no destination for heading(s) ${missing.join(', ')}: does the contents still link to them?`);
  return Object.fromEntries(ids.map((id) => [id, anchors[id].pageIndex + 1]));
}

function samePages(a: Record<string, number>, b: Record<string, number>): boolean {
  return Object.keys(b).every((k) => a[k] === b[k]);
}

/** Parses a print; updateMetadata:false, or pdf-lib would stamp its own producer and the clock. */
export function parsePdf(pdf: Uint8Array): Promise<PDFDocument> {
  return PDFDocument.load(pdf, { updateMetadata: false, parseSpeed: ParseSpeeds.Fastest });
}

/** One print of the given HTML with the settings every pass shares. */
async function printOnce(page: Page, file: string, html: string): Promise<Uint8Array> {
  fs.writeFileSync(file, html);
  await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
  return page.pdf({
    format: 'a4',
    preferCSSPageSize: true,
    printBackground: true,
    // The outline is written afterwards from the contents (finish.ts):
    // Chromium's own would list the cover title and nest 目录 under it.
    outline: false,
    tagged: true,
    waitForFonts: true,
  });
}

/**
 * Prints a page until the contents' page numbers agree with where the
 * headings landed (two passes, unless filling in the numbers moved a heading).
 */
export async function printEdition(page: Page, job: PrintJob): Promise<Printed> {
  // A private file beside the page, so that its relative asset URLs resolve;
  // removed before the staging folder is committed.
  const file = path.join(job.dir, '.print-pass.html');
  try {
    let toc = job.hint;
    for (let pass = 1; pass <= MAX_PASSES; pass++) {
      const pdf = await printOnce(page, file, job.render(toc));
      const doc = await parsePdf(pdf);
      const anchors = readAnchors(doc);
      if (!job.tocIds.length) return { doc, anchors, passes: pass };
      const pages = pageNumbers(anchors, job.tocIds);
      if (toc && samePages(toc, pages)) return { doc, anchors, passes: pass, toc };
      toc = pages;
    }
    throw new Error(`the contents' page numbers did not settle after ${MAX_PASSES} passes`);
  } finally {
    fs.rmSync(file, { force: true });
  }
}
