/**
 * The fonts of a PDF, read with pdf-lib the way pdffonts lists them: each
 * font dictionary the pages use, its subtype and whether its glyphs are
 * embedded. Reading the objects ourselves keeps the test independent of
 * poppler-utils, which a fresh machine does not have.
 */
import fs from 'node:fs';
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFRef, type PDFObject } from 'pdf-lib';

export interface PdfFont {
  /** BaseFont without its subset prefix (ABCDEF+). */
  name: string;
  /** Type0, TrueType, Type1, Type3 … */
  subtype: string;
  /** The descendant's subtype for Type0 fonts (CIDFontType2 = CID TrueType). */
  cidType?: string;
  embedded: boolean;
}

function text(obj: PDFObject | undefined): string {
  return obj instanceof PDFName ? obj.decodeText() : '';
}

export async function pdfFonts(file: string): Promise<PdfFont[]> {
  const doc = await PDFDocument.load(fs.readFileSync(file), { updateMetadata: false });
  const ctx = doc.context;
  const dict = (o: PDFObject | undefined): PDFDict | undefined => {
    const v = o instanceof PDFRef ? ctx.lookup(o) : o;
    return v instanceof PDFDict ? v : undefined;
  };
  const seen = new Map<string, PdfFont>();
  for (const page of doc.getPages()) {
    const fonts = dict(dict(page.node.get(PDFName.of('Resources')))?.get(PDFName.of('Font')));
    if (!fonts) continue;
    for (const [, ref] of fonts.entries()) {
      const key = ref instanceof PDFRef ? ref.toString() : '';
      const font = dict(ref);
      if (!font || (key && seen.has(key))) continue;
      const subtype = text(font.get(PDFName.of('Subtype')));
      let descriptorOwner = font;
      let cidType: string | undefined;
      if (subtype === 'Type0') {
        const kids = ctx.lookup(font.get(PDFName.of('DescendantFonts')));
        const kid = kids instanceof PDFArray ? dict(kids.get(0)) : undefined;
        if (kid) {
          descriptorOwner = kid;
          cidType = text(kid.get(PDFName.of('Subtype')));
        }
      }
      const descriptor = dict(descriptorOwner.get(PDFName.of('FontDescriptor')));
      const embedded = subtype === 'Type3' || ['FontFile', 'FontFile2', 'FontFile3'].some((k) => descriptor?.has(PDFName.of(k)) ?? false);
      const name = text(font.get(PDFName.of('BaseFont'))).replace(/^[A-Z]{6}\+/, '');
      seen.set(key || `${name}#${seen.size}`, { name, subtype, cidType, embedded });
    }
  }
  return [...seen.values()];
}
