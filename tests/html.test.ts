import fs from 'node:fs';
import path from 'node:path';
import { JSDOM } from 'jsdom';
import { beforeAll, describe, expect, it } from 'vitest';
import { build } from '../src/build.js';
import { loadEdition } from '../src/load/index.js';
import { lookupCell } from '../src/load/resolve.js';
import type { Edition } from '../src/model.js';
import { formatQuantity } from '../src/quantity/format.js';
import { visit } from 'unist-util-visit';
import { directiveLabel } from '../src/markdown/remark-known-directives.js';
import { SAMPLE, TEMPLATES, tempDir } from './helpers.js';

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
    expect(doc(`${lang}/index.html`).documentElement.lang).toBe(lang === 'zh' ? 'zh-CN' : 'en');
  });

  it('has every table as a real table with caption, thead and its rows', () => {
    const d = doc(`${lang}/index.html`);
    for (const t of edition.tables) {
      const el = d.getElementById(`table-${t.id}`)!;
      const table = el.querySelector('table')!;
      const caption = table.querySelector('caption')!.textContent!;
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

  it('renders each data reference from its cell in the page language', () => {
    const expected: string[] = [];
    for (const ch of edition.chapters) {
      visit(ch.docs[lang].tree, 'textDirective', (n) => {
        if (n.name !== 'num') return;
        // By default the whole figure (增长6%), {unit} the number and unit, {bare} the number.
        const { cell } = lookupCell(edition.tables, directiveLabel(n));
        const a = n.attributes ?? {};
        const bare = a.bare != null;
        expected.push(formatQuantity(cell!.quantity!, lang, { bare, full: !bare && a.unit == null, dp: a.dp ? Number(a.dp) : undefined }));
      });
    }
    const spans = [...doc(`${lang}/index.html`).querySelectorAll('main span.num')].map((s) => s.textContent);
    expect(expected.length).toBeGreaterThan(5);
    expect(spans).toEqual(expected);
  });

  it('has a table of contents whose links all resolve to headings', () => {
    const d = doc(`${lang}/index.html`);
    const links = [...d.querySelectorAll('nav.toc a')];
    const headings = [...d.querySelectorAll('main h1, main h2')];
    expect(links).toHaveLength(headings.length);
    for (const a of links) expect(d.getElementById(a.getAttribute('href')!.slice(1))?.tagName).toMatch(/^H[12]$/);
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
    const zh = [...doc('zh/index.html').querySelectorAll('span.num[data-ref="main-indicators/retail-sales/actual"]')].map((s) => s.textContent);
    const en = [...doc('en/index.html').querySelectorAll('span.num[data-ref="main-indicators/retail-sales/actual"]')].map((s) => s.textContent);
    expect(zh).toEqual(['1480']);
    expect(en).toEqual(['RMB 148 billion']);
    const unemployedEn = doc('en/index.html').querySelector('span.num[data-ref="main-indicators/unemployed/actual"]')!.textContent;
    expect(unemployedEn).toBe('8,376');
  });
});

describe('bilingual.html', () => {
  it('aligns every block of both languages side by side', () => {
    const d = doc('bilingual.html');
    const blocks = edition.chapters.reduce((n, ch) => n + ch.docs.zh.tree.children.length, 0);
    const rows = [...d.querySelectorAll('.bi-row')];
    expect(rows).toHaveLength(blocks);
    for (const row of rows) {
      expect(row.querySelector('.lang-zh')!.getAttribute('lang')).toBe('zh-CN');
      expect(row.querySelector('.lang-en')!.textContent!.trim().length).toBeGreaterThan(0);
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
    await expect(build({ edition: bad, out, langs: ['zh', 'en'], formats: ['html'], force: false, templates: TEMPLATES })).rejects.toThrow(/could not be loaded/);
    expect(fs.readFileSync(keep).equals(before)).toBe(true);
    expect(fs.readdirSync(path.dirname(out)).filter((n) => n.includes('staging'))).toEqual([]);
  });
});
