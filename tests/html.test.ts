import fs from 'node:fs';
import path from 'node:path';
import { JSDOM } from 'jsdom';
import { beforeAll, describe, expect, it } from 'vitest';
import { build } from '../src/build.js';
import { renderHtml } from '../src/render/html/index.js';
import { loadEdition } from '../src/load/index.js';
import { lookupCell } from '../src/model/cells.js';
import type { Edition } from '../src/model.js';
import { formatQuantity } from '../src/quantity/format.js';
import { visit } from 'unist-util-visit';
import { directiveLabel } from '../src/markdown/remark-known-directives.js';
import { copySample, SAMPLE, TEMPLATES, tempDir } from './helpers.js';
import { langView } from '../src/render/html/view-model.js';

let out: string;
let edition: Edition;
const doc = (rel: string) => new JSDOM(fs.readFileSync(path.join(out, rel), 'utf8')).window.document;

beforeAll(async () => {
  out = path.join(tempDir(), 'output');
  await build({ edition: SAMPLE, out, langs: ['zh', 'en'], formats: ['html'], force: false, templates: TEMPLATES });
  edition = loadEdition(SAMPLE).edition!;
});

describe.each(['zh', 'en'] as const)('%s/index.html', (lang) => {
  it('declares its language', () => {
    expect(doc(`${lang}/index.html`).documentElement.lang).toBe(lang === 'zh' ? 'zh-Hans' : 'en');
  });

  it('has every table as a real table with caption, thead and its rows', () => {
    const d = doc(`${lang}/index.html`);
    for (const t of edition.tables) {
      const el = d.getElementById(`table-${t.id}`)!;
      const table = el.querySelector('table')!;
      const caption = table.querySelector('caption')!.textContent;
      expect(caption).toContain(lang === 'zh' ? `表${t.number}` : `Table ${t.number}`);
      expect(caption).toContain(t.caption[lang]);
      expect([...table.querySelectorAll('thead th')].map((th) => th.textContent)).toEqual(t.columns.map((c) => c.header[lang]));
      expect(table.querySelectorAll('tbody tr')).toHaveLength(t.rows.length);
      const numberCols = t.columns.map((c, i) => [c, i] as const).filter(([c]) => c.kind === 'number');
      for (const [c, i] of numberCols) {
        for (const [r, tr] of [...table.querySelectorAll('tbody tr')].entries()) {
          const td = tr.children[i];
          expect(td.classList.contains('num')).toBe(true);
          expect(td.textContent).toBe(t.rows[r].cells[c.id].quantity!.digits);
        }
      }
      expect([...el.querySelectorAll('.table-note')].map((p) => p.textContent)).toEqual(t.notes.map((n) => expect.stringContaining(n.text[lang])));
    }
  });

  it('ties each marked cell to its note: a note prints its marker unless its text spells it (标*的指标…)', () => {
    const d = doc(`${lang}/index.html`);
    const marked = edition.tables.filter((t) => t.notes.length);
    expect(marked.length, 'the sample has a table with notes: the test has something to check').toBeGreaterThan(0);
    for (const t of marked) {
      const el = d.getElementById(`table-${t.id}`)!;
      const notes = [...el.querySelectorAll('.table-note')];
      for (const marker of new Set([...el.querySelectorAll('tbody .note-marker')].map((m) => m.textContent ?? ''))) {
        expect(marker).not.toBe('');
        const shown = notes.filter(
          (p) =>
            (p.querySelector('.note-marker')?.textContent ?? '') === marker || (!p.querySelector('.note-marker') && (p.textContent ?? '').includes(marker)),
        );
        expect(shown, `${t.id}: no note for the cells marked ${marker}`).toHaveLength(1);
      }
    }
  });

  it('bolds figures as the edition chooses for the language: kept in Chinese, dropped in English', () => {
    const strong = [...doc(`${lang}/index.html`).querySelectorAll('main p strong, main li strong')].map((e) => e.textContent ?? '');
    const withDigits = strong.filter((t) => /\d/.test(t));
    if (lang === 'zh') expect(withDigits.length).toBeGreaterThan(80);
    else {
      expect(withDigits).toEqual([]);
      // The figures are still printed, and bold lead phrases stay.
      expect(doc('en/index.html').querySelector('main')!.textContent).toContain('RMB 79.17 billion');
      expect(strong.length).toBeGreaterThan(3);
    }
  });

  it('renders each data reference from its cell in the page language', () => {
    const expected: string[] = [];
    for (const ch of edition.chapters) {
      visit(ch.docs[lang].tree, 'textDirective', (n) => {
        if (n.name !== 'num') return;
        // By default the whole figure (增长6%), {unit} the number and unit, {bare} the number.
        const { cell } = lookupCell(edition.tables, directiveLabel(n));
        const a = n.attributes ?? {};
        const bare = a.bare != null;
        expected.push(
          formatQuantity(cell!.quantity!, lang, {
            bare,
            full: !bare && a.unit == null,
            dp: a.dp ? Number(a.dp) : undefined,
            precision: edition.meta.style.precision,
          }),
        );
      });
    }
    const spans = [...doc(`${lang}/index.html`).querySelectorAll('main span.num')].map((s) => s.textContent);
    expect(expected.length).toBeGreaterThan(5);
    expect(spans).toEqual(expected);
  });

  it('has a table of contents whose links all resolve to headings', () => {
    const d = doc(`${lang}/index.html`);
    const links = [...d.querySelectorAll('nav.toc a')];
    // Chapters are h2 and sections h3: the report's title is the page's only h1.
    const headings = [...d.querySelectorAll('main h2, main h3')];
    expect(links).toHaveLength(headings.length);
    for (const a of links) expect(d.getElementById(a.getAttribute('href')!.slice(1))?.tagName).toMatch(/^H[23]$/);
  });

  it('loads nothing from the network', () => {
    const d = doc(`${lang}/index.html`);
    const urls = [...d.querySelectorAll('[src],[href]')].map((e) => e.getAttribute('src') ?? e.getAttribute('href')!);
    for (const u of urls) expect(u).not.toMatch(/^(https?:)?\/\//);
    const css = fs.readFileSync(path.join(out, 'assets/fonts.css'), 'utf8');
    for (const m of css.matchAll(/url\(([^)]+)\)/g)) expect(fs.existsSync(path.join(out, 'assets', m[1]))).toBe(true);
  });

  it('includes the chart as inline SVG', () => {
    const fig = doc(`${lang}/index.html`).getElementById('figure-budget-revenue')!;
    expect(fig.querySelector('svg')).not.toBeNull();
    expect(fig.querySelector('figcaption')!.textContent).toContain(edition.figures[0].caption[lang]);
  });
});

describe('data references', () => {
  it('render 1480亿元 as RMB 148 billion and 8376 as 8,376', () => {
    // The preview (watch) keeps each figure's data key; the published page does not.
    const preview = path.join(tempDir(), 'preview');
    renderHtml(edition, preview, { templates: TEMPLATES, langs: ['zh', 'en'], draft: false, version: 'test', preview: true });
    const doc = (rel: string) => new JSDOM(fs.readFileSync(path.join(preview, rel), 'utf8')).window.document;
    const zh = [...doc('zh/index.html').querySelectorAll('span.num[data-ref="main-indicators/retail-sales/actual"]')].map((s) => s.textContent);
    const en = [...doc('en/index.html').querySelectorAll('span.num[data-ref="main-indicators/retail-sales/actual"]')].map((s) => s.textContent);
    expect(zh).toEqual(['1480']);
    expect(en).toEqual(['RMB 148 billion']);
    const unemployedEn = doc('en/index.html').querySelector('span.num[data-ref="main-indicators/unemployed/actual"]')!.textContent;
    expect(unemployedEn).toBe('8,376');
  });
});

describe('edition style', () => {
  it('style.en.bold_figures: true keeps the English figures bold; style.zh.bold_figures: false drops the Chinese ones', () => {
    const dir = copySample();
    fs.appendFileSync(path.join(dir, 'edition.yaml'), 'style:\n  zh: { bold_figures: false }\n  en: { bold_figures: true, precision: exact }\n');
    const ed = loadEdition(dir).edition!;
    const en = langView(ed, 'en')
      .chapters.flatMap((c) => c.blocks.map((b) => b.html ?? ''))
      .join('');
    const zh = langView(ed, 'zh')
      .chapters.flatMap((c) => c.blocks.map((b) => b.html ?? ''))
      .join('');
    expect(en).toContain('<strong>RMB 79.17 billion</strong>');
    // precision: exact prints every digit of 638.89亿元.
    expect(en).toContain('RMB 63.889 billion');
    expect(zh).not.toMatch(/<strong>[\d.%]+<\/strong>/);
    expect(zh).toContain('791.7亿元');
  });
});

describe('bilingual.html', () => {
  it('aligns every block of both languages side by side', () => {
    const d = doc('bilingual.html');
    const blocks = edition.chapters.reduce((n, ch) => n + ch.docs.zh.tree.children.length, 0);
    const rows = [...d.querySelectorAll('.bi-row')];
    expect(rows).toHaveLength(blocks);
    for (const row of rows) {
      expect(row.querySelector('.lang-zh')!.getAttribute('lang')).toBe('zh-Hans');
      expect(row.querySelector('.lang-en')!.textContent.trim().length).toBeGreaterThan(0);
    }
  });
});

describe('staging', () => {
  it('leaves the previous output untouched when a build fails', async () => {
    const keep = path.join(out, 'zh/index.html');
    const before = fs.readFileSync(keep);
    const bad = path.join(tempDir(), 'bad');
    fs.cpSync(SAMPLE, bad, { recursive: true });
    fs.writeFileSync(path.join(bad, 'tables/industry-tax.yaml'), 'id: [');
    await expect(build({ edition: bad, out, langs: ['zh', 'en'], formats: ['html'], force: false, templates: TEMPLATES })).rejects.toThrow(
      /could not be loaded/,
    );
    expect(fs.readFileSync(keep).equals(before)).toBe(true);
    expect(fs.readdirSync(path.dirname(out)).filter((n) => n.includes('staging'))).toEqual([]);
  });
});
