/**
 * The Word copies read back as XML: the named styles and faces of the print
 * layout, the page, the footer's PAGE field, the cover, the TOC field, the
 * tables with repeating header rows, the chart with its alternative text, the
 * bookmarks that trace every unit, the draft mark, and reproducible bytes.
 */
import path from 'node:path';
import type { Element } from '@xmldom/xmldom';
import type { Heading } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadEdition } from '../../src/load/index.js';
import type { Edition, Lang } from '../../src/model.js';
import { docxBytes } from '../../src/render/docx/index.js';
import { copySample, edit } from '../helpers.js';
import { sharedSampleBuild } from '../sample-build.js';
import { all, buildDocx, openDocx, styleOf, text, wAttr, type Package } from './fixture.js';

let edition: Edition;
const pkg: Partial<Record<Lang, Package>> = {};

beforeAll(async () => {
  const shared = await sharedSampleBuild();
  edition = loadEdition(shared.edition).edition!;
  const out = shared.out;
  for (const lang of ['zh', 'en'] as const) pkg[lang] = await openDocx(path.join(out, lang, 'report.docx'));
});

const body = async (lang: Lang) => (await pkg[lang]!.part('word/document.xml')).documentElement!;
const twips = (mm: number) => Math.round((mm / 25.4) * 1440);
/** Body paragraphs outside tables and the contents' content control. */
const topParagraphs = (b: Element) =>
  all(b, 'p').filter((p) => !all(b, 'tbl').some((t) => t.contains?.(p) ?? false) && (p.parentNode as Element).localName === 'body');

describe.each(['zh', 'en'] as const)('%s/report.docx', (lang) => {
  it('has the 9 tables of the report, each a Word table whose header row repeats and whose rows never split', async () => {
    const tables = all(await body(lang), 'tbl');
    const placed = edition.tables.filter((t) => t.number > 0).sort((a, b) => a.number - b.number);
    expect(tables.length).toBe(9);
    expect(tables.length).toBe(placed.length);
    tables.forEach((tbl, i) => {
      const rows = all(tbl, 'tr');
      expect(all(rows[0], 'tblHeader').length, `table ${i + 1} header`).toBe(1);
      expect(rows.slice(1).every((r) => all(r, 'tblHeader').length === 0)).toBe(true);
      expect(rows.every((r) => all(r, 'cantSplit').length === 1)).toBe(true);
      expect(all(rows[0], 'tc').map(text)).toEqual(placed[i].columns.map((c) => c.header[lang]));
      expect(rows.length - 1).toBe(placed[i].rows.length);
      // The caption sits right above the table, in the caption style, kept with it.
      const caption = tbl.previousSibling as Element;
      expect(styleOf(caption)).toBe('Caption');
      expect(text(caption)).toContain(placed[i].caption[lang]);
    });
  });

  it('sets every Markdown heading in the heading style of its level', async () => {
    const want = edition.chapters.flatMap((ch) =>
      ch.docs[lang].tree.children.filter((n): n is Heading => n.type === 'heading').map((h) => ({ style: `Heading${h.depth}`, text: toString(h) })),
    );
    const got = topParagraphs(await body(lang))
      .filter((p) => /^Heading\d$/.test(styleOf(p) ?? ''))
      .map((p) => ({ style: styleOf(p), text: text(p) }));
    expect(got).toEqual(want);
    expect(new Set(want.map((w) => w.style)).size).toBeGreaterThan(1);
  });

  it('defines the heading styles by their built-in names with outline levels (标题 1–4 in a Chinese Word)', async () => {
    const styles = await pkg[lang]!.part('word/styles.xml');
    for (const level of [1, 2, 3, 4]) {
      const style = all(styles, 'style').find((s) => wAttr(s, 'styleId') === `Heading${level}`)!;
      expect(wAttr(all(style, 'name')[0], 'val')?.toLowerCase()).toBe(`heading ${level}`);
      expect(wAttr(all(style, 'outlineLvl')[0], 'val')).toBe(String(level - 1));
    }
  });

  it('puts `— n —` in the odd and even footers as a PAGE field, and no number on the cover', async () => {
    const doc = await body(lang);
    const sect = all(doc, 'sectPr').at(-1)!;
    expect(all(sect, 'titlePg').length).toBe(1);
    const rels = await pkg[lang]!.part('word/_rels/document.xml.rels');
    const target = (id: string) =>
      Array.from(rels.getElementsByTagName('Relationship'))
        .find((r) => r.getAttribute('Id') === id)!
        .getAttribute('Target')!;
    const footers = Object.fromEntries(
      all(sect, 'footerReference').map((f) => [
        wAttr(f, 'type'),
        target(f.getAttributeNS('http://schemas.openxmlformats.org/officeDocument/2006/relationships', 'id')!),
      ]),
    );
    for (const [type, align] of [
      ['default', 'right'],
      ['even', 'left'],
    ] as const) {
      const footer = (await pkg[lang]!.part(`word/${footers[type]}`)).documentElement!;
      const instr = all(footer, 'instrText').map((i) => i.textContent?.trim());
      expect(instr, type).toEqual(['PAGE']);
      expect(all(footer, 'fldChar').map((f) => wAttr(f, 'fldCharType'))).toEqual(['begin', 'separate', 'end']);
      expect(text(footer).replace(/\s+/g, ' ')).toBe('— —');
      expect(wAttr(all(footer, 'jc')[0], 'val')).toBe(align);
    }
    const first = (await pkg[lang]!.part(`word/${footers.first}`)).documentElement!;
    expect(all(first, 'instrText').length).toBe(0);
    const settings = await pkg[lang]!.part('word/settings.xml');
    expect(all(settings, 'evenAndOddHeaders').length).toBe(1);
  });

  it('is A4 with the PDF margins, mirrored for duplex', async () => {
    const sect = all(await body(lang), 'sectPr').at(-1)!;
    const size = all(sect, 'pgSz')[0];
    expect([Number(wAttr(size, 'w')), Number(wAttr(size, 'h'))]).toEqual([twips(210), twips(297)]);
    const m = all(sect, 'pgMar')[0];
    const mm = (k: string) => Math.round((Number(wAttr(m, k)) / 1440) * 25.4);
    expect({ top: mm('top'), bottom: mm('bottom'), inside: mm('left'), outside: mm('right') }).toEqual({ top: 37, bottom: 35, inside: 28, outside: 26 });
    expect(all(await pkg[lang]!.part('word/settings.xml'), 'mirrorMargins').length).toBe(1);
  });

  it('opens with the cover, then the contents as a TOC field listing the level-1 and level-2 headings', async () => {
    const doc = await body(lang);
    const first = all(doc, 'p')
      .slice(0, 3)
      .map(text)
      .join(lang === 'zh' ? '' : ' ');
    expect(first.replace(/\s+/g, ' ')).toContain(lang === 'zh' ? edition.meta.titleLines.zh.join('') : edition.meta.titleLines.en[0]);
    const sdt = all(doc, 'sdt')[0];
    expect(all(sdt, 'instrText')[0].textContent).toMatch(/^TOC .*\\o "1-2"/);
    const entries = all(sdt, 'p').map(text).filter(Boolean);
    const want = edition.chapters.flatMap((ch) =>
      ch.docs[lang].tree.children.filter((n): n is Heading => n.type === 'heading' && n.depth <= 2).map((h) => toString(h)),
    );
    expect(entries).toEqual(want);
  });

  it('shows the chart as a PNG picture with its caption and values as alternative text', async () => {
    const doc = await body(lang);
    const [pr] = Array.from(doc.getElementsByTagNameNS('http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing', 'docPr'));
    const f = edition.figures[0];
    const descr = pr.getAttribute('descr') ?? '';
    expect(descr).toContain(f.caption[lang]);
    for (const p of f.points) expect(descr).toContain(p.label[lang]);
    const media = Object.keys(pkg[lang]!.zip.files).filter((n) => n.startsWith('word/media/'));
    expect(media).toHaveLength(1);
    const png = await pkg[lang]!.zip.file(media[0])!.async('nodebuffer');
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    expect(png.readUInt32BE(16)).toBeGreaterThanOrEqual(1800); // print resolution across the text block
  });

  it('wraps every paragraph and every table cell paragraph of the report in one baogao bookmark', async () => {
    const doc = await body(lang);
    const sdt = all(doc, 'sdt')[0];
    const paragraphs = all(doc, 'p').filter((p) => text(p) !== '' && !sdt.contains?.(p) && !all(sdt, 'p').includes(p));
    expect(paragraphs.length).toBeGreaterThan(200);
    const unmarked = paragraphs.filter((p) => !all(p, 'bookmarkStart').some((b) => wAttr(b, 'name')?.startsWith('_bg_')));
    // Only the contents' heading (a fixed word, not from the sources) is left unmarked.
    expect(unmarked.map(text)).toEqual([lang === 'zh' ? '目录' : 'Contents']);
    const names = all(doc, 'bookmarkStart').map((b) => wAttr(b, 'name')!);
    expect(new Set(names).size).toBe(names.length);
    const ids = all(doc, 'bookmarkStart').map((b) => wAttr(b, 'id'));
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe('fonts and faces', () => {
  it('sets the Chinese body in 16 pt 仿宋, 一、 in 黑体 and （一） in 楷体, each with a substitute named in the font table', async () => {
    const styles = await pkg.zh!.part('word/styles.xml');
    const defaults = all(styles, 'docDefaults')[0];
    expect(wAttr(all(defaults, 'rFonts')[0], 'eastAsia')).toBe('仿宋');
    expect(wAttr(all(defaults, 'sz')[0], 'val')).toBe('32');
    const face = (id: string) =>
      wAttr(
        all(
          all(styles, 'style').find((s) => wAttr(s, 'styleId') === id)!,
          'rFonts',
        )[0],
        'eastAsia',
      );
    expect([face('Heading1'), face('Heading2'), face('Title')]).toEqual(['黑体', '楷体', '方正小标宋简体']);
    const table = await pkg.zh!.part('word/fontTable.xml');
    const alt = (name: string) =>
      wAttr(
        all(
          all(table, 'font').find((f) => wAttr(f, 'name') === name)!,
          'altName',
        )[0],
        'val',
      );
    expect([alt('仿宋'), alt('黑体'), alt('楷体')]).toEqual(['FangSong', 'SimHei', 'KaiTi']);
  });
});

describe('draft mark and bytes', () => {
  it('marks a draft with a 征求意见稿 / DRAFT watermark on every page and says so in its properties', async () => {
    for (const lang of ['zh', 'en'] as const) {
      const draft = await openDocx(await docxBytes(edition, lang, true));
      const headers = Object.keys(draft.zip.files).filter((n) => /^word\/header\d+\.xml$/.test(n));
      expect(headers.length).toBe(3);
      for (const h of headers) expect(await draft.zip.file(h)!.async('string')).toContain(`string="${lang === 'zh' ? '征求意见稿' : 'DRAFT'}"`);
      expect(await draft.zip.file('docProps/custom.xml')!.async('string')).toContain('>draft<');
    }
    const final = await openDocx(await docxBytes(edition, 'zh', false));
    expect(Object.keys(final.zip.files).some((n) => n.startsWith('word/header'))).toBe(false);
  });

  it('is what `build --force` writes when the check finds errors', async () => {
    const copy = copySample();
    edit(path.join(copy, 'tables', 'belt-tax.yaml'), 'tax: 374.51', 'tax: 384.51'); // the belts no longer add up
    const out = await buildDocx(copy, ['--force']);
    const zh = await openDocx(path.join(out, 'zh', 'report.docx'));
    const headers = Object.keys(zh.zip.files).filter((n) => /^word\/header\d+\.xml$/.test(n));
    expect(headers.length).toBe(3);
    for (const h of headers) expect(await zh.zip.file(h)!.async('string')).toContain('string="征求意见稿"');
  });

  it('gives the same bytes on a second build in the same process and another time zone, dated from the edition', async () => {
    const a = await docxBytes(edition, 'zh');
    const tz = process.env.TZ;
    process.env.TZ = 'America/Los_Angeles';
    try {
      const b = await docxBytes(edition, 'zh');
      expect(b.equals(a)).toBe(true);
    } finally {
      if (tz === undefined) delete process.env.TZ;
      else process.env.TZ = tz;
    }
    const p = await openDocx(a);
    for (const f of Object.values(p.zip.files)) expect(f.date.toISOString()).toBe(`${edition.meta.date}T00:00:00.000Z`);
    const core = await p.zip.file('docProps/core.xml')!.async('string');
    expect(core).toContain(`<dcterms:created xsi:type="dcterms:W3CDTF">${edition.meta.date}T00:00:00Z</dcterms:created>`);
    expect(core).toContain(`<dcterms:modified xsi:type="dcterms:W3CDTF">${edition.meta.date}T00:00:00Z</dcterms:modified>`);
  });
});
