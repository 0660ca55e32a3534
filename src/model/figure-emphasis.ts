/**
 * Bold figures are a convention of the Chinese report (`全年实现税收总收入**791.7**亿元`);
 * official English does not bold its figures. The edition chooses per
 * language (edition.yaml `style.<lang>.bold_figures`); where the choice is no,
 * emphasis that holds nothing but figures is dropped from the page, while
 * emphasis on words (a lead phrase, a name) stays.
 */
import type { PhrasingContent, RootContent } from 'mdast';
import type { Lang } from '../model.js';
import { scanEn } from '../quantity/parse-en.js';
import { scanZh } from '../quantity/parse-zh.js';

/** The plain text of phrasing content; a `:num` stands for a figure (0). */
function textOf(nodes: PhrasingContent[]): string | undefined {
  let s = '';
  for (const n of nodes) {
    if (n.type === 'text') s += n.value;
    else if (n.type === 'textDirective' && n.name === 'num') s += ' 0 ';
    else return undefined; // links, code, nested emphasis: not a bare figure
  }
  return s;
}

/** True when the emphasised text is figures only: `RMB 79.17 billion`, `8.6`, `:num[…]`. */
export function isFigureOnly(nodes: PhrasingContent[], lang: Lang): boolean {
  const text = textOf(nodes);
  if (text === undefined || !/\d/.test(text)) return false;
  const spans = lang === 'zh' ? scanZh(text).map((f) => [f.index, f.index + f.length]) : scanEn(text).map((f) => [f.index, f.index + f.length]);
  let rest = '';
  let at = 0;
  for (const [start, end] of spans) {
    rest += text.slice(at, start);
    at = Math.max(at, end);
  }
  rest += text.slice(at);
  return /^[\s\p{P}]*$/u.test(rest);
}

/** A copy of `block` with the emphasis of figure-only `strong` nodes removed (the model's tree is not touched). */
export function withoutFigureEmphasis<T extends RootContent>(block: T, lang: Lang): T {
  const visit = (node: RootContent): RootContent | RootContent[] => {
    if (node.type === 'strong' && isFigureOnly(node.children, lang)) return node.children;
    if (!('children' in node)) return node;
    return { ...node, children: (node.children as RootContent[]).flatMap(visit) } as RootContent;
  };
  return visit(block) as T;
}
