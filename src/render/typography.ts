/**
 * English typography for the published pages: straight quotes and
 * apostrophes become typographic ones (“ ” ‘ ’), as in the State Council's
 * English reports. Only the rendered copy changes: the model, which the
 * checker compares with the glossary and the Chinese, keeps what the
 * author typed. Dashes and ellipses are left as written.
 */
import type { Root, RootContent } from 'mdast';
import remarkSmartypants from 'remark-smartypants';
import type { Lang } from '../model.js';

const curl = (remarkSmartypants as unknown as (o: object) => unknown)({ backticks: false, dashes: false, ellipses: false }) as (tree: Root) => void;

/** A narrative block with typographic quotes, for English; the block itself is not changed. */
export function smartBlock<T extends RootContent>(block: T, lang: Lang): T {
  if (lang !== 'en') return block;
  const copy = structuredClone(block);
  curl({ type: 'root', children: [copy] });
  return copy;
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
