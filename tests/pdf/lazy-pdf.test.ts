/**
 * Opening Chromium's print without parsing it whole (src/render/pdf/lazy-pdf.ts):
 * the finished PDF must be the document a full pdf-lib load and save gives,
 * object for object, while only the objects finishing needs are parsed; and
 * any file not in the one form expected is left to pdf-lib's full load.
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { decodePDFRawStream, PDFArray, PDFDict, PDFDocument, PDFName, PDFNumber, PDFRawStream, PDFRef, ParseSpeeds, type PDFObject } from 'pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { withBrowser } from '../../src/render/pdf/browser.js';
import { ensureBrowser } from '../../src/render/pdf/find-browser.js';
import { finishPdf, type FinishInfo } from '../../src/render/pdf/finish.js';
import { isLazy, openLazily, parsedCount, saveLazily } from '../../src/render/pdf/lazy-pdf.js';
import { printPage } from '../../src/render/pdf/page-print.js';
import { streamBytes } from '../../src/render/pdf/page-fonts.js';
import { readAnchors } from '../../src/render/pdf/print.js';
import { sharedSampleBuild } from '../sample-build.js';

const fullLoad = (bytes: Uint8Array) => PDFDocument.load(bytes, { updateMetadata: false, parseSpeed: ParseSpeeds.Fastest });

/** A document as a comparable tree: references replaced by what they point to, streams by their decoded bytes. */
function tree(doc: PDFDocument, obj: PDFObject | undefined, seen = new Map<PDFObject, number>()): unknown {
  if (obj instanceof PDFRef) {
    const target = doc.context.lookup(obj);
    if (!target) return null;
    if (seen.has(target)) return `#${seen.get(target)}`;
    seen.set(target, seen.size);
    return tree(doc, target, seen);
  }
  if (obj instanceof PDFDict) {
    const keys = obj
      .keys()
      .map((k) => k.asString())
      // The parent links make every page reach the whole tree again.
      .filter((k) => k !== '/Parent' && k !== '/P')
      .sort();
    return Object.fromEntries(keys.map((k) => [k, tree(doc, obj.get(PDFName.of(k.slice(1))), seen)]));
  }
  if (obj instanceof PDFArray) return obj.asArray().map((o) => tree(doc, o, seen));
  if (obj instanceof PDFRawStream) {
    const bytes = Buffer.from(streamBytes(obj) ?? []);
    // The XMP repeats the document id, a hash of the file's bytes, which differ by design.
    if (obj.dict.get(PDFName.of('Type')) === PDFName.of('Metadata'))
      return { dict: tree(doc, obj.dict, seen), xmp: bytes.toString('utf8').replace(/uuid:[0-9a-f-]+/g, 'uuid:') };
    return { dict: tree(doc, obj.dict, seen), bytes: bytes.toString('base64') };
  }
  if (obj && 'getContents' in obj) return { bytes: Buffer.from((obj as unknown as { getContents(): Uint8Array }).getContents()).toString('base64') };
  if (obj instanceof PDFNumber) return obj.asNumber();
  return obj?.toString() ?? null;
}

const INFO: FinishInfo = {
  title: '标题',
  author: '发展和改革委员会',
  subject: '报告',
  keywords: ['一', '二'],
  lang: 'zh-Hans',
  date: '2023-01-05',
  timezone: '+08:00',
  creator: 'baogao test',
  producer: 'baogao test',
  outline: [],
};

describe('a Chromium print opened lazily', () => {
  let print: Uint8Array;

  beforeAll(async () => {
    const shared = await sharedSampleBuild();
    const browser = await ensureBrowser();
    print = await withBrowser({ executablePath: browser.path, root: shared.out }, (b) =>
      b.withPage((page) => printPage(page, pathToFileURL(path.join(shared.out, 'zh', 'index.html')).href)),
    );
  }, 900_000);

  it('is taken lazily, and finishing it parses a minority of its objects', async () => {
    const doc = openLazily(print)!;
    expect(doc).toBeDefined();
    expect(isLazy(doc)).toBe(true);
    const anchors = readAnchors(doc);
    const outline = Object.entries(anchors)
      .slice(0, 3)
      .map(([title, anchor]) => ({ title, anchor, children: [] }));
    await finishPdf(doc, { ...INFO, outline });
    const { parsed, total } = parsedCount(doc)!;
    expect(total).toBeGreaterThan(500);
    expect(parsed / total).toBeLessThan(0.4);
  });

  it('finishes to the same document as a full load does, object for object', async () => {
    const lazy = openLazily(print)!;
    const full = await fullLoad(print);
    const outline = (d: PDFDocument) =>
      Object.entries(readAnchors(d))
        .slice(0, 4)
        .map(([title, anchor]) => ({ title, anchor, children: [] }));
    const [a, b] = [await finishPdf(lazy, { ...INFO, outline: outline(lazy) }), await finishPdf(full, { ...INFO, outline: outline(full) })];
    expect(isLazy(full)).toBe(false);
    const [da, db] = [await fullLoad(a), await fullLoad(b)];
    expect(da.getPageCount()).toBe(db.getPageCount());
    expect(tree(da, da.context.trailerInfo.Root)).toEqual(tree(db, db.context.trailerInfo.Root));
    expect(tree(da, da.context.trailerInfo.Info)).toEqual(tree(db, db.context.trailerInfo.Info));
  });

  it('keeps the bytes Chromium wrote for every object it did not parse', () => {
    const doc = openLazily(print)!;
    doc.getPages();
    const out = Buffer.from(saveLazily(doc));
    const fonts = Buffer.from(print).indexOf('/FontFile2');
    // Opening the pages never parses a font's descriptor: its object is in the output as Chromium wrote it.
    const start = Buffer.from(print).lastIndexOf(' obj', fonts);
    const end = Buffer.from(print).indexOf('endobj', fonts);
    expect(out.includes(Buffer.from(print).subarray(start, end))).toBe(true);
  });
});

describe('files not in the form Chromium writes', () => {
  async function sample(): Promise<PDFDocument> {
    const doc = await PDFDocument.create();
    doc.addPage([200, 200]);
    doc.addPage([300, 300]);
    return doc;
  }

  it('are left to the full load: object streams, or an earlier revision', async () => {
    const streams = await (await sample()).save({ useObjectStreams: true });
    expect(openLazily(streams)).toBeUndefined();
    const plain = Buffer.from(await (await sample()).save({ useObjectStreams: false }));
    expect(openLazily(plain)).toBeDefined();
    // An incremental update: a second section pointing back to the first.
    const xref = plain.lastIndexOf('startxref');
    const prev = Number(/startxref\s+(\d+)/.exec(plain.subarray(xref).toString('latin1'))![1]);
    const updated = Buffer.concat([
      plain,
      Buffer.from(`xref\n0 1\n0000000000 65535 f \ntrailer\n<< /Size 1 /Prev ${prev} >>\nstartxref\n${plain.length}\n%%EOF\n`),
    ]);
    expect(openLazily(updated)).toBeUndefined();
    expect(openLazily(Buffer.from('not a pdf'))).toBeUndefined();
  });

  it('a pdf-lib file in that form round-trips with its changes and new objects', async () => {
    const plain = await (await sample()).save({ useObjectStreams: false });
    const doc = openLazily(plain)!;
    doc.getPage(1).setMediaBox(0, 0, 10, 20);
    doc.context.register(doc.context.obj({ Hello: 'World' }));
    const back = await fullLoad(saveLazily(doc));
    expect(back.getPageCount()).toBe(2);
    expect(back.getPage(0).getSize()).toEqual({ width: 200, height: 200 });
    expect(back.getPage(1).getSize()).toEqual({ width: 10, height: 20 });
    const added = back.context.enumerateIndirectObjects().find(([, o]) => o instanceof PDFDict && o.get(PDFName.of('Hello')) === PDFName.of('World'));
    expect(added).toBeDefined();
  });
});

describe('streamBytes', () => {
  it("inflates Flate streams as pdf-lib's own decoder does, and leaves other filters to it", async () => {
    const doc = await PDFDocument.create();
    const text = 'BT /F1 12 Tf 72 712 Td (page 3 of 37) Tj ET\n'.repeat(200);
    const flate = doc.context.flateStream(Buffer.from(text, 'latin1'));
    const raw = PDFRawStream.of(flate.dict, flate.getContents());
    expect(Buffer.from(streamBytes(raw)!).toString('latin1')).toBe(text);
    expect(Buffer.from(streamBytes(raw)!)).toEqual(Buffer.from(decodePDFRawStream(raw).decode()));
    // ASCIIHex: not Flate, so pdf-lib's decoder.
    const hex = PDFRawStream.of(doc.context.obj({ Filter: 'ASCIIHexDecode' }), Buffer.from('48656C6C6F>', 'latin1'));
    expect(Buffer.from(streamBytes(hex)!).toString('latin1')).toBe('Hello');
  });
});
