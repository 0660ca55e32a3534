/**
 * remark plugin: GFM footnotes (`text[^1]` with `[^1]: note`) are refused
 * with an error at each one. The report's pages, the PDF's flow, the
 * bilingual view and the block-by-block check have no place for a note that
 * floats to the end of a chapter, and a note dropped in silence is a data
 * note lost; a government report's data notes belong to the table they
 * qualify (`notes:` in its YAML, printed under it) or in brackets in the text.
 */
import type { Root } from 'mdast';
import type { Plugin } from 'unified';
import { visit } from 'unist-util-visit';

const ADVICE =
  'footnotes are not part of the edition format; put a data note under its table (notes: in the table file, marked in the label cell) or in brackets in the sentence';

export const remarkNoFootnotes: Plugin<[], Root> = () => (tree, file) => {
  visit(tree, ['footnoteReference', 'footnoteDefinition'], (node) => {
    const id = 'identifier' in node ? String(node.label ?? node.identifier) : '';
    const what = node.type === 'footnoteReference' ? `footnote reference [^${id}]` : `footnote definition [^${id}]:`;
    const m = file.message(`${what}: ${ADVICE}`, { place: node.position, ruleId: 'footnote', source: 'baogao' });
    m.fatal = true;
  });
};
