/**
 * The printed PDFs of the sample edition, read back with pdfjs-dist and
 * pdf-lib: page size, page numbers, contents, outline, metadata,
 * tables across pages, fonts, the text grid, and reproducible bytes.
 */
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadEdition } from '../../src/load/index.js';
import type { Edition, Lang } from '../../src/model.js';
import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFRef, PDFString } from 'pdf-lib';
import { figureView, langView, tableView, type LangView } from '../../src/render/html/view-model.js';
import { renderPdf } from '../../src/render/pdf/index.js';
import { VERSION } from '../../src/version.js';
import { tempDir } from '../helpers.js';
import { sharedSampleBuild } from '../sample-build.js';
import { pdfFonts } from './pdf-fonts.js';
import { folio, fontItems, pageText, readPdf, squash, type PageInfo, type ReadPdf } from './read-pdf.js';

const LANGS: Lang[] = ['zh', 'en'];
const tmp = tempDir('baogao-pdf-');
let out: string;
let templates: string;
let edition: Edition;
let draft: boolean;
const pdfs = {} as Record<Lang, ReadPdf>;
const views = {} as Record<Lang, LangView>;

beforeAll(async () => {
  const shared = await sharedSampleBuild();
  ({ out, draft } = shared);
  templates = shared.templates;
  const loaded = loadEdition(shared.edition);
  if (!loaded.edition) throw new Error('the sample edition did not load');
  edition = loaded.edition;
  for (const lang of LANGS) {
    pdfs[lang] = await readPdf(path.join(out, lang, 'report.pdf'));
    views[lang] = langView(edition, lang);
  }
}, 900_000);

/** Pages holding the contents: those whose links point at headings. */
function tocPages(lang: Lang): PageInfo[] {
  return pdfs[lang].pages.filter((p) => p.linkDests.some((d) => d.startsWith('sec-')));
}

/** The page number printed after each contents entry. */
function printedTocNumbers(lang: Lang): Map<string, number> {
  const text = tocPages(lang).map(pageText).join('');
  const found = new Map<string, number>();
  for (const e of views[lang].toc) {
    const m = new RegExp(`${squash(e.text).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(\\d+)`).exec(text);
    if (m) found.set(e.id, Number(m[1]));
  }
  return found;
}

/** The first page after the contents on which the heading's text is printed. */
function headingPage(lang: Lang, text: string): number | undefined {
  const last = Math.max(...tocPages(lang).map((p) => p.number));
  return pdfs[lang].pages.find((p) => p.number > last && pageText(p).includes(squash(text)))?.number;
}

describe.each(LANGS)('%s/report.pdf', (lang) => {
  it('is exactly A4 on every page: media, crop, bleed, trim and art boxes of 595.28 × 841.89 pt', async () => {
    for (const p of pdfs[lang].pages) {
      expect(p.width).toBeCloseTo(595.28, 2);
      expect(p.height).toBeCloseTo(841.89, 2);
    }
    const doc = await PDFDocument.load(fs.readFileSync(path.join(out, lang, 'report.pdf')), { updateMetadata: false });
    for (const page of doc.getPages()) {
      for (const box of [page.getMediaBox(), page.getCropBox(), page.getBleedBox(), page.getTrimBox(), page.getArtBox()]) {
        expect([box.x, box.y, box.width, box.height]).toEqual([0, 0, 595.28, 841.89]);
      }
    }
  });

  it('numbers every page but the title page, — n — at the foot, odd pages right and even pages left', () => {
    const [cover, ...rest] = pdfs[lang].pages;
    expect(folio(cover)).toBeUndefined();
    expect(rest.length).toBeGreaterThan(3);
    for (const p of rest) {
      const f = folio(p);
      expect(f, `page ${p.number} has no page number`).toBeDefined();
      expect(f!.text.replace(/\s+/g, ' ').trim()).toBe(`— ${p.number} —`);
      expect(f!.size).toBeCloseTo(14, 0);
      // One 14 pt character in from the text block: binding margin 28 mm, outer 26 mm (mirrored on even pages).
      const outer = (26 / 25.4) * 72;
      if (p.number % 2) expect(f!.x1).toBeCloseTo(p.width - outer - 14, -0.5);
      else expect(f!.x0).toBeCloseTo(outer + 14, -0.5);
    }
  });

  it('prints every contents entry with the page its heading is printed on', () => {
    const numbers = printedTocNumbers(lang);
    expect(views[lang].toc.length).toBeGreaterThan(5);
    for (const e of views[lang].toc) {
      expect(numbers.get(e.id), `no page number after "${e.text}"`).toBeDefined();
      expect(numbers.get(e.id), e.text).toBe(headingPage(lang, e.text));
    }
  });

  it("has an outline of the chapters with their sections, each opening its heading's page", async () => {
    const { doc } = pdfs[lang];
    const outline = await doc.getOutline();
    expect(outline).toBeTruthy();
    const numbers = printedTocNumbers(lang);
    const chapters = views[lang].toc.filter((e) => e.depth === 1);
    expect(chapters.length).toBeGreaterThanOrEqual(3);
    for (const ch of chapters) {
      const item = outline.find((o) => o.title === ch.text);
      expect(item, ch.text).toBeDefined();
      const dest = item!.dest as unknown[];
      expect((await doc.getPageIndex(dest[0] as { num: number; gen: number })) + 1).toBe(numbers.get(ch.id));
      const after = views[lang].toc.slice(views[lang].toc.indexOf(ch) + 1);
      const next = after.findIndex((e) => e.depth === 1);
      const own = (next < 0 ? after : after.slice(0, next)).map((e) => e.text);
      expect(item!.items.map((i) => i.title)).toEqual(own);
    }
  });

  it('carries the document metadata, dated from the edition', async () => {
    const { info: rawInfo, metadata } = await pdfs[lang].doc.getMetadata();
    const info = rawInfo as Record<string, unknown>;
    const { meta } = edition;
    const date = `D:${meta.date.replaceAll('-', '')}000000+08'00'`;
    expect(info.Title).toBe(meta.title[lang]);
    expect(info.Author).toBe(meta.issuer[lang]);
    expect(info.Subject).toBe(meta.description?.[lang] ?? meta.session?.[lang]);
    for (const k of meta.keywords[lang]) expect(info.Keywords).toContain(k);
    expect(info.Language).toBe(lang === 'zh' ? 'zh-Hans' : 'en');
    expect(info.CreationDate).toBe(date);
    expect(info.ModDate).toBe(date);
    expect(info.Creator).toBe(`baogao ${VERSION}`);
    expect(metadata?.get('dc:title')).toBe(meta.title[lang]);
    expect(metadata?.get('xmp:createdate')).toBe(`${meta.date}T00:00:00+08:00`);
  });

  it('opens each page a table runs onto with 续表n / "Table n (continued)" and the repeated header row', () => {
    // A page that opens with table text, or with a continued line, continues a table from the page before.
    const tableSize = lang === 'zh' ? 12 : 10.5;
    const label = lang === 'zh' ? /^续表(\d+)$/ : /^Table (\d+) \(continued\)$/;
    const tables = edition.tables.filter((t) => t.number > 0);
    const last = Math.max(...tocPages(lang).map((p) => p.number));
    const continued = pdfs[lang].pages.filter(
      (p) => p.number > last && p.lines.length && (Math.abs(p.lines[0].size - tableSize) < 0.2 || label.test(p.lines[0].text.trim())),
    );
    expect(continued.length, 'no table of the sample crosses a page: the test has nothing to check').toBeGreaterThan(0);
    for (const p of continued) {
      const m = label.exec(p.lines[0].text.trim());
      expect(m, `page ${p.number} continues a table without a continued line: ${p.lines[0].text}`).not.toBeNull();
      const table = tables.find((t) => t.number === Number(m![1]))!;
      // Below it (header cells may wrap), every word of that table's header row.
      const band = squash(
        p.lines
          .filter((l) => l.y < p.lines[0].y && l.y > p.lines[0].y - 60)
          .map((l) => l.text)
          .join(''),
      );
      const header = tableView(table, lang, edition.meta.style.numbering).columns.map((c) => c.header);
      expect(
        header.every((h) => h.split(/\s+/).every((w) => band.includes(squash(w)))),
        `page ${p.number}: ${band.slice(0, 60)}`,
      ).toBe(true);
    }
  });

  it("gives the chart its description as the Figure's Alt text in the tagged PDF", async () => {
    const doc = await PDFDocument.load(fs.readFileSync(path.join(out, lang, 'report.pdf')), { updateMetadata: false });
    const alts: string[] = [];
    const walk = (node: unknown, depth = 0): void => {
      if (depth > 60) return;
      const dict = node instanceof PDFRef ? doc.context.lookup(node) : node;
      if (dict instanceof PDFArray) return void dict.asArray().forEach((k) => walk(k, depth + 1));
      if (!(dict instanceof PDFDict)) return;
      if (dict.lookup(PDFName.of('S')) === PDFName.of('Figure')) {
        const alt = dict.lookup(PDFName.of('Alt'));
        if (alt instanceof PDFString || alt instanceof PDFHexString) alts.push(alt.decodeText());
      }
      walk(dict.get(PDFName.of('K')), depth + 1);
    };
    walk(doc.catalog.lookup(PDFName.of('StructTreeRoot')));
    for (const f of edition.figures) {
      const v = figureView(f, lang, edition.meta.style.numbering);
      const alt = alts.find((a) => a.startsWith(v.label));
      expect(alt, `no Figure with Alt text for ${v.label}`).toBeDefined();
      for (const d of v.data) expect(alt).toContain(d.value);
    }
  });

  it('embeds every font as CID TrueType, with no Type 3 font', async () => {
    const fonts = await pdfFonts(path.join(out, lang, 'report.pdf'));
    expect(fonts.length).toBeGreaterThan(0);
    for (const font of fonts) {
      expect(font.embedded, font.name).toBe(true);
      expect(font.subtype, font.name).not.toBe('Type3');
      // Chromium writes web fonts as Type0 with a CIDFontType2 (TrueType) descendant.
      expect(`${font.subtype}/${font.cidType}`, font.name).toBe('Type0/CIDFontType2');
    }
    // Each embedded font is named for the face and style it prints (subset prefix aside), not
    // for the variable-font instance an npm slice was cut from ("NotoSerifSCExtraLight-Bold").
    const names = new Set(fonts.map((f) => f.name.replace(/^[A-Z]{6}\+/, '')));
    const faces = /^(FandolFang-Regular|NotoSerifSC-(Regular|Bold)|NotoSansSC-(Regular|Bold)|LXGWWenKai-Regular|SourceSerif4-(Regular|Bold|Italic))$/;
    expect([...names].filter((n) => !faces.test(n))).toEqual([]);
    if (lang === 'zh') expect([...names]).toEqual(expect.arrayContaining(['FandolFang-Regular', 'NotoSerifSC-Bold', 'NotoSansSC-Regular']));
  });
});

describe('the Chinese text grid', () => {
  /** Body lines: 16 pt text on the pages after the contents. */
  function bodyLines() {
    const last = Math.max(...tocPages('zh').map((p) => p.number));
    return pdfs.zh.pages.filter((p) => p.number > last).flatMap((p) => p.lines.filter((l) => Math.abs(l.size - 16) < 0.2 && l.y > 100));
  }

  it('sets the body in 16 pt at a 28.9 pt pitch, 28 characters to the line', () => {
    const lines = bodyLines();
    expect(lines.length).toBeGreaterThan(300);
    const pitches = pdfs.zh.pages.flatMap((p) => {
      const body = p.lines.filter((l) => Math.abs(l.size - 16) < 0.2 && l.y > 100);
      return body.slice(1).map((l, i) => body[i].y - l.y);
    });
    expect(pitches.filter((d) => Math.abs(d - 28.9) < 0.6).length / pitches.length).toBeGreaterThan(0.8);
    // Full lines of Han characters and full-width punctuation: 28 to the line. Some hold 27, where a
    // character went down with the punctuation that may not start a line, or text-wrap: pretty
    // evened out a paragraph's last lines; a few 29, where adjacent punctuation was compressed.
    const full = lines.filter((l) => /^[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef“”]+$/.test(l.text) && l.x1 - l.x0 > 430);
    expect(full.length).toBeGreaterThan(20);
    const of28 = full.filter((l) => [...l.text].length === 28).length;
    expect(of28 / full.length).toBeGreaterThan(0.75);
  });

  it('never ends a paragraph on a line holding a single character', () => {
    const lonely = bodyLines().filter((l) => /^[\u4e00-\u9fff][、，。：；！？）》」』”]*$/.test(l.text));
    expect(lonely.map((l) => l.text)).toEqual([]);
  });

  it('never starts a line with closing punctuation or ends one with opening punctuation', () => {
    const lines = bodyLines();
    expect(lines.filter((l) => /^[、，。：；！？）》」』”]/.test(l.text)).map((l) => l.text)).toEqual([]);
    expect(lines.filter((l) => /[（《「『“]$/.test(l.text)).map((l) => l.text)).toEqual([]);
  });
});

describe('the Chinese body face', () => {
  it('is 仿宋 (FandolFang) for the 16 pt body text', async () => {
    const last = Math.max(...tocPages('zh').map((p) => p.number));
    const faces = new Map<string, number>();
    for (let n = last + 1; n <= Math.min(last + 6, pdfs.zh.doc.numPages); n++) {
      const page = await pdfs.zh.doc.getPage(n);
      await page.getOperatorList();
      const text = await page.getTextContent();
      for (const it of text.items) {
        if (!('str' in it) || Math.abs(Math.hypot(it.transform[2], it.transform[3]) - 16) > 0.2) continue;
        const name = (page.commonObjs.get(it.fontName) as { name: string }).name.replace(/^[A-Z]{6}\+/, '');
        faces.set(name, (faces.get(name) ?? 0) + [...it.str].length);
      }
    }
    const total = [...faces.values()].reduce((a, b) => a + b, 0);
    expect(total).toBeGreaterThan(1000);
    expect((faces.get('FandolFang-Regular') ?? 0) / total, JSON.stringify([...faces])).toBeGreaterThan(0.8);
  });
});

describe('the English edition', () => {
  it('uses typographic quotes and apostrophes only', () => {
    const straight = pdfs.en.pages.flatMap((p) => p.lines.filter((l) => /["']/.test(l.text)).map((l) => `p.${p.number}: ${l.text}`));
    expect(straight).toEqual([]);
    expect(pdfs.en.pages.some((p) => p.lines.some((l) => /[’“”]/.test(l.text)))).toBe(true);
  });

  it("leaves no page short by more than a quarter of the text block, but the contents' and a chapter's last", () => {
    // The text block's foot is 35 mm above the page's; a quarter of its 225 mm height is 56.25 mm.
    const foot = (35 / 25.4) * 72;
    const quarter = (225 / 4 / 25.4) * 72;
    const last = Math.max(...tocPages('en').map((p) => p.number));
    const chapterStarts = new Set(views.en.toc.filter((e) => e.depth === 1).map((e) => squash(e.text)));
    const pages = pdfs.en.pages.filter((p) => p.number > last);
    const short: string[] = [];
    pages.forEach((p, i) => {
      const next = pages[i + 1];
      if (!next) return;
      const opensChapter = next.lines.length && [...chapterStarts].some((t) => pageText(next).startsWith(t.slice(0, 20)));
      if (opensChapter) return;
      const body = p.lines.filter((l) => l !== folio(p));
      const lowest = Math.min(...body.map((l) => l.y));
      if (lowest - foot > quarter) short.push(`page ${p.number} ends ${Math.round(lowest - foot)} pt above the text block's foot`);
    });
    expect(short).toEqual([]);
  });

  it('is printed at its designed size (13 pt body), not shrunk to fit an over-wide element', () => {
    const sizes = pdfs.en.pages.slice(3).flatMap((p) => p.lines.map((l) => Math.round(l.size * 2) / 2));
    const counts = new Map<number, number>();
    for (const s of sizes) counts.set(s, (counts.get(s) ?? 0) + 1);
    const commonest = [...counts].sort((a, b) => b[1] - a[1])[0][0];
    expect(commonest).toBe(13);
  });
});

describe('bold figures (edition.yaml style: kept in Chinese, dropped in English by default)', () => {
  /** Items of the running text holding a digit, by whether their font is bold: body size, after the contents, no headings or captions. */
  async function figureFonts(lang: Lang, size: number): Promise<{ bold: string[]; regular: string[] }> {
    const last = Math.max(...tocPages(lang).map((p) => p.number));
    const headings = new Set(views[lang].toc.map((e) => squash(e.text)));
    const out = { bold: [] as string[], regular: [] as string[] };
    for (const p of pdfs[lang].pages.filter((x) => x.number > last)) {
      for (const it of await fontItems(pdfs[lang].doc, p.number)) {
        if (Math.abs(it.size - size) > 0.2 || !/\d/.test(it.str) || /^(Table|Figure|表|图)\s*\d/.test(it.str.trim())) continue;
        if ([...headings].some((h) => h.includes(squash(it.str)))) continue;
        (/Bold/.test(it.font) ? out.bold : out.regular).push(it.str);
      }
    }
    return out;
  }

  it("the Chinese PDF prints the report's figures in bold", async () => {
    const { bold } = await figureFonts('zh', 16);
    expect(bold.filter((s) => /^[\d.%]+$/.test(s.trim())).length).toBeGreaterThan(50);
  });

  it('the English PDF has no bold figure in its running text', async () => {
    const { bold, regular } = await figureFonts('en', 13);
    expect(regular.join(' ')).toContain('RMB 79.17 billion');
    expect(bold).toEqual([]);
  });
});

describe('reproducibility', () => {
  it('prints byte-identical PDFs from the same input', async () => {
    // A second print of the first build's own HTML, in a fresh staging folder.
    const again = path.join(tmp, 'again');
    fs.mkdirSync(again);
    for (const entry of ['assets', 'zh', 'en']) fs.cpSync(path.join(out, entry), path.join(again, entry), { recursive: true });
    for (const lang of LANGS) fs.rmSync(path.join(again, lang, 'report.pdf'));
    // The shared build also wrote the Word copies; this print neither needs nor touches them.
    for (const lang of LANGS) fs.rmSync(path.join(again, lang, 'report.docx'), { force: true });
    const written = await renderPdf(edition, again, { html: { templates, langs: LANGS, draft, version: VERSION } });
    expect(written.sort()).toEqual(['en/report.pdf', 'zh/report.pdf']);
    for (const rel of written) expect(fs.readFileSync(path.join(again, rel)).equals(fs.readFileSync(path.join(out, rel))), rel).toBe(true);
    // The print's scratch page is gone.
    expect(fs.readdirSync(path.join(again, 'zh')).sort()).toEqual(['index.html', 'report.pdf']);
  }, 300_000);
});
