/**
 * Finishing Chromium's PDF with pdf-lib: document metadata, the outline, and
 * everything that makes a rebuild byte-identical. Chromium stamps the clock
 * into the dates; the edition's session date replaces it, and the document
 * /ID is derived from the content instead of from time.
 */
import { createHash } from 'node:crypto';
import { PDFDocument, PDFHexString, PDFName, PDFNull, PDFNumber, PDFRef, PDFString, type PDFContext } from 'pdf-lib';
import type { Anchor } from './print.js';
import { isLazy, saveLazily } from './lazy-pdf.js';
import { renumberStructIds } from './struct-ids.js';

/** One bookmark: a heading and where it was printed. */
export interface OutlineItem {
  title: string;
  anchor: Anchor;
  children: OutlineItem[];
}

export interface FinishInfo {
  title: string;
  /** The issuing body. */
  author: string;
  subject: string;
  keywords: string[];
  /** BCP 47: `zh-Hans`, `en`. */
  lang: string;
  /** ISO date (YYYY-MM-DD) of the session: creation and modification date. */
  date: string;
  /** The date's offset from UTC, `+08:00`. */
  timezone: string;
  creator: string;
  producer: string;
  outline: OutlineItem[];
}

/** The session date is a local date: midnight in the edition's time zone (`+08:00` → `+08'00'`). */
function pdfDate(iso: string, timezone: string): string {
  return `D:${iso.replaceAll('-', '')}000000${timezone.replace(':', "'")}'`;
}

function xmlEscape(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.codePointAt(0)};`);
}

/**
 * XMP metadata mirroring the Info dictionary: PDF 2.0 and the print shops'
 * preflight (PDF/X, PDF/A checks) read XMP first, and Chromium writes none.
 */
function xmp(info: FinishInfo, docId: string): string {
  const when = `${info.date}T00:00:00${info.timezone}`;
  const e = xmlEscape;
  return `<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:pdf="http://ns.adobe.com/pdf/1.3/" xmlns:xmp="http://ns.adobe.com/xap/1.0/" xmlns:xmpMM="http://ns.adobe.com/xap/1.0/mm/">
<dc:format>application/pdf</dc:format>
<dc:title><rdf:Alt><rdf:li xml:lang="x-default">${e(info.title)}</rdf:li></rdf:Alt></dc:title>
<dc:creator><rdf:Seq><rdf:li>${e(info.author)}</rdf:li></rdf:Seq></dc:creator>
<dc:description><rdf:Alt><rdf:li xml:lang="x-default">${e(info.subject)}</rdf:li></rdf:Alt></dc:description>
<dc:subject><rdf:Bag>${info.keywords.map((k) => `<rdf:li>${e(k)}</rdf:li>`).join('')}</rdf:Bag></dc:subject>
<dc:language><rdf:Bag><rdf:li>${e(info.lang)}</rdf:li></rdf:Bag></dc:language>
<pdf:Keywords>${e(info.keywords.join('; '))}</pdf:Keywords>
<pdf:Producer>${e(info.producer)}</pdf:Producer>
<xmp:CreatorTool>${e(info.creator)}</xmp:CreatorTool>
<xmp:CreateDate>${when}</xmp:CreateDate>
<xmp:ModifyDate>${when}</xmp:ModifyDate>
<xmp:MetadataDate>${when}</xmp:MetadataDate>
<xmpMM:DocumentID>uuid:${docId}</xmpMM:DocumentID>
<xmpMM:InstanceID>uuid:${docId}</xmpMM:InstanceID>
</rdf:Description>
</rdf:RDF>
</x:xmpmeta>
<?xpacket end="r"?>`;
}

/** A UUID-shaped string from the first 16 bytes of a hex digest. */
function uuidOf(hex: string): string {
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/** Writes the outline tree (all levels open) and returns its root reference. */
function writeOutline(ctx: PDFContext, pageRefs: PDFRef[], items: OutlineItem[]): PDFRef {
  const root = ctx.nextRef();
  const visible = (list: OutlineItem[]): number => list.reduce((n, it) => n + 1 + visible(it.children), 0);
  const level = (list: OutlineItem[], parent: PDFRef): PDFRef[] => {
    const refs = list.map(() => ctx.nextRef());
    list.forEach((it, i) => {
      const kids = level(it.children, refs[i]);
      const dict = ctx.obj({
        Title: PDFHexString.fromText(it.title),
        Parent: parent,
        // Keep the reader's zoom: only the page and the heading's top are set.
        Dest: ctx.obj([pageRefs[it.anchor.pageIndex], PDFName.of('XYZ'), PDFNull, PDFNumber.of(Math.round(it.anchor.y)), PDFNull]),
      });
      if (i > 0) dict.set(PDFName.of('Prev'), refs[i - 1]);
      if (i < list.length - 1) dict.set(PDFName.of('Next'), refs[i + 1]);
      if (kids.length) {
        dict.set(PDFName.of('First'), kids[0]);
        dict.set(PDFName.of('Last'), kids[kids.length - 1]);
        dict.set(PDFName.of('Count'), PDFNumber.of(visible(it.children)));
      }
      ctx.assign(refs[i], dict);
    });
    return refs;
  };
  const top = level(items, root);
  const dict = ctx.obj({ Type: 'Outlines', Count: visible(items) });
  if (top.length) {
    dict.set(PDFName.of('First'), top[0]);
    dict.set(PDFName.of('Last'), top[top.length - 1]);
  }
  ctx.assign(root, dict);
  return root;
}

/** ISO 216 A4 in PDF points (210 × 297 mm). */
export const A4 = { width: 595.28, height: 841.89 };

/**
 * Chromium sizes the page in whole CSS pixels, 594.96 × 841.92 pt (209.89 ×
 * 297.01 mm): a print shop's preflight reports that as not A4. Every page
 * box is set to A4 exactly; the content keeps its place from the top left,
 * which moves it 0.03 pt, far below what a press can show.
 */
function setA4(doc: PDFDocument): void {
  const { width: w, height: h } = A4;
  for (const page of doc.getPages()) {
    page.setMediaBox(0, 0, w, h);
    page.setCropBox(0, 0, w, h);
    page.setBleedBox(0, 0, w, h);
    page.setTrimBox(0, 0, w, h);
    page.setArtBox(0, 0, w, h);
  }
}

/** Sets everything but the document id. */
function annotate(doc: PDFDocument, info: FinishInfo): void {
  const ctx = doc.context;
  setA4(doc);
  doc.setTitle(info.title, { showInWindowTitleBar: true });
  doc.setAuthor(info.author);
  doc.setSubject(info.subject);
  doc.setCreator(info.creator);
  doc.setProducer(info.producer);
  doc.setLanguage(info.lang);
  const infoDict = ctx.lookup(ctx.trailerInfo.Info);
  if (infoDict && 'set' in infoDict) {
    const d = infoDict as unknown as { set(k: PDFName, v: unknown): void };
    // Set directly: pdf-lib writes dates in UTC, which would print the
    // session date as the day before, and joins keywords with bare spaces.
    d.set(PDFName.of('Keywords'), PDFHexString.fromText(info.keywords.join('; ')));
    d.set(PDFName.of('CreationDate'), PDFString.of(pdfDate(info.date, info.timezone)));
    d.set(PDFName.of('ModDate'), PDFString.of(pdfDate(info.date, info.timezone)));
  }
  if (info.outline.length) {
    const pageRefs = doc.getPages().map((p) => p.ref);
    doc.catalog.set(PDFName.of('Outlines'), writeOutline(ctx, pageRefs, info.outline));
    doc.catalog.set(PDFName.of('PageMode'), PDFName.of('UseOutlines'));
  }
}

/** Sets the document id in the trailer and the XMP packet (which repeats it). */
function identify(doc: PDFDocument, info: FinishInfo, idHex: string, metaRef: PDFRef | undefined): PDFRef {
  const ctx = doc.context;
  const meta = ctx.stream(new TextEncoder().encode(xmp(info, uuidOf(idHex))), { Type: 'Metadata', Subtype: 'XML' });
  // Same object number both times, so that only the id's digits differ.
  const ref = metaRef ?? ctx.nextRef();
  ctx.assign(ref, meta);
  doc.catalog.set(PDFName.of('Metadata'), ref);
  ctx.trailerInfo.ID = ctx.obj([PDFHexString.of(idHex), PDFHexString.of(idHex)]);
  return ref;
}

async function save(doc: PDFDocument): Promise<Uint8Array> {
  // Plain cross-reference table, no object streams: the most widely read form,
  // which old preflight tools and RIPs accept. A print opened lazily keeps Chromium's
  // bytes for what was not changed (lazy-pdf.ts).
  if (isLazy(doc)) return saveLazily(doc);
  return doc.save({ useObjectStreams: false, addDefaultPage: false, updateFieldAppearances: false, objectsPerTick: Infinity });
}

/**
 * Sets metadata and the outline on a parsed print, and makes the file reproducible: the same
 * printed content always gives the same bytes. The /ID (and the XMP document
 * id) is the hash of the file assembled with a zero id, so it changes exactly
 * when the content does.
 */
export async function finishPdf(doc: PDFDocument, info: FinishInfo): Promise<Uint8Array> {
  renumberStructIds(doc);
  annotate(doc, info);
  const zero = '0'.repeat(32);
  const metaRef = identify(doc, info, zero, undefined);
  const draft = await save(doc);
  const idHex = createHash('sha256').update(draft).digest('hex').slice(0, 32);
  // The id is written as text of a fixed length in two places (the trailer, the uncompressed
  // XMP): writing it over the zeros gives the bytes a second save would, without the second save.
  const patched = overwrite(draft, [`<${zero}>`, `<${idHex}>`, 'trailer'], [`uuid:${uuidOf(zero)}`, `uuid:${uuidOf(idHex)}`, '<?xpacket begin']);
  if (patched) return patched;
  identify(doc, info, idHex, metaRef);
  return save(doc);
}

/**
 * Replaces, in `bytes`, the two occurrences of each `[from, to]` that follow the last `after`,
 * or returns undefined if there are not exactly two.
 */
function overwrite(bytes: Uint8Array, ...edits: [string, string, string][]): Uint8Array | undefined {
  const out = Buffer.from(bytes);
  for (const [from, to, after] of edits) {
    const start = out.lastIndexOf(after);
    const hits: number[] = [];
    for (let i = out.indexOf(from, start); start >= 0 && i >= 0; i = out.indexOf(from, i + from.length)) hits.push(i);
    if (hits.length !== 2 || to.length !== from.length) return undefined;
    for (const i of hits) out.write(to, i, 'latin1');
  }
  return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
}
