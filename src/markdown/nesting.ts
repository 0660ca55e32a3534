/**
 * Nesting limits of the narrative. A report nests a list in a list, a quote
 * at most; a file nested thousands deep (a conversion gone wrong, or a
 * hostile file) takes the Markdown parser minutes and then overflows the
 * stack of every stage that walks the tree. So the text is looked at before
 * it is parsed, and the tree after.
 */
import type { Nodes, Root } from 'mdast';
import type { Place } from '../model.js';

/** Deepest nesting accepted, of block containers (quotes, lists) and of brackets, far above any report's. */
export const MAX_NESTING = 32;

/** A line's leading quote and list markers: `> - > 1.` is four levels. */
const CONTAINER = /^[ \t]{0,3}(?:>|[-*+](?=[ \t])|\d{1,9}[.)](?=[ \t]))[ \t]?/;

/**
 * The first place where the text nests deeper than {@link MAX_NESTING}:
 * quote and list markers at the start of a line, brackets `[` left open, or
 * indentation deep enough to hold that many lists.
 */
export function tooDeepText(text: string, file: string): { place: Place; what: string } | undefined {
  let line = 1;
  for (let start = 0; start <= text.length; line++) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const s = text.slice(start, end);
    let rest = s;
    let depth = 0;
    for (let m = CONTAINER.exec(rest); m && m[0].length > 0; m = CONTAINER.exec(rest)) {
      depth++;
      rest = rest.slice(m[0].length);
      if (depth > MAX_NESTING)
        return { place: { file, line, column: s.length - rest.length + 1 }, what: `quotes or lists nested more than ${MAX_NESTING} deep` };
    }
    const indent = /^[ \t]*/.exec(s)![0].replace(/\t/g, '    ').length;
    if (indent > MAX_NESTING * 4)
      return { place: { file, line, column: 1 }, what: `a line indented by ${indent} spaces (more than ${MAX_NESTING} nested lists)` };
    let open = 0;
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (c === 0x5b) {
        if (++open > MAX_NESTING) return { place: { file, line, column: i + 1 }, what: `brackets [ nested more than ${MAX_NESTING} deep` };
      } else if (c === 0x5d && open > 0) open--;
    }
    start = end + 1;
  }
  return undefined;
}

/** The first node nested deeper than {@link MAX_NESTING} × 2 levels (inline marks count too), walked without recursion. */
export function tooDeepTree(tree: Root): Nodes | undefined {
  const stack: [Nodes, number][] = [[tree, 0]];
  while (stack.length) {
    const [node, depth] = stack.pop()!;
    if (depth > MAX_NESTING * 2) return node;
    if ('children' in node) for (const child of node.children as Nodes[]) stack.push([child, depth + 1]);
  }
  return undefined;
}
