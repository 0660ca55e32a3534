/**
 * `check.html`: the report as the checker saw it. The findings come first,
 * each linked to its place; then every chapter, Chinese and English side by
 * side block by block, with every figure coloured by status and the source
 * cell or the comparison shown on hover. An editor reads it to see not only
 * what is wrong but what was never checked.
 *
 * The page is one hast tree written by hast-util-to-html, like the report's
 * blocks: the renderer only lays out what the check stage found.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Root } from 'hast';
import { h } from 'hastscript';
import { toHtml } from 'hast-util-to-html';
import type { FigureStatusEntry, Finding } from '../../diagnostics.js';
import type { Edition, Lang } from '../../model.js';
import { PACKAGE_ROOT, VERSION } from '../../version.js';
import { chapterSection } from './chapters.js';
import type { MarkContext } from './marks.js';
import { findingsSection, header } from './page.js';
import { Anchors, StatusBook } from './status.js';

export interface CheckReportOptions {
  /** The templates folder holding check.css; the package's by default. */
  templates?: string;
  /** Per-figure statuses, as `runChecks` recorded them beside the findings. */
  figures: FigureStatusEntry[];
}

/** The first of each id, as a scan with `find` would take it. */
function byId<T extends { id: string }>(list: readonly T[]): Map<string, T> {
  const m = new Map<string, T>();
  for (const x of list) if (!m.has(x.id)) m.set(x.id, x);
  return m;
}

/** check.html as a hast tree; `css` goes into its `<style>`. */
export function checkReportTree(edition: Edition, findings: Finding[], figures: FigureStatusEntry[], css: string): Root {
  const book = new StatusBook(figures, findings);
  const anchors = new Anchors();
  const tables = byId(edition.tables);
  const figureById = byId(edition.figures);
  const ctx = (lang: Lang): MarkContext => ({ edition, lang, book, anchors, tables, figures: figureById });
  // The chapters first: they count the figures of the legend and set the anchors the findings link to.
  const chapters = edition.chapters.map((ch) => chapterSection(ctx, ch));
  const head = h('head', [
    h('meta', { charset: 'utf-8' }),
    h('meta', { name: 'viewport', content: 'width=device-width, initial-scale=1' }),
    h('meta', { name: 'generator', content: `baogao ${VERSION}` }),
    h('title', `${edition.meta.title.zh} — 检查报告 / check report`),
    h('style', css),
  ]);
  const body = h('body', [header(edition, findings, book.counts), findingsSection(findings, anchors), ...chapters]);
  return h(null, [{ type: 'doctype' }, h('html', { lang: 'zh-Hans' }, [head, body])]);
}

/**
 * Writes `check.html` into `outDir` (the build's staging folder) and returns
 * the relative paths written.
 */
export function renderCheckReport(edition: Edition, findings: Finding[], outDir: string, opts: CheckReportOptions): string[] {
  // A templates folder of the edition's own may leave check.css out: the package's serves then.
  const own = opts.templates && path.join(opts.templates, 'check.css');
  const cssFile = own && fs.existsSync(own) ? own : path.join(PACKAGE_ROOT, 'templates', 'check.css');
  const tree = checkReportTree(edition, findings, opts.figures, fs.readFileSync(cssFile, 'utf8'));
  fs.mkdirSync(outDir, { recursive: true });
  fs.writeFileSync(path.join(outDir, 'check.html'), toHtml(tree));
  return ['check.html'];
}
