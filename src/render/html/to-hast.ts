/**
 * Narrative blocks to sanitized HTML: `:num` becomes the cell's figure in the
 * page's language, `:ref` the table's number, and nothing executable survives.
 */
import type { Element, ElementContent, Root as HastRoot } from 'hast';
import { sanitize, defaultSchema, type Schema } from 'hast-util-sanitize';
import { toHtml } from 'hast-util-to-html';
import type { RootContent } from 'mdast';
import type { TextDirective } from 'mdast-util-directive';
import { toHast, type State } from 'mdast-util-to-hast';
import { lookupCell, numText } from '../../model/cells.js';
import { directiveLabel } from '../../markdown/remark-known-directives.js';
import type { Edition, Lang } from '../../model.js';
import { withoutFigureEmphasis } from '../../model/figure-emphasis.js';
import { refLabel } from '../../model/labels.js';

/**
 * The default GitHub schema, plus the classes and data attributes baogao's
 * own elements carry. `javascript:` URLs, event handlers, `<script>` and
 * `<style>` stay forbidden.
 */
const schema: Schema = {
  ...defaultSchema,
  clobberPrefix: '',
  attributes: {
    ...defaultSchema.attributes,
    '*': [...(defaultSchema.attributes?.['*'] ?? []), 'className', 'id', 'dataRef', 'dataStatus', 'dataPlace'],
    // GitHub's schema allows one class on a link (its footnote back-reference), which stripped the `ref` of a :ref link.
    a: [...(defaultSchema.attributes?.a ?? []).filter((x) => !(Array.isArray(x) && x[0] === 'className')), 'className'],
  },
};

/** Renders `:num` and `:ref` for one language. */
function handlers(edition: Edition, lang: Lang, file: string, preview: boolean) {
  return {
    textDirective(_state: State, node: TextDirective): ElementContent {
      const label = directiveLabel(node);
      const line = node.position?.start.line ?? 1;
      const column = node.position?.start.column ?? 1;
      if (node.name === 'ref') {
        const target = edition.tables.find((t) => t.id === label) ?? edition.figures.find((f) => f.id === label);
        const kind = edition.tables.some((t) => t.id === label) ? 'table' : 'figure';
        return {
          type: 'element',
          tagName: 'a',
          properties: { className: ['ref'], href: `#${kind}-${label}` },
          children: [{ type: 'text', value: target ? refLabel(kind, target.number, lang, edition.meta.style.numbering) : label }],
        };
      }
      const value = numText(edition.tables, node, lang, edition.meta.style.precision);
      // The data key and the source place are for the editor's preview (watch
      // finds a figure by its place); a published page shows neither, and its
      // bytes must not depend on how the edition's path was typed.
      const properties = preview
        ? { className: ['num'], dataRef: label, dataPlace: `${file}:${line}:${column}`, title: lookupCell(edition.tables, label).cell ? label : undefined }
        : { className: ['num'] };
      return {
        type: 'element',
        tagName: 'span',
        properties,
        children: [{ type: 'text', value }],
      };
    },
  };
}

/**
 * One narrative block as an HTML string, sanitized, with bold figures as the
 * edition chooses for `lang`. Headings go one level down: the report's title
 * is the page's `h1`, so a chapter (`#`, 一、) is an `h2` and a section
 * (`##`, （一）) an `h3`.
 */
export function blockHtml(block: RootContent, edition: Edition, lang: Lang, file: string, preview = false): string {
  const shown = edition.meta.style.boldFigures[lang] ? block : withoutFigureEmphasis(block, lang);
  const node = shown.type === 'heading' ? { ...shown, depth: Math.min(6, shown.depth + 1) as 1 | 2 | 3 | 4 | 5 | 6 } : shown;
  const tree = toHast({ type: 'root', children: [node] }, { handlers: handlers(edition, lang, file, preview) as never }) as HastRoot | Element;
  const clean = sanitize(tree, schema);
  return toHtml(clean);
}
