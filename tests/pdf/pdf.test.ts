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
import { langView, tableView, type LangView } from '../../src/render/html/view-model.js';
import { renderPdf } from '../../src/render/pdf/index.js';
import { VERSION } from '../../src/version.js';
import { tempDir } from '../helpers.js';
import { sharedSampleBuild } from '../shared-build.js';
import { pdfFonts } from './pdf-fonts.js';
import { folio, pageText, readPdf, squash, type PageInfo, type ReadPdf } from './read-pdf.js';

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
  it('is A4 on every page', () => {
    for (const p of pdfs[lang].pages) {
      expect(p.width).toBeCloseTo(595.28, 0);
      expect(p.height).toBeCloseTo(841.89, 0);
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

  it('has an outline of the chapters with their sections, each opening its heading\'s page', async () => {
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
    expect(info.Language).toBe(lang === 'zh' ? 'zh-CN' : 'en');
    expect(info.CreationDate).toBe(date);
    expect(info.ModDate).toBe(date);
    expect(info.Creator).toBe(`baogao ${VERSION}`);
    expect(metadata?.get('dc:title')).toBe(meta.title[lang]);
    expect(metadata?.get('xmp:createdate')).toBe(`${meta.date}T00:00:00+08:00`);
  });

  it('repeats the header row of a table on each page it runs onto', () => {
    // A page that opens with table text (not a caption) continues a table from the page before.
    const tableSize = lang === 'zh' ? 12 : 10.5;
    const headers = edition.tables.filter((t) => t.number > 0).map((t) => tableView(t, lang).columns.map((c) => c.header));
    const last = Math.max(...tocPages(lang).map((p) => p.number));
    const continued = pdfs[lang].pages.filter((p) => p.number > last && p.lines.length && Math.abs(p.lines[0].size - tableSize) < 0.2);
    expect(continued.length, 'no table of the sample crosses a page: the test has nothing to check').toBeGreaterThan(0);
    for (const p of continued) {
      // Its first lines (header cells may wrap) hold every word of one table's header row.
      const band = squash(p.lines.filter((l) => l.y > p.lines[0].y - 40).map((l) => l.text).join(''));
      const repeated = headers.some((cells) => cells.every((h) => h.split(/\s+/).every((w) => band.includes(squash(w)))));
      expect(repeated, `page ${p.number} continues a table without its header: ${band.slice(0, 60)}`).toBe(true);
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

describe('the English edition', () => {
  it('is printed at its designed size (13 pt body), not shrunk to fit an over-wide element', () => {
    const sizes = pdfs.en.pages.slice(3).flatMap((p) => p.lines.map((l) => Math.round(l.size * 2) / 2));
    const counts = new Map<number, number>();
    for (const s of sizes) counts.set(s, (counts.get(s) ?? 0) + 1);
    const commonest = [...counts].sort((a, b) => b[1] - a[1])[0][0];
    expect(commonest).toBe(13);
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
