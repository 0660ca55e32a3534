/**
 * A second application opens the Word copies: LibreOffice headless converts
 * both to PDF without complaint, and what it lays out is the report: the cover
 * without a number, `— n —` at the outer edge of every later page, the whole
 * text, each table's header row again at the top of every page a table runs on to. A reviewed copy
 * that LibreOffice saves again (a second producer's XML) still traces.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Heading } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { beforeAll, describe, expect, it } from 'vitest';
import { run } from '../../src/cli/run.js';
import { loadEdition } from '../../src/load/index.js';
import type { Edition } from '../../src/model.js';
import { captureIo, tempDir } from '../helpers.js';
import { folio, pageText, readPdf, squash, type PageInfo } from '../pdf/read-pdf.js';
import { sharedSampleBuild } from '../sample-build.js';
import { convert, ensureSoffice } from './soffice.js';
import { applyReview } from './word-edits.js';

const { soffice, reason } = await ensureSoffice();
if (!soffice) console.warn(`SKIPPED the LibreOffice DOCX tests: ${reason}`);

let edition: Edition;
let sample: string;
let dir: string;
const pdfs: Record<string, PageInfo[]> = {};
const texts: Record<string, string> = {};

beforeAll(async () => {
  if (!soffice) return;
  const shared = await sharedSampleBuild();
  edition = loadEdition(shared.edition).edition!;
  sample = shared.edition;
  const out = shared.out;
  dir = tempDir('baogao-lo-');
  const copies = (['zh', 'en'] as const).map((lang) => {
    const file = path.join(dir, `report-${lang}.docx`);
    fs.copyFileSync(path.join(out, lang, 'report.docx'), file);
    return file;
  });
  const [zh, en] = convert(soffice, copies, 'pdf', path.join(dir, 'pdf'));
  pdfs.zh = (await readPdf(zh)).pages;
  pdfs.en = (await readPdf(en)).pages;
  // pdfjs cannot map the glyphs of the font subsets LibreOffice writes for Chinese back to text
  // (poppler can, but is not on a fresh machine): the Chinese text is read from LibreOffice's own text export.
  texts.zh = fs.readFileSync(convert(soffice, [copies[0]], 'txt', path.join(dir, 'txt'))[0], 'utf8');
}, 600_000);

describe.skipIf(!soffice).each(['zh', 'en'] as const)('LibreOffice opens %s/report.docx', (lang) => {
  it('and lays it out on A4 pages, the cover unnumbered, `— n —` at the outer edge after it', () => {
    const pages = pdfs[lang];
    expect(pages.length).toBeGreaterThan(15);
    for (const p of pages) expect([Math.round(p.width), Math.round(p.height)]).toEqual([595, 842]);
    expect(folio(pages[0])).toBeUndefined();
    for (const p of pages.slice(1)) {
      const f = folio(p);
      expect(f?.text.replace(/\s+/g, ''), `page ${p.number}`).toBe(`—${p.number}—`);
      // Odd pages carry the number on the right, even pages on the left (duplex, GB/T 9704).
      if (p.number % 2) expect(f!.x0).toBeGreaterThan(p.width / 2);
      else expect(f!.x1).toBeLessThan(p.width / 2);
    }
  });

  it('with every heading and table caption of the report in its text', () => {
    const whole = squash(lang === 'zh' ? texts.zh : pdfs.en.map(pageText).join(''));
    const headings = edition.chapters.flatMap((ch) => ch.docs[lang].tree.children.filter((n): n is Heading => n.type === 'heading').map((h) => toString(h)));
    for (const h of headings) expect(whole).toContain(squash(h));
    for (const t of edition.tables.filter((x) => x.number > 0)) expect(whole).toContain(squash(t.caption[lang]));
  });
});

describe.skipIf(!soffice)('LibreOffice lays out en/report.docx', () => {
  it('with each table header row again at the top of every page the table runs on to', () => {
    const pages = pdfs.en;
    const texts = pages.map(pageText);
    let spanning = 0;
    for (const t of edition.tables.filter((x) => x.number > 0)) {
      const first = texts.findIndex((s) => s.includes(squash(t.caption.en)));
      expect(first, t.id).toBeGreaterThanOrEqual(0);
      // The pages the table covers: each row's label on the page of the row before or the next
      // (a row never splits, so a table moves on at most a page a row). A label that wraps inside
      // its cell is not found; the table is then taken to end earlier, never later.
      let last = first;
      for (const r of t.rows) {
        const label = squash(r.cells[t.columns[0].id].text.en).slice(0, 12);
        const at = [last, last + 1].find((i) => texts[i]?.includes(label));
        if (at !== undefined) last = at;
      }
      // Cells wrap, so the start of each header cell is looked for in the page's first lines.
      const starts = t.columns.map((c) => squash(c.header.en).slice(0, 4));
      for (let i = first + 1; i <= last; i++) {
        const top = squash(
          pages[i].lines
            .slice(0, 6)
            .map((l) => l.text)
            .join(''),
        );
        for (const s of starts) expect(top, `${t.id}: header "${s}…" at the top of page ${i + 1}`).toContain(s);
      }
      if (last > first) spanning++;
    }
    // Otherwise the repetition would go unexamined.
    expect(spanning).toBeGreaterThan(0);
  });
});

describe.skipIf(!soffice)('a reviewed copy saved again by LibreOffice', () => {
  it('keeps its comments, tracked insertion and source places', async () => {
    const out = (await sharedSampleBuild()).out;
    const reviewed = path.join(dir, 'reviewed-zh.docx');
    fs.writeFileSync(
      reviewed,
      await applyReview(fs.readFileSync(path.join(out, 'zh', 'report.docx')), {
        comments: [{ anchor: '降幅较最低点收窄', author: '王芳', text: '请核对口径。' }],
        insertions: [{ after: '位列中心城区第一', author: '张伟', text: '，连续三年' }],
      }),
    );
    const [resaved] = convert(soffice!, [reviewed], 'docx', path.join(dir, 'resaved'));
    const io = captureIo();
    expect(await run(['comments', resaved, sample, '--format', 'json'], io)).toBe(0);
    const entries = (JSON.parse(io.stdout.join('\n')) as { entries: { kind: string; author: string; text: string; place: { file: string; line: number } }[] })
      .entries;
    const file = path.join(sample, 'zh', '01-review.md');
    const line =
      fs
        .readFileSync(file, 'utf8')
        .split('\n')
        .findIndex((l) => l.includes('降幅较最低点收窄')) + 1;
    expect(entries.map((e) => [e.kind, e.author, e.text, e.place.file, e.place.line])).toEqual([
      ['comment', '王芳', '请核对口径。', file, line],
      ['insertion', '张伟', '，连续三年', file, line],
    ]);
  });
});
