/**
 * The published pages as a validator, a screen reader and a reader of the
 * source would look at them: HTML conformance (html-validate's standard
 * rules: duplicate ids, content models, attributes), heading levels,
 * language tags, the chart's text alternative, typographic English quotes,
 * and nothing of the author's machine or data keys in the bytes.
 */
import fs from 'node:fs';
import path from 'node:path';
import { HtmlValidate } from 'html-validate';
import { JSDOM } from 'jsdom';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadEdition } from '../../src/load/index.js';
import type { Edition } from '../../src/model.js';
import { formatQuantity } from '../../src/quantity/format.js';
import { sharedSampleBuild } from '../sample-build.js';

const PAGES = ['zh/index.html', 'en/index.html', 'bilingual.html'];
let out: string;
let editionDir: string;
let edition: Edition;
const html = (rel: string) => fs.readFileSync(path.join(out, rel), 'utf8');
const doc = (rel: string) => new JSDOM(html(rel)).window.document;

beforeAll(async () => {
  const shared = await sharedSampleBuild();
  ({ out, edition: editionDir } = shared);
  edition = loadEdition(editionDir).edition!;
});

describe.each(PAGES)('%s', (rel) => {
  it('validates with no error (html-validate, standard rules)', async () => {
    const validator = new HtmlValidate({ extends: ['html-validate:standard'] });
    const report = await validator.validateString(html(rel), rel);
    const errors = report.results.flatMap((r) => r.messages.filter((m) => m.severity === 2).map((m) => `${m.line}:${m.column} ${m.message} (${m.ruleId})`));
    expect(errors).toEqual([]);
  });

  it('has one h1, the report title, and the chapters below it', () => {
    const d = doc(rel);
    expect(d.querySelectorAll('h1')).toHaveLength(1);
    const chapters = d.querySelectorAll('main h2');
    expect(chapters.length).toBeGreaterThanOrEqual(3);
    expect(d.querySelectorAll('main h1')).toHaveLength(0);
  });

  it('shows no data key or source place: no data-place, data-ref or data-row, no title attributes', () => {
    const text = html(rel);
    expect(text).not.toMatch(/data-(place|ref|row)=/);
    expect(doc(rel).querySelectorAll('[title]')).toHaveLength(0);
    expect(text).not.toContain(editionDir);
    expect(text).not.toMatch(/\b(zh|en)\/\d\d-[a-z-]+\.md\b/);
    expect(text).not.toMatch(/tables\/[a-z-]+\.yaml/);
  });

  it('gives every scrolling region a name and keyboard focus', () => {
    const regions = [...doc(rel).querySelectorAll('.scroll-region')];
    expect(regions.length).toBeGreaterThan(edition.tables.length - 1);
    for (const r of regions) {
      expect(r.getAttribute('tabindex')).toBe('0');
      expect(r.getAttribute('aria-label') ?? r.getAttribute('aria-labelledby')).toBeTruthy();
    }
  });
});

describe('languages', () => {
  it('tags Chinese as zh-Hans', () => {
    expect(doc('zh/index.html').documentElement.lang).toBe('zh-Hans');
    expect(doc('en/index.html').documentElement.lang).toBe('en');
    const bi = doc('bilingual.html');
    expect(bi.documentElement.lang).toBe('zh-Hans');
    expect(bi.querySelectorAll('.bi-cell[lang="zh-Hans"]').length).toBe(bi.querySelectorAll('.bi-cell[lang="en"]').length);
  });
});

describe.each(['zh', 'en'] as const)('the chart (%s)', (lang) => {
  it('is an image named by what it shows, with its figures also as a table', () => {
    const d = doc(`${lang}/index.html`);
    for (const f of edition.figures) {
      const fig = d.getElementById(`figure-${f.id}`)!;
      const svg = fig.querySelector('svg')!;
      expect(svg.getAttribute('role')).toBe('img');
      const label = svg.getAttribute('aria-label')!;
      expect(label).toContain(f.caption[lang]);
      const rows = [...fig.querySelectorAll('table tbody tr')];
      expect(rows).toHaveLength(f.points.length);
      f.points.forEach((p, i) => {
        const value = formatQuantity(p.value, lang);
        expect(label).toContain(value);
        expect(rows[i].querySelector('td')!.textContent).toBe(value);
      });
    }
  });
});

describe('English typography', () => {
  it('sets typographic quotes and apostrophes in every text of the English page', () => {
    const d = doc('en/index.html');
    const walker = d.createTreeWalker(d.body, 4 /* NodeFilter.SHOW_TEXT */);
    const straight: string[] = [];
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      if (n.parentElement?.closest('style')) continue;
      if (/["']/.test(n.textContent!)) straight.push(n.textContent!.trim().slice(0, 60));
    }
    expect(d.title).not.toMatch(/["']/);
    expect(straight).toEqual([]);
    expect(d.body.textContent).toMatch(/Jing’an/);
    expect(d.body.textContent).toMatch(/“[^”]+”/);
  });
});
