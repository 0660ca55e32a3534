/**
 * The body of check.html: every chapter, Chinese and English side by side
 * block by block as the loader aligned them, each block with an id that
 * findings inside its lines link to.
 */
import type { Element } from 'hast';
import { h } from 'hastscript';
import type { RootContent } from 'mdast';
import { alignedBlocks } from '../../markdown/blocks.js';
import type { Chapter } from '../../model.js';
import { blockHast, figureHast, tableHast, type MarkContext } from './marks.js';

function blockSide(ctx: MarkContext, node: RootContent | undefined, file: string, id: string): Element {
  if (!node) return h('div', { className: ['missing'] }, '—');
  ctx.anchors.addBlock(file, node.position?.start.line ?? 0, node.position?.end.line ?? 0, id);
  if (node.type === 'leafDirective' && node.name === 'table') {
    const t = ctx.tables.get(node.attributes?.id ?? '');
    return h('div', { className: ['blk'], id }, t ? tableHast(ctx, t) : []);
  }
  if (node.type === 'leafDirective' && node.name === 'figure') {
    const f = ctx.figures.get(node.attributes?.id ?? '');
    // Findings about the figure's data file link to the block that shows it.
    if (f && !ctx.anchors.tables.has(f.file)) ctx.anchors.tables.set(f.file, id);
    return h('div', { className: ['blk'], id }, f ? figureHast(ctx, f) : []);
  }
  return h('div', { className: ['blk'], id }, blockHast(ctx, node, file));
}

/** One chapter's section; `ctx` gives the context of each language. */
export function chapterSection(ctx: (lang: 'zh' | 'en') => MarkContext, ch: Chapter): Element {
  const pairs = alignedBlocks(ch).map((p, i) => {
    const zh = blockSide(ctx('zh'), p.zh, ch.docs.zh.file, `b-${ch.id}-${i + 1}-zh`);
    const en =
      p.en || !p.zh
        ? blockSide(ctx('en'), p.en, ch.docs.en.file, `b-${ch.id}-${i + 1}-en`)
        : h('div', { className: ['missing', 'untranslated'] }, '待翻译 · not yet translated');
    return h('div', { className: ['pair'] }, [h('div', { className: ['zh'], lang: 'zh-Hans' }, zh), h('div', { className: ['en'], lang: 'en' }, en)]);
  });
  const title = h('h2', { className: ['chapter-id'] }, `${ch.docs.zh.file} · ${ch.docs.en.file}`);
  return h('section', { className: ['chapter'], id: `chapter-${ch.id}` }, [title, ...pairs]);
}
