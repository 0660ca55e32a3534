/**
 * One print per language: the contents' page numbers are written into the
 * first print (src/render/pdf/toc-numbers.ts), and the result is what
 * Chromium itself prints when it is given the numbers in a second print.
 */
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDocument, type PDFDocumentProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { PDFName, PDFRawStream, PDFRef } from 'pdf-lib';
import { build } from '../../src/build.js';
import type { Lang } from '../../src/model.js';
import { loadEdition } from '../../src/load/index.js';
import { printCount, renderPdf } from '../../src/render/pdf/index.js';
import { streamBytes } from '../../src/render/pdf/page-fonts.js';
import { parsePdf } from '../../src/render/pdf/print.js';
import { fillTocNumbers, skiaDecimal } from '../../src/render/pdf/toc-numbers.js';
import { VERSION } from '../../src/version.js';
import { tempDir } from '../helpers.js';
import { sharedSampleBuild } from '../sample-build.js';

const LANGS: Lang[] = ['zh', 'en'];
const tmp = tempDir('baogao-one-print-');
const once = path.join(tmp, 'once');
const twice = path.join(tmp, 'twice');
let prints = 0;
let reprints = 0;

beforeAll(async () => {
  const shared = await sharedSampleBuild();
  // No cache of earlier page numbers exists any more: every build is a cold one.
  const before = printCount();
  await build({ edition: shared.edition, out: once, langs: LANGS, formats: ['pdf'], force: true, templates: shared.templates });
  prints = printCount() - before;
  // The same pages, with the numbers printed by Chromium in a second print.
  fs.cpSync(once, twice, { recursive: true });
  const edition = loadEdition(shared.edition).edition!;
  const again = printCount();
  await renderPdf(edition, twice, { html: { templates: shared.templates, langs: LANGS, draft: shared.draft, version: VERSION }, reprint: true });
  reprints = printCount() - again;
}, 900_000);

/** Each contents entry's printed number, and the page its link jumps to. */
async function entries(doc: PDFDocumentProxy): Promise<{ dest: string; printed: number; target: number }[]> {
  const out: { dest: string; printed: number; target: number }[] = [];
  for (let n = 2; n <= doc.numPages; n++) {
    const page = await doc.getPage(n);
    const links = ((await page.getAnnotations()) as { subtype: string; dest?: unknown; rect: number[] }[]).filter(
      (a) => a.subtype === 'Link' && typeof a.dest === 'string' && a.dest.startsWith('sec-'),
    );
    if (!links.length) break;
    const items = (await page.getTextContent()).items.flatMap((it) => ('str' in it && it.str.trim() ? [it] : []));
    for (const link of links) {
      const [x0, y0, x1, y1] = link.rect;
      const inside = items.filter((it) => it.transform[4] >= x0 - 1 && it.transform[4] <= x1 + 1 && it.transform[5] >= y0 - 1 && it.transform[5] <= y1 + 1);
      // The number is the entry's rightmost text.
      const right = inside.sort((a, b) => b.transform[4] - a.transform[4])[0];
      const dest = (await doc.getDestination(link.dest as string)) as [{ num: number; gen: number }];
      out.push({ dest: link.dest as string, printed: Number(right?.str.trim()), target: (await doc.getPageIndex(dest[0])) + 1 });
    }
  }
  return out;
}

const open = (file: string) =>
  getDocument({ data: new Uint8Array(fs.readFileSync(file)), isEvalSupported: false, disableFontFace: true, useSystemFonts: false, verbosity: 0 }).promise;

describe('the contents page numbers', () => {
  it('cost one print per language, and a forced second print one more each', () => {
    expect(prints).toBe(LANGS.length);
    expect(reprints).toBe(2 * LANGS.length);
  });

  it.each(LANGS)('%s: each entry shows the page its link jumps to', async (lang) => {
    const found = await entries(await open(path.join(once, lang, 'report.pdf')));
    expect(found.length).toBeGreaterThan(5);
    // Single-digit and two-digit numbers both occur in the sample: both ways of writing a number are covered.
    expect(new Set(found.map((e) => String(e.printed).length)).size).toBe(2);
    for (const e of found) expect(e.printed, e.dest).toBe(e.target);
  });

  it.each(LANGS)('%s: are the PDF Chromium prints with the numbers given, object for object', async (lang) => {
    const [a, b] = await Promise.all([once, twice].map(async (dir) => parsePdf(fs.readFileSync(path.join(dir, lang, 'report.pdf')))));
    const objects = (doc: typeof a) => {
      // The XMP packet repeats the document id, a hash of the file's bytes.
      const meta = doc.catalog.get(PDFName.of('Metadata'));
      const out = new Map<string, string>();
      for (const [ref, obj] of doc.context.enumerateIndirectObjects()) {
        if (meta instanceof PDFRef && ref === meta) continue;
        // Streams by their decoded bytes: how they are compressed is not what is printed.
        const text = obj instanceof PDFRawStream ? Buffer.from(streamBytes(obj)!).toString('latin1') : obj.toString();
        out.set(ref.toString(), text);
      }
      return out;
    };
    const [oa, ob] = [objects(a), objects(b)];
    expect([...oa.keys()].sort()).toEqual([...ob.keys()].sort());
    const differ = [...oa.keys()].filter((k) => oa.get(k) !== ob.get(k));
    expect(differ).toEqual([]);
  });

  it('leave a print untouched when it shows no placeholder, and say why', async () => {
    const doc = await parsePdf(fs.readFileSync(path.join(once, 'zh', 'report.pdf')));
    const before = streamBytes(doc.context.lookup(doc.getPage(1).node.get(PDFName.of('Contents'))));
    const why = fillTocNumbers(doc, { 'sec-1': 3 }, [1]);
    expect(why).toMatch(/no placeholder found in the contents entry for sec-1/);
    expect(streamBytes(doc.context.lookup(doc.getPage(1).node.get(PDFName.of('Contents'))))).toEqual(before);
  });

  it("are written in Skia's own number format: every number of a Chromium page reads back as written", async () => {
    const doc = await parsePdf(fs.readFileSync(path.join(twice, 'en', 'report.pdf')));
    const src = Buffer.from(streamBytes(doc.context.lookup(doc.getPage(1).node.get(PDFName.of('Contents'))))!).toString('latin1');
    const numbers = [...new Set(src.match(/(?<![\w.<])-?(\d+\.?\d*|\.\d+)(?=\s)/g) ?? [])];
    expect(numbers.length).toBeGreaterThan(30);
    expect(numbers.filter((s) => skiaDecimal(Number(s)) !== s)).toEqual([]);
  });
});
