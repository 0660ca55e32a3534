/**
 * remark plugin: raw HTML has no place in a report's narrative. It is reported
 * (a warning: the text is shown escaped, never executed), so a pasted
 * `<script>` or `onclick=` cannot reach the output.
 */
import type { Root } from 'mdast';
import type { Plugin } from 'unified';
import { visit } from 'unist-util-visit';

export const remarkNoRawHtml: Plugin<[], Root> = () => (tree, file) => {
  visit(tree, 'html', (node, index, parent) => {
    file.message('raw HTML is not allowed in the narrative; it is printed as text', { place: node.position, ruleId: 'raw-html', source: 'baogao' });
    if (parent && index !== undefined) parent.children[index] = { type: 'text', value: node.value, position: node.position };
  });
};
