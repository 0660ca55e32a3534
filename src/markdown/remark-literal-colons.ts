/**
 * remark plugin: a colon is a text directive only where one can begin, a name
 * starting with a letter after a character that is not a digit. Reports write
 * ratios and times with bare colons (`三次产业结构调整为2.8:50.9:46.3`, `1:2`,
 * `10:30`); remark-directive reads `:50` as a directive, so those nodes are
 * turned back into the text they were written as, exactly, before the
 * directive check runs. `a:num[…]` after a letter stays a directive.
 */
import type { Parent, Root, Text } from 'mdast';
import type { Plugin } from 'unified';
import { visit } from 'unist-util-visit';

const LETTER = /^\p{L}/u;
const DIGIT = /\d/;

export const remarkLiteralColons: Plugin<[], Root> = () => (tree, file) => {
  const source = String(file.value);
  visit(tree, (node) => {
    if (!('children' in node)) return;
    const parent = node as Parent;
    if (!parent.children.some((c) => c.type === 'textDirective')) return;
    const children: Parent['children'] = [];
    for (const child of parent.children) {
      const start = child.position?.start.offset;
      const end = child.position?.end.offset;
      const literal =
        child.type === 'textDirective' && start !== undefined && end !== undefined && (!LETTER.test(child.name) || DIGIT.test(source.charAt(start - 1)));
      const last = children[children.length - 1];
      const text: Text | undefined = literal
        ? { type: 'text', value: source.slice(start, end), position: child.position }
        : child.type === 'text'
          ? child
          : undefined;
      if (text && last?.type === 'text') {
        // Join with the text before, so that `2.8:50.9` stays one text node for the checks.
        children[children.length - 1] = {
          type: 'text',
          value: last.value + text.value,
          position: last.position && text.position ? { start: last.position.start, end: text.position.end } : last.position,
        };
      } else children.push(text ?? child);
    }
    parent.children = children;
  });
};
