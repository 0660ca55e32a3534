/**
 * Filling in the contents' page numbers without printing again. The page is
 * printed once with a placeholder of tabular digits in each entry's number
 * box (fixed width, absolutely placed: its digits cannot move anything); the
 * headings' pages are read from that PDF, and each placeholder's glyphs are
 * swapped in the content stream for the glyphs of the real digits, in the
 * same subset font, whose ToUnicode already names them. The layout, the
 * tags and every other object of the print stay as they are.
 *
 * A number with fewer digits than the placeholder is right-aligned again
 * the way Blink aligns it: the box's right edge less the digits' width
 * rounded up to a LayoutUnit (1/64 px), written as Skia writes a number.
 * Whatever does not match what this expects (no placeholder found, digits
 * of unequal widths, a digit the subset lacks, a number longer than the
 * placeholder) returns a reason, and the caller prints again instead.
 */
import { PDFArray, PDFDict, PDFName, PDFNumber, PDFRef, PDFString, type PDFDocument, type PDFPage } from 'pdf-lib';
import { textObjects, type TextObject } from './content-stream.js';
import { pageFonts, streamBytes, type PageFont } from './page-fonts.js';

/** The placeholder printed in every entry's number box: two digits, so numbers up to 99 never reprint. */
export const PLACEHOLDER = '00';

interface Link {
  id: string;
  rect: [number, number, number, number];
}

function links(page: PDFPage, ids: Set<string>): Link[] {
  const annots = page.node.Annots();
  const out: Link[] = [];
  for (let i = 0; i < (annots?.size() ?? 0); i++) {
    const a = annots!.lookup(i);
    if (!(a instanceof PDFDict) || a.lookup(PDFName.of('Subtype')) !== PDFName.of('Link')) continue;
    const dest = a.lookup(PDFName.of('Dest'));
    const id = dest instanceof PDFName ? dest.decodeText() : dest instanceof PDFString ? dest.decodeText() : undefined;
    const rect = a.lookup(PDFName.of('Rect'));
    if (!id || !ids.has(id) || !(rect instanceof PDFArray)) continue;
    const [x0, y0, x1, y1] = rect.asArray().map((n) => (n as PDFNumber).asNumber());
    out.push({ id, rect: [Math.min(x0, x1), Math.min(y0, y1), Math.max(x0, x1), Math.max(y0, y1)] });
  }
  return out;
}

/** A float written as Skia's PDF backend writes it: 9 significant digits (8 past 2^24), no exponent, no trailing zeros. */
export function skiaDecimal(value: number): string {
  const v = Math.fround(value);
  if (!Number.isFinite(v) || v === 0) return '0';
  const sign = v < 0 ? '-' : '';
  const a = Math.abs(v);
  const binExp = Math.floor(Math.log2(a)) + 1;
  const decExp = Math.floor(0.3010299956639812 * binExp);
  let shift = decExp - 8;
  let d = Math.floor(a * 10 ** -shift + 0.5);
  if (d > 167772159) {
    shift = decExp - 7;
    d = Math.floor(a * 10 ** -shift + 0.5);
  }
  while (d % 10 === 0) {
    d /= 10;
    shift++;
  }
  const digits = String(d);
  if (shift >= 0) return sign + digits + '0'.repeat(shift);
  const before = digits.length + shift;
  return sign + (before > 0 ? `${digits.slice(0, before)}.${digits.slice(before)}` : `.${'0'.repeat(-before)}${digits}`);
}

/** Blink's LayoutUnit: 1/64 px, a text's width rounded up. */
const ceil64 = (w: number) => Math.ceil(Math.fround(w * 64)) / 64;

/** The new text of one number's text object, or why it cannot be written. */
function rewrite(src: string, obj: TextObject, font: PageFont, digits: string): string | string[] {
  const codes = [...digits].map((d) => font.code.get(d));
  if (codes.some((c) => c === undefined)) return [`the subset font lacks a digit of ${digits}`];
  const width = font.width(obj.glyphs[0].code);
  if (codes.some((c) => font.width(c!) !== width)) return ['the digits are not of one width (tabular figures)'];
  const hex = (c: number) => `<${c.toString(16).toUpperCase().padStart(4, '0')}>`;
  const text = src.slice(obj.start, obj.end);
  const at = (k: number) => obj.strings[k].start - obj.start;
  if (digits.length === obj.glyphs.length) {
    // Same length: only the glyphs change, every position stays Chromium's own.
    let out = text;
    for (let k = obj.strings.length - 1; k >= 0; k--) out = out.slice(0, at(k)) + hex(codes[k]!) + out.slice(obj.strings[k].end - obj.start);
    return out;
  }
  // Fewer digits: drop the first glyphs and move the first kept one to where Blink would start the line.
  const head = /^BT\s+\/\S+ \S+ Tf\s+1 0 0 -1 (\S+) (\S+) Tm\s+$/.exec(text.slice(0, at(0)));
  const tds = obj.strings.slice(1).map((s, k) => /^ Tj\s+(\S+) 0 Td $/.exec(src.slice(obj.strings[k].end, s.start))?.[1]);
  if (!head || obj.strings.some((s) => s.count !== 1) || tds.some((t) => t === undefined) || new Set(tds).size > 1)
    return ['the placeholder is not written one glyph at a time'];
  const advance = Number(tds[0]);
  const sum = (n: number) => {
    let w = 0;
    for (let k = 0; k < n; k++) w = Math.fround(w + advance);
    return w;
  };
  const right = Number(head[1]) + ceil64(sum(obj.glyphs.length));
  const x = right - ceil64(sum(digits.length));
  const drop = obj.glyphs.length - digits.length;
  let tail = text.slice(at(drop));
  for (let k = obj.strings.length - 1; k >= drop; k--) {
    const s = obj.strings[k].start - obj.strings[drop].start;
    tail = tail.slice(0, s) + hex(codes[k - drop]!) + tail.slice(s + obj.strings[k].end - obj.strings[k].start);
  }
  const headText = text.slice(0, at(0));
  const tm = headText.lastIndexOf(`1 0 0 -1 ${head[1]} ${head[2]} Tm`);
  return `${headText.slice(0, tm)}1 0 0 -1 ${skiaDecimal(x)} ${head[2]} Tm${headText.slice(tm + `1 0 0 -1 ${head[1]} ${head[2]} Tm`.length)}${tail}`;
}

/** The page's one content stream (Chromium writes one) as Latin-1 text, with the object it lives in. */
function content(doc: PDFDocument, page: PDFPage): { ref: PDFRef; src: string } | undefined {
  const c = page.node.get(PDFName.of('Contents'));
  const ref = c instanceof PDFRef ? c : undefined;
  const bytes = ref ? streamBytes(doc.context.lookup(ref)) : undefined;
  return ref && bytes ? { ref, src: Buffer.from(bytes).toString('latin1') } : undefined;
}

/**
 * Writes `pages[id]` over the placeholder of every contents entry, in place.
 * Returns undefined when every number was written, else the reason none was
 * (the document is then left untouched).
 */
export function fillTocNumbers(doc: PDFDocument, pages: Record<string, number>, contentsPages: number[]): string | undefined {
  const ids = new Set(Object.keys(pages));
  const found = new Set<string>();
  const edits: { ref: PDFRef; src: string }[] = [];
  for (const index of contentsPages) {
    const page = doc.getPage(index);
    const entries = links(page, ids);
    if (!entries.length) continue;
    const stream = content(doc, page);
    if (!stream) return `contents page ${index + 1} has no single content stream`;
    const fonts = pageFonts(doc, page);
    let objs: TextObject[];
    try {
      objs = textObjects(stream.src, (f, code) => fonts.get(f)?.width(code) ?? 0);
    } catch (e) {
      return (e as Error).message;
    }
    const replace: [TextObject, string][] = [];
    for (const { id, rect } of entries) {
      if (found.has(id)) continue;
      const inRect = objs.filter(
        (o) => o.glyphs.length && o.glyphs.every((g) => g.x >= rect[0] - 1 && g.x <= rect[2] + 1 && g.y >= rect[1] - 1 && g.y <= rect[3] + 1),
      );
      const rightmost = inRect.reduce<TextObject | undefined>((best, o) => (!best || o.glyphs[0].x > best.glyphs[0].x ? o : best), undefined);
      const font = rightmost && fonts.get(rightmost.font);
      const text = rightmost && font ? rightmost.glyphs.map((g) => font.text.get(g.code) ?? '\uFFFD').join('') : '';
      // The number column is the entry's rightmost text: the entry's words never enter it.
      if (!rightmost || !font || !rightmost.simple || text !== PLACEHOLDER) return `no placeholder found in the contents entry for ${id}`;
      const digits = String(pages[id]);
      if (digits.length > PLACEHOLDER.length) return `page ${digits} has more digits than the placeholder`;
      const out = rewrite(stream.src, rightmost, font, digits);
      if (Array.isArray(out)) return `${out[0]} (contents entry for ${id})`;
      replace.push([rightmost, out]);
      found.add(id);
    }
    let src = stream.src;
    for (const [obj, text] of replace.sort((a, b) => b[0].start - a[0].start)) src = src.slice(0, obj.start) + text + src.slice(obj.end);
    edits.push({ ref: stream.ref, src });
  }
  const missing = [...ids].filter((id) => !found.has(id));
  if (missing.length) return `no contents entry links to ${missing.join(', ')}`;
  for (const { ref, src } of edits) doc.context.assign(ref, doc.context.flateStream(Buffer.from(src, 'latin1')));
  return undefined;
}
