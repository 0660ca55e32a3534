/**
 * Hostile input: nothing an author (or a pasted document) writes in Markdown
 * or YAML may become a script, an event handler or a `javascript:` URL in the
 * output; every unescaped `{{{…}}}` in the templates is justified; files that
 * lead outside the edition are refused; and printing loads nothing from the
 * network.
 */
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Handlebars from 'handlebars';
import { JSDOM } from 'jsdom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyOps, BASE_DIR, type Op } from '../scripts/make-bad-fixtures.js';
import { build, type Format } from '../src/build.js';
import { BaogaoError } from '../src/diagnostics.js';
import { loadEdition } from '../src/load/index.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const TEMPLATES = path.join(ROOT, 'templates');
const tmpRoot = fs.mkdtempSync(path.join(fs.realpathSync(os.tmpdir()), 'baogao-safety-'));
afterAll(() => fs.rmSync(tmpRoot, { recursive: true, force: true }));

/** A stage is available once its placeholder (which throws "not available") has been replaced. */
function stageAvailable(stage: 'pdf' | 'xlsx'): boolean {
  return !/not available in this version/.test(fs.readFileSync(path.join(ROOT, 'src/render', stage, 'index.ts'), 'utf8'));
}

let counter = 0;
/** A copy of the bad-input base edition with `ops` applied. */
function edition(ops: Op[]): string {
  const dir = path.join(tmpRoot, `e${++counter}`, 'edition');
  fs.cpSync(BASE_DIR, dir, { recursive: true });
  applyOps(dir, ops);
  return dir;
}

async function buildTo(dir: string, formats: Format[]): Promise<string> {
  const out = path.join(path.dirname(dir), 'out');
  // force: the check may object to hostile text; rendering is what is tested here.
  await build({ edition: dir, out, langs: ['zh', 'en'], formats, force: true, templates: TEMPLATES });
  return out;
}

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => fs.statSync(path.join(dir, f)).isFile());
}

const ZH1 = 'zh/01-review.md';
const EN1 = 'en/01-review.md';
const ZH2 = 'zh/02-plan.md';
const EN2 = 'en/02-plan.md';
const IND = 'tables/indicators.yaml';

/** Every way of smuggling code into a page that an author could paste. */
const HOSTILE: Op[] = [
  // Raw HTML blocks and inline HTML in the narrative.
  { op: 'replace', file: ZH2, find: '\n::table{#tax}', with: '\n<script>alert("zh")</script>\n\n::table{#tax}' },
  { op: 'replace', file: EN2, find: '\n::table{#tax}', with: '\n<script>alert("en")</script>\n\n::table{#tax}' },
  { op: 'replace', file: EN1, find: 'year on year,', with: 'year on year<img src=x onerror=alert(document.cookie)><svg onload=alert(document.cookie)></svg>,' },
  {
    op: 'replace',
    file: ZH1,
    find: '见:ref[indicators]',
    with: '见:ref[indicators]<a href="javascript:alert(document.cookie)" onclick="alert(document.cookie)">点此</a>',
  },
  // Markdown links and autolinks with javascript: (and spelling variants), and a data: URL.
  {
    op: 'replace',
    file: EN2,
    find: 'see :ref[tax].',
    with: 'see :ref[tax], [here](javascript:alert(document.cookie)), [there](JaVaScRiPt:alert(document.cookie)), [tab](java%09script:alert(document.cookie)), <javascript:alert(document.cookie)>, [data](data:text/html;base64,PHNjcmlwdD5hbGVydCgpPC9zY3JpcHQ+).',
  },
  // Handlebars-looking text must stay text.
  { op: 'replace', file: ZH2, find: '见:ref[tax]。', with: '见:ref[tax]。模板{{page.title}}与{{{html}}}以及{{> block}}。' },
  // HTML and Handlebars in YAML: captions, row labels, notes, edition title, figure labels.
  {
    op: 'replace',
    file: IND,
    find: 'caption: { zh: 主要指标完成情况, en: Performance on the Main Indicators }',
    with: `caption: { zh: "<script>alert('caption')</script>主要指标完成情况{{page.title}}", en: "<img src=x onerror=alert(document.cookie)>Performance on the Main Indicators" }`,
  },
  {
    op: 'replace',
    file: IND,
    find: 'en: Total retail sales of consumer goods }',
    with: `en: "<a href='javascript:alert(document.cookie)'>Total retail sales</a> of consumer goods" }`,
  },
  {
    op: 'replace',
    file: 'edition.yaml',
    find: 'en: Report on the Implementation',
    with: `en: </title><script>alert('title')</script>{{{page.title}}} Report on the Implementation`,
  },
  {
    op: 'replace',
    file: 'figures/revenue.yaml',
    find: 'caption: { zh: 一般公共预算收入完成情况',
    with: `caption: { zh: "<script>alert('figure')</script>一般公共预算收入完成情况"`,
  },
  {
    op: 'replace',
    file: 'figures/revenue.yaml',
    find: 'label: { zh: 全年预期目标, en: Annual target }',
    with: `label: { zh: "<img src=x onerror=alert(document.cookie)>全年预期目标", en: "</text><script>alert('svg')</script>Annual target" }`,
  },
];

// eslint-disable-next-line no-control-regex -- the control characters are what a browser strips from a scheme
const SPACE_OR_CONTROL = /[\u0000-\u0020]/g;

/** A URL attribute value as a browser would resolve its scheme: case-folded, without whitespace and control characters. */
function scheme(value: string): string {
  return decodeURIComponent(value.replace(/%(?![0-9a-f]{2})/gi, '%25'))
    .replace(SPACE_OR_CONTROL, '')
    .toLowerCase();
}

describe('hostile Markdown and YAML', () => {
  let out: string;
  let pages: string[];

  beforeAll(async () => {
    const dir = edition(HOSTILE);
    const loaded = loadEdition(dir);
    expect(loaded.findings.filter((f) => f.severity === 'error')).toEqual([]);
    out = await buildTo(dir, ['html']);
    pages = filesUnder(out).filter((f) => f.endsWith('.html'));
  });

  it('builds every page', () => {
    expect(pages).toEqual(expect.arrayContaining(['zh/index.html', 'en/index.html', 'bilingual.html']));
  });

  it('has no script element, event handler, javascript: URL or embedded document in any page', () => {
    for (const page of pages) {
      const doc = new JSDOM(fs.readFileSync(path.join(out, page), 'utf8')).window.document;
      expect(doc.querySelectorAll('script, iframe, object, embed, frame, frameset, base, form').length, page).toBe(0);
      for (const el of doc.querySelectorAll('*')) {
        for (const attr of el.getAttributeNames()) {
          const where = `${page}: <${el.tagName.toLowerCase()} ${attr}="${el.getAttribute(attr)}">`;
          expect(attr.toLowerCase().startsWith('on'), where).toBe(false);
          if (/^(href|src|xlink:href|action|formaction|srcset|poster|background|data)$/i.test(attr)) {
            const url = scheme(el.getAttribute(attr) ?? '');
            expect(url.startsWith('javascript:') || url.startsWith('vbscript:') || url.startsWith('data:text/html'), where).toBe(false);
          }
        }
        if (el.tagName.toLowerCase() === 'meta') expect(el.getAttribute('http-equiv')?.toLowerCase(), page).not.toBe('refresh');
      }
    }
  });

  it('shows the hostile text as text', () => {
    const text = (page: string) => new JSDOM(fs.readFileSync(path.join(out, page), 'utf8')).window.document.body.textContent ?? '';
    const zh = text('zh/index.html');
    expect(zh).toContain('<script>alert("zh")</script>');
    expect(zh).toContain("<script>alert('caption')</script>主要指标完成情况{{page.title}}");
    expect(zh).toContain('模板{{page.title}}与{{{html}}}以及{{> block}}。');
    const en = text('en/index.html');
    expect(en).toContain('<img src=x onerror=alert(document.cookie)>');
    // As text, with the English edition's typographic quotes.
    expect(en).toContain('</title><script>alert(‘title’)</script>{{{page.title}}}');
  });
});

describe('templates', () => {
  type Node = {
    type: string;
    loc?: { start: { line: number }; end: { line: number } };
    escaped?: boolean;
    value?: string;
    path?: { original?: string };
    [k: string]: unknown;
  };

  function statements(node: unknown, acc: Node[] = []): Node[] {
    if (!node || typeof node !== 'object') return acc;
    const n = node as Node;
    if (typeof n.type === 'string' && n.type !== 'Program') acc.push(n);
    for (const key of ['body', 'program', 'inverse'] as const) {
      const child = n[key];
      if (Array.isArray(child)) child.forEach((c) => statements(c, acc));
      else if (child) statements(child, acc);
    }
    return acc;
  }

  const templates = fs
    .readdirSync(TEMPLATES, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.hbs'))
    .sort();

  it('are found', () => {
    expect(templates).toEqual(expect.arrayContaining(['layout.hbs', 'bilingual.hbs', path.join('partials', 'block.hbs')]));
  });

  it.each(templates)('%s: every triple-stash has a comment on its line or the line before that names it and says why it is safe', (name) => {
    const ast = Handlebars.parse(fs.readFileSync(path.join(TEMPLATES, name), 'utf8'));
    const all = statements(ast);
    const comments = all.filter((s) => s.type === 'CommentStatement');
    for (const s of all.filter((x) => x.type === 'MustacheStatement' && x.escaped === false)) {
      const line = s.loc!.start.line;
      const variable = s.path?.original ?? '';
      const justified = comments.some(
        (c) =>
          c.loc!.end.line >= line - 1 &&
          c.loc!.start.line <= line &&
          (c.value ?? '').includes(variable) &&
          (c.value ?? '').trim().length >= variable.length + 15,
      );
      expect(justified, `${name}:${line}: {{{${variable}}}} needs a {{!-- ${variable}: why it is safe --}} comment on its line or the line before`).toBe(true);
    }
  });
});

describe('paths cannot leave the edition', () => {
  const SECRET = 'SECRET-OUTSIDE-THE-EDITION';

  it.each([
    ['a table file', 'tables/tax.yaml'],
    ['a chapter file', EN2],
    ['the tables folder', 'tables'],
    ['edition.yaml', 'edition.yaml'],
  ])('refuses %s that is a symlink to the outside, naming it', async (_what, file) => {
    const dir = edition([{ op: 'symlink-out', file }]);
    // Mark the outside copy, so that a leak would show in the outputs.
    const outside = path.join(path.dirname(dir), 'outside', file);
    for (const f of fs.statSync(outside).isDirectory() ? fs.readdirSync(outside).map((n) => path.join(outside, n)) : [outside]) {
      fs.appendFileSync(f, f.endsWith('.md') ? `\n${SECRET}\n` : `\n# ${SECRET}\n`);
    }
    const errors = loadEdition(dir).findings.filter((f) => f.severity === 'error');
    expect(errors.some((e) => e.ruleId === 'load/file' && e.message.includes('outside the edition') && e.place.file.startsWith(path.join(dir, file)))).toBe(
      true,
    );
    const err = await buildTo(dir, ['html']).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(BaogaoError);
    const out = path.join(path.dirname(dir), 'out');
    expect(fs.existsSync(out) ? filesUnder(out) : []).toEqual([]);
  });
});

/** The error's message and the messages of its findings. */
function explain(e: unknown): string {
  const err = e as BaogaoError;
  return [err.message, ...err.findings.map((f) => f.message)].join('\n');
}

describe.skipIf(!stageAvailable('pdf'))('printing loads nothing from the network', () => {
  let server: http.Server;
  const requests: string[] = [];
  let base = '';

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      requests.push(req.url ?? '');
      res.writeHead(200, { 'content-type': 'image/png' });
      res.end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it.each([
    [
      'a remote image in Markdown',
      (url: string): Op[] => [
        { op: 'replace', file: EN1, find: '\n::figure{#revenue}', with: `\n![chart](${url}/image.png)\n\n::figure{#revenue}` },
        { op: 'replace', file: ZH1, find: '\n::figure{#revenue}', with: `\n![图](${url}/image.png)\n\n::figure{#revenue}` },
      ],
    ],
    [
      'a remote link in Markdown',
      (url: string): Op[] => [{ op: 'replace', file: EN2, find: 'see :ref[tax].', with: `see :ref[tax] and [the source](${url}/page.html).` }],
    ],
  ])('%s is never fetched', async (_what, ops) => {
    const before = requests.length;
    const dir = edition(ops(base));
    const result = await buildTo(dir, ['html', 'pdf']).then(
      () => 'built',
      (e: unknown) => e,
    );
    expect(requests.slice(before), 'requests the print made to the server').toEqual([]);
    // Either the PDF is printed without the remote file, or the build refuses with a clear message naming it.
    if (result !== 'built') {
      expect(result).toBeInstanceOf(BaogaoError);
      expect(explain(result)).toContain(base);
    } else {
      expect(fs.existsSync(path.join(path.dirname(dir), 'out', 'en', 'report.pdf'))).toBe(true);
    }
  });

  it('a file outside the build referenced as an image is refused, not read', async () => {
    const secret = path.join(tmpRoot, 'secret.png');
    fs.writeFileSync(secret, 'not an image');
    // Enough ../ to reach / from wherever the page is written, then the absolute path.
    const up = `${'../'.repeat(40)}${secret.slice(1)}`;
    const dir = edition([
      { op: 'replace', file: EN1, find: '\n::figure{#revenue}', with: `\n![secret](${up})\n\n::figure{#revenue}` },
      { op: 'replace', file: ZH1, find: '\n::figure{#revenue}', with: `\n![秘密](${up})\n\n::figure{#revenue}` },
    ]);
    const result = await buildTo(dir, ['html', 'pdf']).then(
      () => 'built',
      (e: unknown) => e,
    );
    expect(result).toBeInstanceOf(BaogaoError);
    expect(explain(result)).toContain('secret.png');
  });
});
