/**
 * English typography for the published pages: straight quotes and
 * apostrophes become typographic ones (“ ” ‘ ’), as in the State Council's
 * English reports. Only the rendered copy changes: the model, which the
 * checker compares with the glossary and the Chinese, keeps what the
 * author typed. Dashes and ellipses are left as written.
 */
import type { Nodes, Root, RootContent } from 'mdast';
import { retext } from 'retext';
import retextSmartypants from 'retext-smartypants';
import type { Lang } from '../model.js';

const quotes = retext().use(retextSmartypants, { backticks: false, dashes: false, ellipses: false });

/** Blocks whose text starts afresh: a quote at their start opens (remark-smartypants' rule). */
const BLOCKS = new Set(['paragraph', 'heading', 'tableCell']);

/**
 * What remark-smartypants 3 does with quotes only, in its order: the text of
 * the tree (inline code as a run of letters, a space before each block) is
 * curled in one parse, so that quotes pair across emphasis and links, then
 * cut back into the text nodes. remark-smartypants then parses every text
 * node a second time for dashes and ellipses, which these options turn off:
 * that second parse did nothing and cost half of the English HTML
 * (tests/watch-patch.test.ts holds the two equal on the sample).
 */
function curl(tree: Root): void {
  const nodes: Nodes[] = [];
  let all = '';
  const walk = (node: Nodes, top: boolean) => {
    if (!top && node.type === 'text') all += node.value;
    else if (!top && node.type === 'inlineCode') all += 'A'.repeat(node.value.length);
    else if (!top && BLOCKS.has(node.type)) all += ' ';
    if (!top) nodes.push(node);
    if ('children' in node) for (const c of node.children) walk(c, false);
  };
  walk(tree, true);
  const curled = quotes.processSync(all).toString();
  let at = 0;
  for (const node of nodes) {
    if (node.type === 'text') {
      node.value = curled.slice(at, at + node.value.length);
      at += node.value.length;
    } else if (node.type === 'inlineCode') at += node.value.length;
    else if (BLOCKS.has(node.type)) at += 1;
  }
}

/** The text nodes of a tree, in document order: the only nodes curling changes. */
function texts(node: RootContent, out: { value: string }[] = []): { value: string }[] {
  if (node.type === 'text') out.push(node);
  if ('children' in node) for (const c of node.children) texts(c, out);
  return out;
}

/**
 * The curled text of blocks seen before, keyed by the block without its
 * source positions: `baogao watch` lays out a whole chapter again after an
 * edit, and curling (a natural-language parse) costs most of that. Entries
 * not used by the last two renders are dropped.
 */
const curled = new Map<string, { values: string[]; used: number }>();
let generation = 0;
const noPosition = (k: string, v: unknown) => (k === 'position' ? undefined : v);

/** A narrative block with typographic quotes, for English; the block itself is not changed. */
export function smartBlock<T extends RootContent>(block: T, lang: Lang): T {
  if (lang !== 'en') return block;
  // Only straight quotes change: a block without one (most of them) needs no
  // natural-language parse, which cost a fifth of the HTML stage.
  if (!texts(block).some((n) => /['"]/.test(n.value))) return block;
  const copy = structuredClone(block);
  const key = JSON.stringify(block, noPosition);
  const nodes = texts(copy);
  const hit = curled.get(key);
  if (hit && hit.values.length === nodes.length) {
    nodes.forEach((n, i) => (n.value = hit.values[i]));
    hit.used = generation;
    return copy;
  }
  curl({ type: 'root', children: [copy] });
  const after = texts(copy);
  // Curling changes text values only; were it ever to split or merge nodes, nothing is remembered.
  if (after.length === nodes.length) curled.set(key, { values: after.map((n) => n.value), used: generation });
  return copy;
}

/** Called once per render: forgets the curled blocks no render used since the one before. */
export function nextTypographyGeneration(): void {
  generation++;
  for (const [k, e] of curled) if (e.used < generation - 1) curled.delete(k);
}

/** A line of English text (a caption, a cell, a title) with typographic quotes. */
export function smartText(text: string, lang: Lang): string;
export function smartText(text: string | undefined, lang: Lang): string | undefined;
export function smartText(text: string | undefined, lang: Lang): string | undefined {
  if (lang !== 'en' || !text || !/['"]/.test(text)) return text;
  const node = { type: 'text' as const, value: text };
  curl({ type: 'root', children: [{ type: 'paragraph', children: [node] }] });
  return node.value;
}
