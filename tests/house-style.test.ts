/**
 * An edition in another body's house style (tests/fixtures/house-style):
 * `numbering: chinese`, a cover of its own in templates/, a reworded cover
 * line of the workbook, and a note whose text does not spell its marker.
 * Built to HTML and XLSX and read back (jsdom, exceljs).
 */
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { JSDOM } from 'jsdom';
import { beforeAll, describe, expect, it } from 'vitest';
import { build } from '../src/build.js';
import { loadEdition } from '../src/load/index.js';
import { at, checkDir } from './check/check-helpers.js';
import { all, openDocx, text as wText } from './docx/fixture.js';
import { TEMPLATES, tempDir } from './helpers.js';

const FIXTURE = path.join(path.dirname(new URL(import.meta.url).pathname), 'fixtures', 'house-style');

let out: string;
/** A copy of the fixture to plant a slip in. */
function copyFixture(): string {
  const dir = path.join(tempDir(), 'edition');
  fs.cpSync(FIXTURE, dir, { recursive: true });
  return dir;
}

const doc = (rel: string) => new JSDOM(fs.readFileSync(path.join(out, rel), 'utf8')).window.document;
const text = (el: Element | null | undefined) => (el?.textContent ?? '').replace(/\s+/g, ' ').trim();

beforeAll(async () => {
  out = path.join(tempDir(), 'output');
  await build({ edition: FIXTURE, out, langs: ['zh', 'en'], formats: ['html', 'xlsx', 'docx'], force: false, templates: TEMPLATES });
});

describe('the house-style edition, HTML', () => {
  it('prints the cover of its own templates/, the issuer above the title', () => {
    for (const lang of ['zh', 'en'] as const) {
      const d = doc(`${lang}/index.html`);
      const cover = d.querySelector('header.cover')!;
      expect(cover.classList.contains('cover-bureau'), lang).toBe(true);
      const [first, second] = [...cover.children];
      expect(first.className).toBe('cover-bureau-name');
      expect(text(first)).toBe(lang === 'zh' ? '区发展和改革局' : 'District Development and Reform Bureau');
      expect(second.tagName).toBe('H1');
      // The package's cover prints the issuer after the title, in .cover-issuer: not this one.
      expect(d.querySelector('.cover-issuer')).toBeNull();
    }
  });

  it("keeps the package's stylesheets where templates/ gives none", () => {
    for (const sheet of ['report.css', 'print.css']) {
      expect(fs.readFileSync(path.join(out, 'assets', sheet), 'utf8')).toBe(fs.readFileSync(path.join(TEMPLATES, sheet), 'utf8'));
    }
  });

  it('numbers the tables 表一, 表二 in Chinese, in captions, continued lines and cross-references; Table 1 in English', () => {
    const zh = doc('zh/index.html');
    const en = doc('en/index.html');
    const labels = (d: Document) => [...d.querySelectorAll('caption .caption-label')].map(text);
    expect(labels(zh)).toEqual(['表一', '表二']);
    expect(labels(en)).toEqual(['Table 1', 'Table 2']);
    expect([...zh.querySelectorAll('tr.continued')].map(text)).toEqual(['续表一', '续表二']);
    expect([...en.querySelectorAll('tr.continued')].map(text)).toEqual(['Table 1 (continued)', 'Table 2 (continued)']);
    const ref = (d: Document) => [...d.querySelectorAll('a.ref[href="#table-gdp"]')].map(text);
    expect(ref(zh)).toEqual(['表一']);
    expect(ref(en)).toEqual(['Table 1']);
  });

  it("prints a note with the marker of its cell when the note's text does not spell it", () => {
    for (const lang of ['zh', 'en'] as const) {
      const table = doc(`${lang}/index.html`).getElementById('table-gdp')!;
      const cellMarker = table.querySelector('tbody th .note-marker');
      expect(text(cellMarker), lang).toBe('[1]');
      const note = table.querySelector('.table-note')!;
      expect(text(note.querySelector('.note-marker'))).toBe(text(cellMarker));
      expect(text(note)).toBe(lang === 'zh' ? '注：[1] 生产总值为初步核算数。' : 'Note: [1] GDP is a preliminary estimate.');
    }
  });
});

describe('the house-style edition, XLSX', () => {
  let wb: ExcelJS.Workbook;
  beforeAll(async () => {
    wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path.join(out, 'tables.xlsx'));
  });
  const column = (ws: ExcelJS.Worksheet) => (ws.getColumn(1).values as unknown[]).filter((v): v is string => typeof v === 'string');

  it('names the table sheets 表一, 表二 and titles them 表一 … / Table 1 …', () => {
    expect(wb.worksheets.map((w) => w.name)).toEqual(['封面 Cover', '目录 Contents', '注释 Notes', '表一', '表二']);
    const lines = column(wb.getWorksheet('表一')!);
    expect(lines[0]).toBe('表一 2022年全区生产总值及其增长速度');
    expect(lines[1]).toBe('Table 1 District GDP and Its Growth in 2022');
  });

  it("the cover says 表一至表二 and heads the edition line with the edition's own words", () => {
    const lines = column(wb.worksheets[0]);
    expect(lines.some((l) => l.includes('（表一至表二）'))).toBe(true);
    expect(lines.some((l) => l.includes('(表一 to 表二;'))).toBe(true);
    const i = lines.indexOf('版次 Issue');
    expect(i).toBeGreaterThan(0);
    expect(lines.slice(i + 1, i + 3)).toEqual(['2022年计划执行情况', 'Implementation of the 2022 plan']);
    expect(lines).not.toContain('版本 Edition');
  });

  it('the contents sheet links to 表一 by its name', () => {
    const ws = wb.getWorksheet('目录 Contents')!;
    const links: string[] = [];
    ws.eachRow((row) => row.eachCell((c) => void (c.formula && links.push(c.formula))));
    expect(links.some((f) => f.includes("#'表一'!A1") && f.includes('前往表一 Go to Table 1'))).toBe(true);
  });
});

describe('the house-style edition, DOCX', () => {
  it.each(['zh', 'en'] as const)('%s: captions 表一 / Table 1 and prints the note with its marker', async (lang) => {
    const body = await (await openDocx(path.join(out, lang, 'report.docx'))).part('word/document.xml');
    const paragraphs = all(body, 'p').map(wText);
    expect(paragraphs).toContain(lang === 'zh' ? '表一 2022年全区生产总值及其增长速度' : 'Table 1 District GDP and Its Growth in 2022');
    expect(paragraphs).toContain(lang === 'zh' ? '注：[1] 生产总值为初步核算数。' : 'Note: [1] GDP is a preliminary estimate.');
    expect(paragraphs.some((p) => p.includes(lang === 'zh' ? '（见表一）' : '(see Table 1)'))).toBe(true);
  });
});

describe('the house-style edition, check', () => {
  it('names its tables 表一, 表二 in check messages', () => {
    const c = checkDir(FIXTURE);
    const messages = c.findings.map((f) => `${at(f)} ${f.message} ${f.other?.label ?? ''}`);
    expect(messages.some((m) => m.includes('表二 民生项目'))).toBe(true);
    expect(messages.filter((m) => /表\d/.test(m))).toEqual([]);
  });

  it('refuses an unknown numbering style, at its line in edition.yaml', () => {
    const dir = copyFixture();
    const file = path.join(dir, 'edition.yaml');
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('numbering: chinese', 'numbering: hanzi'));
    const r = loadEdition(dir);
    expect(r.edition).toBeUndefined();
    const f = r.findings.find((x) => x.severity === 'error')!;
    expect(f.place.file).toBe(file);
    expect(f.place.line).toBe(
      fs
        .readFileSync(file, 'utf8')
        .split('\n')
        .findIndex((l) => l.startsWith('numbering:')) + 1,
    );
  });

  it('a syntax error in an edition template is an error naming the file, and nothing is written', async () => {
    const dir = copyFixture();
    const cover = path.join(dir, 'templates', 'partials', 'cover.hbs');
    fs.writeFileSync(cover, '<header>\n{{#if page.issuer}}\n</header>\n');
    const target = path.join(tempDir(), 'out');
    await expect(build({ edition: dir, out: target, langs: ['zh', 'en'], formats: ['html'], force: false, templates: TEMPLATES })).rejects.toThrow(cover);
    expect(fs.existsSync(path.join(target, 'zh', 'index.html'))).toBe(false);
  });
});
