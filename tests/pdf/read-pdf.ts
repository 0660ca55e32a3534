/**
 * Reading a built PDF for the tests with pdfjs-dist: page sizes, text lines
 * with their positions and sizes, link destinations, outline and metadata.
 * Only parsed content is asserted on, never raw bytes.
 */
import fs from 'node:fs';
import { getDocument, type PDFDocumentProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';

/** One printed line: text items sharing a baseline, left to right. */
export interface Line {
  /** Baseline, in points from the page foot. */
  y: number;
  x0: number;
  x1: number;
  /** Font size of the line's first item. */
  size: number;
  text: string;
}

export interface PageInfo {
  /** 1-based, as printed. */
  number: number;
  width: number;
  height: number;
  /** Top to bottom. */
  lines: Line[];
  /** Names of the destinations the page's links point to (the contents' entries). */
  linkDests: string[];
}

export interface ReadPdf {
  doc: PDFDocumentProxy;
  pages: PageInfo[];
}

interface TextItemLike {
  str: string;
  width: number;
  transform: number[];
}

/** Items on one baseline (within 1.5 pt) form a line. */
function toLines(items: TextItemLike[]): Line[] {
  const rows: { y: number; items: TextItemLike[] }[] = [];
  for (const it of items) {
    if (!it.str.trim()) continue;
    // The DRAFT mark (96 pt, diagonal) is not part of the page's text.
    if (Math.hypot(it.transform[0], it.transform[1]) > 40) continue;
    const y = it.transform[5];
    const row = rows.find((r) => Math.abs(r.y - y) < 1.5);
    if (row) row.items.push(it);
    else rows.push({ y, items: [it] });
  }
  return rows
    .sort((a, b) => b.y - a.y)
    .map(({ y, items }) => {
      items.sort((a, b) => a.transform[4] - b.transform[4]);
      const last = items[items.length - 1];
      return {
        y,
        x0: items[0].transform[4],
        x1: last.transform[4] + last.width,
        size: Math.hypot(items[0].transform[2], items[0].transform[3]),
        text: items.map((i) => i.str).join(''),
      };
    });
}

/** Parses a PDF file into pages of lines. */
export async function readPdf(file: string): Promise<ReadPdf> {
  const data = new Uint8Array(fs.readFileSync(file));
  const doc = await getDocument({ data, isEvalSupported: false, disableFontFace: true, useSystemFonts: false, verbosity: 0 }).promise;
  const pages: PageInfo[] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const page = await doc.getPage(i);
    const [x0, y0, x1, y1] = page.view;
    const text = await page.getTextContent();
    const annotations = (await page.getAnnotations()) as { subtype: string; dest?: unknown }[];
    pages.push({
      number: i,
      width: x1 - x0,
      height: y1 - y0,
      lines: toLines(text.items.flatMap((it) => ('str' in it ? [it as TextItemLike] : []))),
      linkDests: annotations.filter((a) => a.subtype === 'Link' && typeof a.dest === 'string').map((a) => a.dest as string),
    });
  }
  return { doc, pages };
}

/**
 * Text without white space or leader dots, for comparing across line breaks.
 * Source Serif 4 draws ’ and ʼ (U+02BC) with one glyph, and the PDF's
 * ToUnicode names the latter: both read as ’.
 */
export function squash(s: string): string {
  return s.replace(/[\s.·…]/g, '').replace(/\u02bc/g, '’');
}

/** The page's text, top to bottom, squashed. */
export function pageText(p: PageInfo): string {
  return squash(p.lines.map((l) => l.text).join(''));
}

/** The page-number line at the foot (`— n —`), if any. */
export function folio(p: PageInfo): Line | undefined {
  return p.lines.find((l) => l.y < 100 && /^—\s*\d+\s*—$/.test(l.text.trim()));
}

/** One text item with the PostScript name of its font (`AAAAAA+SourceSerif4-Bold`) and its size. */
export interface FontItem {
  str: string;
  font: string;
  size: number;
}

/** The text items of a page with their fonts, read from the page's operator list. */
export async function fontItems(doc: PDFDocumentProxy, pageNumber: number): Promise<FontItem[]> {
  const page = await doc.getPage(pageNumber);
  await page.getOperatorList();
  const text = await page.getTextContent();
  const out: FontItem[] = [];
  for (const it of text.items) {
    if (!('str' in it) || !it.str.trim()) continue;
    const font = page.commonObjs.has(it.fontName) ? (page.commonObjs.get(it.fontName) as { name?: string }).name : undefined;
    out.push({ str: it.str, font: font ?? it.fontName, size: Math.hypot(it.transform[2], it.transform[3]) });
  }
  return out;
}
