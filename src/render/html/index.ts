/**
 * The HTML stage: one page per language and the bilingual page, from the
 * Handlebars templates, plus the stylesheet and the font slices they need.
 */
import fs from 'node:fs';
import path from 'node:path';
import Handlebars from 'handlebars';
import type { Edition, Lang } from '../../model.js';
import { codePoints, writeFonts } from '../fonts.js';
import { compiledSpec, compiledTemplate } from './compiled-templates.js';
import { partialFiles, templateFile, templateSource } from './template-files.js';
import { langView, type BlockView, type LangView } from './view-model.js';
import { trace } from '../../trace.js';
import { replaceFile } from '../../output.js';

export interface HtmlOptions {
  /** The templates folder (layout.hbs, bilingual.hbs, partials/, report.css); a file it lacks is the package's (an edition's templates/). */
  templates: string;
  langs: readonly Lang[];
  /** Mark every page as a draft (征求意见稿 / DRAFT): items are open, or the build was forced past errors. */
  draft: boolean;
  version: string;
  /** The editor's preview (watch): figures and rows keep their data keys and source places. */
  preview?: boolean;
  /** Page numbers of headings (or the PDF stage's placeholders), for the printed table of contents. */
  tocPages?: Partial<Record<Lang, Record<string, number | string>>>;
}

export interface HtmlResult {
  /** Relative output paths written, e.g. `zh/index.html`. */
  files: string[];
  views: Partial<Record<Lang, LangView>>;
}

export type Templates = { layout: Handlebars.TemplateDelegate; bilingual: Handlebars.TemplateDelegate };

/** Compiles the templates with a private Handlebars instance (no global state). */
export function compileTemplates(dir: string): Templates {
  const hb = Handlebars.create();
  let ahead = 0;
  let all = 0;
  // Each text is looked up once: a compiled one needs neither checking nor compiling.
  const compile = (file: string) => {
    let spec: ReturnType<typeof compiledSpec>;
    const text = templateSource(file, (t) => (spec = compiledSpec(t)) !== undefined);
    all++;
    if (spec) ahead++;
    return compiledTemplate(hb, text, spec);
  };
  for (const [name, file] of partialFiles(dir)) hb.registerPartial(name, compile(file));
  const templates = { layout: compile(templateFile(dir, 'layout.hbs')), bilingual: compile(templateFile(dir, 'bilingual.hbs')) };
  trace(`html: templates, ${ahead} of ${all} compiled ahead`);
  return templates;
}

/** Renders the page of one language to a string (used by the PDF stage too). */
export function renderLangPage(t: Templates, view: LangView, opts: HtmlOptions, edition: Edition): string {
  const pages = opts.tocPages?.[view.lang];
  const page = pages ? { ...view, toc: view.toc.map((e) => ({ ...e, page: pages[e.id] })) } : view;
  return t.layout({
    page,
    assets: '../assets',
    draft: opts.draft,
    preview: opts.preview,
    version: opts.version,
    date: edition.meta.datePlaceholder ? undefined : edition.meta.date,
  });
}

/**
 * The English block of the bilingual page, its ids (and the links to them)
 * suffixed `-en`: the Chinese block beside it has the same ones, and a
 * page's ids are unique.
 */
function englishBeside(b: BlockView | undefined): Partial<BlockView> {
  if (!b) return {};
  if (b.table) return { ...b, table: { ...b.table, anchor: `${b.table.anchor}-en` } };
  if (b.figure) return { ...b, figure: { ...b.figure, anchor: `${b.figure.anchor}-en` } };
  if (!b.html) return b;
  return { ...b, html: b.html.replace(/\b(id="|href="#)([^"]+)"/g, '$1$2-en"') };
}

/** Renders the bilingual page: both languages side by side, block by block. */
export function renderBilingual(t: Templates, zh: LangView, en: LangView, opts: HtmlOptions): string {
  const chapters = zh.chapters.map((ch, c) => ({
    id: ch.id,
    pairs: ch.blocks.map((b: BlockView, i) => ({ index: i + 1, zh: b, en: englishBeside(en.chapters[c]?.blocks.find((x) => x.pair === b.pair)) })),
  }));
  return t.bilingual({ zh, en, chapters, assets: 'assets', draft: opts.draft, preview: opts.preview, version: opts.version });
}

/** A language whose page is laid out, with the assets its print needs written (fonts.css covers it). */
export interface LangReady {
  lang: Lang;
  view: LangView;
  /** The compiled templates, which the print of the page reuses (compiling them costs tens of milliseconds). */
  templates: Templates;
}

/**
 * The HTML stage in steps: it yields each language as soon as its page is
 * laid out and fonts.css covers it, so that the build can start printing it
 * while the next language is laid out (a language's print takes longer than
 * its layout). fonts.css is written again after each language (replaced
 * whole, for a page that is reading it), and last for every page.
 */
export function* htmlSteps(edition: Edition, outDir: string, opts: HtmlOptions, staged = true): Generator<LangReady, HtmlResult> {
  const t = compileTemplates(opts.templates);
  const assets = path.join(outDir, 'assets');
  fs.mkdirSync(assets, { recursive: true });
  const sheets = ['report.css', 'print.css'];
  for (const sheet of sheets) fs.copyFileSync(templateFile(opts.templates, sheet), path.join(assets, sheet));
  const css = sheets.map((s) => fs.readFileSync(templateFile(opts.templates, s), 'utf8')).join('\n');
  const placed = new Set<string>();
  // The characters of the style sheets and of every page so far: each page is read once.
  const used = codePoints([css]);
  let counted = 0;
  const fontsFor = (pages: [string, string][]) => {
    codePoints(
      pages.slice(counted).map(([, html]) => html),
      used,
    );
    counted = pages.length;
    replaceFile(path.join(assets, 'fonts.css'), writeFonts(assets, used, placed));
  };
  const views: Partial<Record<Lang, LangView>> = {};
  const pages: [string, string][] = [];
  for (const lang of opts.langs) {
    const view = langView(edition, lang, opts);
    views[lang] = view;
    pages.push([`${lang}/index.html`, renderLangPage(t, view, opts, edition)]);
    trace(`html: ${lang}`);
    if (staged) {
      fontsFor(pages);
      yield { lang, view, templates: t };
    }
  }
  if (views.zh && views.en) pages.push(['bilingual.html', renderBilingual(t, views.zh, views.en, opts)]);
  fontsFor(pages);
  for (const [rel, html] of pages) {
    fs.mkdirSync(path.dirname(path.join(outDir, rel)), { recursive: true });
    fs.writeFileSync(path.join(outDir, rel), html);
  }
  const fontFiles = fs
    .readdirSync(path.join(assets, 'fonts'))
    .sort()
    .map((f) => `assets/fonts/${f}`);
  return { files: [...pages.map(([rel]) => rel), 'assets/report.css', 'assets/print.css', 'assets/fonts.css', ...fontFiles], views };
}

/** Writes the pages into `outDir` (a staging folder) and returns what it wrote. */
export function renderHtml(edition: Edition, outDir: string, opts: HtmlOptions): HtmlResult {
  const steps = htmlSteps(edition, outDir, opts, false);
  for (let r = steps.next(); ; r = steps.next()) if (r.done) return r.value;
}
