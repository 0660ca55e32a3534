/**
 * check.html, parsed with jsdom: findings at the top linking to their place,
 * every data reference marked data-linked with its source cell on hover,
 * figures coloured by what the rules established, nothing executable.
 */
import fs from 'node:fs';
import path from 'node:path';
import { JSDOM } from 'jsdom';
import { visit } from 'unist-util-visit';
import { describe, expect, it } from 'vitest';
import { blocksOf } from '../../src/markdown/blocks.js';
import { renderCheckReport } from '../../src/render/check-report/index.js';
import { makeRows } from '../../scripts/make-synthetic.js';
import { copySample, edit, lineOf, SAMPLE, TEMPLATES, tempDir } from '../helpers.js';
import { checkDir, type Checked } from './check-helpers.js';

/** Renders check.html into a new folder and returns the folder. */
function renderTo(c: Checked): string {
  const out = tempDir('baogao-check-report-');
  expect(renderCheckReport(c.edition, c.findings, out, { figures: c.figures })).toEqual(['check.html']);
  return out;
}

function report(c: Checked): Document {
  return new JSDOM(fs.readFileSync(path.join(renderTo(c), 'check.html'), 'utf8'), { url: 'http://localhost/' }).window.document;
}

describe('check.html of the sample', () => {
  const c = checkDir(SAMPLE);
  const doc = report(c);

  it('lists every finding at the top, each linked to an element of the page', () => {
    const items = [...doc.querySelectorAll('#findings li.finding')];
    expect(items).toHaveLength(c.findings.length);
    for (const li of items) {
      const href = li.querySelector('a.where')?.getAttribute('href');
      expect(href, li.textContent ?? '').toMatch(/^#/);
      expect(doc.getElementById(href!.slice(1)), href!).not.toBeNull();
    }
  });

  it('marks every :num of both languages data-linked, with the source cell on hover', () => {
    let directives = 0;
    for (const ch of c.edition.chapters)
      for (const d of [ch.docs.zh, ch.docs.en]) visit(d.tree, 'textDirective', (n) => void (n.name === 'num' && directives++));
    const linked = [...doc.querySelectorAll('.fig[data-status="data-linked"]')].filter((e) => /\.md:/.test(e.getAttribute('data-place') ?? ''));
    expect(directives).toBeGreaterThan(10);
    expect(linked).toHaveLength(directives);
    for (const e of linked) expect(e.getAttribute('title')).toMatch(/^data-linked: 表\d+ .+ = .+ \(.+\.yaml:\d+:\d+\)/);
    const retail = linked.find((e) => e.textContent === '1480');
    expect(retail?.getAttribute('title')).toContain('社会消费品零售总额');
  });

  it('shows the statuses the rules recorded: exact sums and the enumeration count verified', () => {
    const tax = c.edition.tables.find((t) => t.id === 'industry-tax')!;
    const total = tax.rows.find((r) => r.id === 'total')!.cells.tax;
    const cell = doc.querySelector(`.fig[data-place="${tax.file}:${total.place.line}:${total.place.column}"]`);
    expect(cell?.getAttribute('data-status')).toBe('verified');
    expect(cell?.getAttribute('title')).toContain('table-arithmetic');
    const counted = [...doc.querySelectorAll('.fig[data-figure][data-status="verified"]')].filter((e) => (e.getAttribute('title') ?? '').includes('counts:'));
    expect(counted).toHaveLength(1);
    expect(counted[0].textContent).toContain('10');
  });

  it('lays out every block of every chapter, Chinese beside English', () => {
    const blocks = c.edition.chapters.reduce((n, ch) => n + Math.max(blocksOf(ch.docs.zh.tree).length, blocksOf(ch.docs.en.tree).length), 0);
    expect(doc.querySelectorAll('.pair')).toHaveLength(blocks);
    expect(doc.querySelectorAll('.pair > .zh[lang="zh-Hans"] + .en[lang="en"]')).toHaveLength(blocks);
    expect(doc.querySelectorAll('table.data')).toHaveLength(2 * c.edition.tables.filter((t) => t.number > 0).length);
  });

  it('counts the figures of the legend from the page', () => {
    const legend = [...doc.querySelectorAll('.legend li')].map(
      (li) => [li.querySelector('.fig')!.className.replace('fig s-', ''), Number(li.textContent.trim().split(/\s+/).pop())] as const,
    );
    expect(legend.map(([s]) => s)).toEqual(['mismatch', 'verified', 'cross-checked', 'data-linked', 'unchecked']);
    for (const [status, n] of legend) expect(doc.querySelectorAll(`.fig[data-figure][data-status="${status}"]`).length, status).toBe(n);
    expect(legend.reduce((a, [, n]) => a + n, 0)).toBeGreaterThan(300);
  });
});

describe('check.html of a mutated copy', () => {
  it('marks the contradicted total as a mismatch and links the error to it', () => {
    const dir = copySample();
    const file = path.join(dir, 'tables', 'industry-tax.yaml');
    edit(file, 'tax: 280.01', 'tax: 290.01');
    const c = checkDir(dir);
    const doc = report(c);
    const line = lineOf(file, 'tax: 638.89');
    const cell = doc.querySelector(`.fig[data-place="${file}:${line}:5"]`);
    expect(cell?.getAttribute('data-status')).toBe('mismatch');
    const link = [...doc.querySelectorAll('#findings li.finding.error a.where')].find((a) => a.textContent === `${file}:${line}:5`);
    expect(link?.getAttribute('href')).toBe(`#${cell!.id}`);
  });

  it('prints markup in the text as text', () => {
    const dir = copySample();
    edit(
      path.join(dir, 'zh', '01-review.md'),
      '做好退役军人安置扶持。',
      '做好退役军人安置扶持。&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;',
    );
    const doc = report(checkDir(dir));
    expect(doc.querySelectorAll('script, img')).toHaveLength(0);
    expect(doc.body.textContent).toContain('<script>alert(1)</script>');
  });
});

describe('check.html of hostile text', () => {
  const hostile = `<script>alert(1)</script> & "q" 'x'`;

  it("shows a finding with its message, its link to the figure and the figure's status; markup in a message or a file name stays text", () => {
    const dir = path.join(tempDir(), `ed <b>&"q"'x'`);
    fs.cpSync(SAMPLE, dir, { recursive: true });
    // A cited cell that states no figure: the references rule quotes its text in the message.
    edit(path.join(dir, 'tables', 'main-indicators.yaml'), 'actual: 516台', `actual: { zh: ${JSON.stringify(hostile)}, en: ${JSON.stringify(hostile)} }`);
    const c = checkDir(dir);
    const doc = new JSDOM(fs.readFileSync(path.join(renderTo(c), 'check.html'), 'utf8')).window.document;
    const zh = path.join(dir, 'zh', '01-review.md');
    const finding = c.findings.find((f) => f.ruleId === 'references' && f.place.file === zh && f.message.includes(hostile));
    expect(finding, c.findings.map((f) => f.message).join('\n')).toBeDefined();
    const key = `${zh}:${finding!.place.line}:${finding!.place.column}`;
    const item = [...doc.querySelectorAll('#findings li.finding.error')].find((li) => li.querySelector('a.where')?.textContent === key);
    expect(item?.querySelector('.sev')?.textContent).toBe('error');
    expect(item?.querySelector('.msg')?.textContent).toBe(finding!.message);
    expect(item?.getAttribute('data-rule')).toBe('references');
    const figure = doc.getElementById(item!.querySelector('a.where')!.getAttribute('href')!.slice(1));
    expect(figure?.getAttribute('data-place')).toBe(key);
    expect(figure?.getAttribute('data-status')).toBe('mismatch');
    // Attribute values come back whole: their quotes were escaped, not closing the attribute.
    expect(figure?.getAttribute('title')).toContain(finding!.message);
    expect(doc.querySelector('header p')?.textContent).toContain(dir);
    expect(doc.querySelectorAll('script, b')).toHaveLength(0);
  });
});

describe('check.html styles', () => {
  const c = checkDir(SAMPLE);
  const style = (templates: string) => {
    const out = tempDir('baogao-check-report-');
    renderCheckReport(c.edition, c.findings, out, { figures: c.figures, templates });
    return new JSDOM(fs.readFileSync(path.join(out, 'check.html'), 'utf8')).window.document.querySelector('head > style')?.textContent;
  };

  it("come from templates/check.css, an edition's own when its templates/ has one, else the package's", () => {
    const own = tempDir();
    fs.writeFileSync(path.join(own, 'check.css'), '.s-mismatch { background: magenta; }\n');
    expect(style(own)).toBe('.s-mismatch { background: magenta; }\n');
    expect(style(tempDir())).toBe(fs.readFileSync(path.join(TEMPLATES, 'check.css'), 'utf8'));
  });
});

describe('check.html of one long table', () => {
  /** check.html of the sample plus a table of `rows` rows summed by its total row (scripts/make-synthetic.ts). */
  function longTable(rows: number): { doc: Document; bytes: number; c: Checked } {
    const dir = makeRows(rows, path.join(tempDir(), `rows-${rows}`));
    const c = checkDir(dir);
    const out = tempDir('baogao-check-report-');
    renderCheckReport(c.edition, c.findings, out, { figures: c.figures });
    const html = fs.readFileSync(path.join(out, 'check.html'), 'utf8');
    return { doc: new JSDOM(html).window.document, bytes: Buffer.byteLength(html), c };
  }

  it('names the sum on each part, not every other term, so the page grows with the rows, not their square', () => {
    const small = longTable(300);
    const middle = longTable(600);
    const big = longTable(900);
    const table = big.c.edition.tables.find((t) => t.id === 'synthetic-rows')!;
    const part = table.rows[500].cells.amount;
    const other = table.rows[700].cells.amount.quantity!.digits;
    const span = big.doc.querySelector(`.fig[data-place="${table.file}:${part.place.line}:${part.place.column}"]`);
    expect(span?.getAttribute('data-status')).toBe('verified');
    const title = span!.getAttribute('title')!;
    expect(title).toMatch(/one of 900 parts adding up to [\d.]+; the total reads [\d.]+/);
    expect(title.split(' + ')).toHaveLength(1);
    expect(title).not.toContain(` ${other} `);
    // Linear: each 300 rows more add the same bytes (a quadratic page would add 5/3 as much the second time).
    const first = middle.bytes - small.bytes;
    const second = big.bytes - middle.bytes;
    expect(second / first).toBeGreaterThan(0.9);
    expect(second / first).toBeLessThan(1.1);
  });
});
