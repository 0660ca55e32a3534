/**
 * The block structure of a chapter: the unit in which the Chinese and the
 * English file are aligned (block n of one is the translation of block n of
 * the other).
 */
import type { Root, RootContent } from 'mdast';

/** A short signature of a block's kind: `heading:2`, `paragraph`, `table#industry-tax`. */
export function blockSignature(node: RootContent): string {
  switch (node.type) {
    case 'heading':
      return `heading:${node.depth}`;
    case 'list':
      return `list:${node.children.length}`;
    case 'leafDirective':
      return `${node.name}#${node.attributes?.id ?? ''}`;
    default:
      return node.type;
  }
}

/** Top-level blocks of a chapter, without definitions that print nothing. */
export function blocksOf(tree: Root): RootContent[] {
  return tree.children.filter((n) => n.type !== 'definition' && n.type !== 'yaml');
}

/** What a signature means to an editor: "a level-2 heading", "table industry-tax". */
export function describeSignature(sig: string): string {
  if (sig.startsWith('heading:')) return `a level-${sig.slice(8)} heading`;
  if (sig.startsWith('list:')) return `a list of ${sig.slice(5)} items`;
  if (sig.includes('#')) return `${sig.split('#')[0]} ${sig.split('#')[1]}`;
  return `a ${sig}`;
}

/** The chapter's blocks, Chinese and English side by side as aligned (either side may be missing). */
export function alignedBlocks(ch: {
  docs: { zh: { tree: Root }; en: { tree: Root } };
  alignment: { zh?: number; en?: number }[];
}): { zh?: RootContent; en?: RootContent; zhIndex?: number; enIndex?: number }[] {
  const zh = blocksOf(ch.docs.zh.tree);
  const en = blocksOf(ch.docs.en.tree);
  return ch.alignment.map((p) => ({
    zh: p.zh !== undefined ? zh[p.zh] : undefined,
    en: p.en !== undefined ? en[p.en] : undefined,
    zhIndex: p.zh,
    enIndex: p.en,
  }));
}
