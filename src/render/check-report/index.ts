/**
 * `check.html`: the report as the checker saw it. The findings come first,
 * each linked to its place; then every chapter, Chinese and English side by
 * side block by block, with every figure coloured by status and the source
 * cell or the comparison shown on hover. An editor reads it to see not only
 * what is wrong but what was never checked.
 */
import fs from 'node:fs';
import path from 'node:path';
import Handlebars from 'handlebars';
import type { RootContent } from 'mdast';
import { placeKey } from '../../model/text-places.js';
import { sortFindings, type FigureStatus, type FigureStatusEntry, type Finding } from '../../diagnostics.js';
import { openItems } from '../../report/open-items.js';
import { alignedBlocks } from '../../markdown/blocks.js';
import type { Edition, Lang } from '../../model.js';
import { PACKAGE_ROOT, VERSION } from '../../version.js';
import { Anchors, blockHtml, figureHtml, STATUSES, StatusBook, tableHtml, type MarkContext } from './marks.js';

export interface CheckReportOptions {
  /** The templates folder holding check.hbs; the package's by default. */
  templates?: string;
  /**
   * Per-figure statuses, as the check stage recorded them (`runChecks` with
   * `figures`): a renderer shows what the checker found, it does not check.
   */
  figures: FigureStatusEntry[];
}

const LEGEND: Record<FigureStatus, { zh: string; en: string }> = {
  mismatch: { zh: '不一致', en: 'mismatch' },
  verified: { zh: '已与表格核对', en: 'verified against a table' },
  'cross-checked': { zh: '已与另一语言核对', en: 'checked against the other language' },
  'data-linked': { zh: '数据引用', en: 'data-linked (taken from a table)' },
  unchecked: { zh: '未核对', en: 'unchecked' },
};

function blockSide(ctx: MarkContext, node: RootContent | undefined, file: string, id: string): string {
  if (!node) return '<div class="missing">—</div>';
  ctx.anchors.addBlock(file, node.position?.start.line ?? 0, node.position?.end.line ?? 0, id);
  let html: string;
  if (node.type === 'leafDirective' && node.name === 'table') {
    const t = ctx.edition.tables.find((x) => x.id === node.attributes?.id);
    html = t ? tableHtml(ctx, t) : '';
  } else if (node.type === 'leafDirective' && node.name === 'figure') {
    const f = ctx.edition.figures.find((x) => x.id === node.attributes?.id);
    html = f ? figureHtml(ctx, f) : '';
    // Findings about the figure's data file link to the block that shows it.
    if (f && !ctx.anchors.tables.has(f.file)) ctx.anchors.tables.set(f.file, id);
  } else html = blockHtml(ctx, node, file);
  return `<div class="blk" id="${id}">${html}</div>`;
}

const SEVERITY_ORDER = { error: 0, warning: 1, info: 2 } as const;

/** The view the template lays out. */
export function checkReportView(edition: Edition, findings: Finding[], figures: FigureStatusEntry[]) {
  const book = new StatusBook(figures, findings);
  const anchors = new Anchors();
  const ctx = (lang: Lang): MarkContext => ({ edition, lang, book, anchors });
  const chapters = edition.chapters.map((ch) => {
    const pairs = alignedBlocks(ch).map((p, i) => ({
      zh: blockSide(ctx('zh'), p.zh, ch.docs.zh.file, `b-${ch.id}-${i + 1}-zh`),
      en: p.en || !p.zh ? blockSide(ctx('en'), p.en, ch.docs.en.file, `b-${ch.id}-${i + 1}-en`) : '<div class="missing untranslated">待翻译 · not yet translated</div>',
    }));
    return { id: ch.id, files: `${ch.docs.zh.file} · ${ch.docs.en.file}`, pairs };
  });
  const count = (s: Finding['severity']) => findings.filter((f) => f.severity === s && !f.acknowledged).length;
  return {
    title: `${edition.meta.title.zh} — 检查报告 / check report`,
    edition: edition.dir,
    version: VERSION,
    summary: { errors: count('error'), warnings: count('warning'), notes: count('info'), acknowledged: findings.filter((f) => f.acknowledged).length, open: openItems(findings).length },
    severities: edition.meta.severity.map((s) => ({ rule: s.rule, severity: s.severity })),
    legend: STATUSES.map((s) => ({ status: s, ...LEGEND[s], count: book.counts[s] })),
    figureCount: STATUSES.reduce((n, s) => n + book.counts[s], 0),
    // Errors first, then warnings, then notes: what blocks printing comes first.
    findings: sortFindings(findings).sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]).map((f) => ({
      severity: f.severity,
      ruleId: f.ruleId,
      message: f.message,
      where: placeKey(f.place),
      href: anchors.href(f.place),
      other: f.other && { label: f.other.label ?? '', where: placeKey(f.other), href: anchors.href(f.other) },
      acknowledged: f.acknowledged && { reason: f.acknowledged.reason, where: placeKey(f.acknowledged.place) },
      defaultSeverity: f.severityFrom,
    })),
    chapters,
  };
}

/**
 * Writes `check.html` into `outDir` (the build's staging folder) and returns
 * the relative paths written.
 */
export function renderCheckReport(edition: Edition, findings: Finding[], outDir: string, opts: CheckReportOptions): string[] {
  const hb = Handlebars.create();
  // A templates folder of the edition's own may leave check.hbs out: the package's serves then.
  const own = opts.templates && path.join(opts.templates, 'check.hbs');
  const file = own && fs.existsSync(own) ? own : path.join(PACKAGE_ROOT, 'templates', 'check.hbs');
  const template = hb.compile(fs.readFileSync(file, 'utf8'), { strict: false });
  fs.mkdirSync(outDir, { recursive: true });
  fs.writeFileSync(path.join(outDir, 'check.html'), template(checkReportView(edition, findings, opts.figures)));
  return ['check.html'];
}
