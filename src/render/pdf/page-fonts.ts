/**
 * What a page's fonts say about their glyphs: the advance width of each
 * glyph (/W, /DW) and the text each one stands for (/ToUnicode), read from
 * the Type0 fonts Chromium writes (Identity-H, one 2-byte code per glyph).
 */
import { inflateSync } from 'node:zlib';
import { decodePDFRawStream, PDFArray, PDFDict, PDFName, PDFNumber, PDFRawStream, type PDFDocument, type PDFPage } from 'pdf-lib';

export interface PageFont {
  /** Advance width of a code in thousandths of the font size. */
  width(code: number): number;
  /** Code → the text it stands for. */
  text: Map<number, string>;
  /** Text → the code that shows it (the first one, should two glyphs read alike). */
  code: Map<string, number>;
}

/**
 * The raw bytes of a (possibly filtered) stream. Chromium compresses every
 * stream with Flate alone: that is inflated by Node's zlib, natively, rather
 * than by pdf-lib's JavaScript inflater, which the other filters still use.
 */
export function streamBytes(stream: unknown): Uint8Array | undefined {
  if (!(stream instanceof PDFRawStream)) return undefined;
  const filter = stream.dict.lookup(PDFName.of('Filter'));
  const flate = filter === PDFName.of('FlateDecode') || (filter instanceof PDFArray && filter.size() === 1 && filter.lookup(0) === PDFName.of('FlateDecode'));
  if (flate && !stream.dict.has(PDFName.of('DecodeParms'))) {
    try {
      return inflateSync(stream.contents);
    } catch {
      // A stream zlib will not read (truncated, say): pdf-lib's inflater is more lenient.
    }
  }
  return decodePDFRawStream(stream).decode();
}

function widthsOf(desc: PDFDict | undefined): (code: number) => number {
  const dw = desc?.lookup(PDFName.of('DW'));
  const dflt = dw instanceof PDFNumber ? dw.asNumber() : 1000;
  const map = new Map<number, number>();
  const w = desc?.lookup(PDFName.of('W'));
  if (w instanceof PDFArray) {
    const n = (k: number) => (w.lookup(k) as PDFNumber).asNumber();
    for (let k = 0; k < w.size();) {
      const next = w.lookup(k + 1);
      if (next instanceof PDFArray) {
        for (let j = 0; j < next.size(); j++) map.set(n(k) + j, (next.lookup(j) as PDFNumber).asNumber());
        k += 2;
      } else {
        for (let c = n(k); c <= n(k + 1); c++) map.set(c, n(k + 2));
        k += 3;
      }
    }
  }
  return (code) => map.get(code) ?? dflt;
}

const utf16 = (hex: string) => String.fromCharCode(...(hex.match(/.{4}/g) ?? []).map((h) => parseInt(h, 16)));

/** The code → text pairs of a ToUnicode CMap (bfchar and bfrange sections). */
export function parseToUnicode(cmap: string): Map<number, string> {
  const out = new Map<number, string>();
  for (const [, body] of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const [, src, dst] of body.matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>/g)) out.set(parseInt(src, 16), utf16(dst));
  }
  for (const [, body] of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    for (const [, lo, hi, rest] of body.matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*(<[0-9A-Fa-f]+>|\[[^\]]*\])/g)) {
      const a = parseInt(lo, 16);
      const b = parseInt(hi, 16);
      if (rest.startsWith('[')) {
        [...rest.matchAll(/<([0-9A-Fa-f]+)>/g)].forEach(([, d], k) => out.set(a + k, utf16(d)));
      } else {
        // The last UTF-16 unit counts up along the range.
        const base = rest.slice(1, -1);
        const head = base.slice(0, -4);
        const last = parseInt(base.slice(-4), 16);
        for (let c = a; c <= b; c++) out.set(c, utf16(head + (last + c - a).toString(16).padStart(4, '0')));
      }
    }
  }
  return out;
}

/** The Type0 fonts of a page's resources by resource name; other fonts are left out. */
export function pageFonts(doc: PDFDocument, page: PDFPage): Map<string, PageFont> {
  const out = new Map<string, PageFont>();
  const fonts = page.node.Resources()?.lookup(PDFName.of('Font'));
  if (!(fonts instanceof PDFDict)) return out;
  for (const [name, ref] of fonts.entries()) {
    const font = doc.context.lookup(ref);
    if (!(font instanceof PDFDict) || font.lookup(PDFName.of('Subtype')) !== PDFName.of('Type0')) continue;
    const kids = font.lookup(PDFName.of('DescendantFonts'));
    const desc = kids instanceof PDFArray ? kids.lookup(0) : undefined;
    const bytes = streamBytes(font.lookup(PDFName.of('ToUnicode')));
    const text = bytes ? parseToUnicode(Buffer.from(bytes).toString('latin1')) : new Map<number, string>();
    const code = new Map<string, number>();
    for (const [c, t] of text) if (!code.has(t)) code.set(t, c);
    out.set(name.decodeText(), { width: widthsOf(desc instanceof PDFDict ? desc : undefined), text, code });
  }
  return out;
}
