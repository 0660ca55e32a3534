/**
 * Printing one edition once. Chromium has no `target-counter()`, so the
 * table of contents cannot ask for its page numbers: the page is printed
 * with a placeholder in each number box, the pages of the headings are read
 * back from that PDF, and the numbers are written over the placeholders
 * (toc-numbers.ts). Only when that cannot be done is the page printed again
 * with the numbers filled in.
 */
import fs from 'node:fs';
import path from 'node:path';
import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFNumber, PDFRef, PDFString, ParseSpeeds } from 'pdf-lib';
import { openLazily } from './lazy-pdf.js';
import { fillTocNumbers, PLACEHOLDER } from './toc-numbers.js';

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
  /** The page HTML; `tocPages` maps heading id → what its contents entry shows as the page number. */
  render: (tocPages?: Record<string, number | string>) => string;
  /** Ids of the headings the contents lists. */
  tocIds: string[];
  /** Print the numbers in a second print instead of writing them into the first (tests compare the two). */
  reprint?: boolean;
}

export interface Printed {
  /** The final print, parsed (finish.ts edits it in place rather than parsing it again). */
  doc: PDFDocument;
  /** Heading id → where it was printed, in the final PDF. */
  anchors: Record<string, Anchor>;
  /** Number of prints it took: 1, unless the numbers could not be written into the first print. */
  passes: number;
  /** Why a second print was needed, when it was. */
  reprinted?: string;
  /** The contents page numbers the final print shows. */
  toc?: Record<string, number>;
  /** The top of the contents' first page (the first page linking to a heading), when it has entries. */
  contents?: Anchor;
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

/**
 * Opens a print: lazily when it is in the form Chromium writes (lazy-pdf.ts),
 * else parsed whole; updateMetadata:false, or pdf-lib would stamp its own
 * producer and the clock.
 */
export async function parsePdf(pdf: Uint8Array): Promise<PDFDocument> {
  return openLazily(pdf) ?? PDFDocument.load(pdf, { updateMetadata: false, parseSpeed: ParseSpeeds.Fastest });
}

/** Loads a file on a fresh page and returns its print (remote-browser.ts), or the same print kept from the last build (print-store.ts). */
export type PrintFile = (file: string) => Promise<Uint8Array>;

/** One print of the given HTML with the settings every pass shares. */
async function printOnce(print: PrintFile, file: string, html: string): Promise<Uint8Array> {
  fs.writeFileSync(file, html);
  return print(file);
}

/** The name a link annotation goes to: `/Dest` or a GoTo action's `/D` (Skia writes names as strings). */
function linkTarget(annot: unknown): string | undefined {
  if (!(annot instanceof PDFDict) || annot.lookup(PDFName.of('Subtype')) !== PDFName.of('Link')) return undefined;
  const action = annot.lookup(PDFName.of('A'));
  const dest = annot.lookup(PDFName.of('Dest')) ?? (action instanceof PDFDict ? action.lookup(PDFName.of('D')) : undefined);
  if (dest instanceof PDFString || dest instanceof PDFHexString) return dest.decodeText();
  return dest instanceof PDFName ? dest.decodeText() : undefined;
}

/**
 * The 0-based index of the contents' first page: the first page with a link
 * to one of its headings. Read from the print, since the cover's length
 * depends on its title (a long English title runs onto a second page).
 */
export function contentsStart(doc: PDFDocument, ids: string[]): number | undefined {
  const wanted = new Set(ids);
  const pages = doc.getPages();
  for (let i = 0; i < pages.length; i++) {
    const annots = pages[i].node.Annots();
    for (let k = 0; annots && k < annots.size(); k++) {
      const target = linkTarget(annots.lookup(k));
      if (target !== undefined && wanted.has(target)) return i;
    }
  }
  return undefined;
}

/** The pages that hold the contents: from its first page up to the first heading's. */
function contentsPages(start: number, anchors: Record<string, Anchor>, ids: string[]): number[] {
  const first = Math.min(...ids.map((id) => anchors[id].pageIndex));
  return Array.from({ length: Math.max(0, first - start) }, (_, k) => start + k);
}

/** The contents' first page's top; the page after the cover when the print has no link to a heading. */
function contentsAnchor(doc: PDFDocument, ids: string[]): Anchor {
  return { pageIndex: contentsStart(doc, ids) ?? 1, x: 0, y: 842 };
}

/**
 * Prints a page once with placeholders in the contents and writes the
 * headings' pages over them; if that cannot be done, prints again until
 * the contents' numbers agree with where the headings landed.
 */
export async function printEdition(print: PrintFile, job: PrintJob): Promise<Printed> {
  // A private file beside the page, so that its relative asset URLs resolve;
  // removed before the staging folder is committed.
  const file = path.join(job.dir, '.print-pass.html');
  // The language's folder: the build prints a language before the HTML stage has written its page.
  // Not recursive: after an interruption has removed the staging folder, this must not make it again.
  if (!fs.existsSync(job.dir)) fs.mkdirSync(job.dir);
  try {
    const placeholders = Object.fromEntries(job.tocIds.map((id) => [id, PLACEHOLDER]));
    const doc = await parsePdf(await printOnce(print, file, job.render(job.tocIds.length ? placeholders : undefined)));
    const anchors = readAnchors(doc);
    if (!job.tocIds.length) return { doc, anchors, passes: 1 };
    let toc = pageNumbers(anchors, job.tocIds);
    const contents = contentsAnchor(doc, job.tocIds);
    const why = job.reprint ? 'asked to print the numbers' : fillTocNumbers(doc, toc, contentsPages(contents.pageIndex, anchors, job.tocIds));
    if (!why) return { doc, anchors, passes: 1, toc, contents };
    // The numbers' box has a fixed width, so they should not move a heading; if they do, go round again.
    for (let pass = 2; pass <= MAX_PASSES; pass++) {
      const again = await parsePdf(await printOnce(print, file, job.render(toc)));
      const moved = readAnchors(again);
      const pages = pageNumbers(moved, job.tocIds);
      if (samePages(toc, pages)) return { doc: again, anchors: moved, passes: pass, toc, reprinted: why, contents: contentsAnchor(again, job.tocIds) };
      toc = pages;
    }
    throw new Error(`the contents' page numbers did not settle after ${MAX_PASSES} passes`);
  } finally {
    fs.rmSync(file, { force: true });
  }
}
