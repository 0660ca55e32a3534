/**
 * The Markdown parser of the narrative: CommonMark + GFM + directives, with
 * baogao's own checks as remark plugins. Problems come back as findings.
 */
import type { Root } from 'mdast';
import remarkCjkFriendly from 'remark-cjk-friendly';
import remarkDirective from 'remark-directive';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { VFile } from 'vfile';
import type { Collector } from '../diagnostics.js';
import { remarkKnownDirectives } from './remark-known-directives.js';
import { remarkLiteralColons } from './remark-literal-colons.js';
import { remarkNoFootnotes } from './remark-no-footnotes.js';
import { remarkNoImages } from './remark-no-images.js';
import { remarkNoRawHtml } from './remark-no-raw-html.js';
import { MAX_NESTING, tooDeepText, tooDeepTree } from './nesting.js';
import { remarkReviewMarks } from './remark-review-marks.js';

// remark-cjk-friendly: CommonMark's emphasis rules fail next to CJK punctuation
// (`**:num[…]**亿元` would stay literal asterisks); the report bolds figures there.
const processor = unified()
  .use(remarkParse)
  .use(remarkGfm)
  .use(remarkCjkFriendly)
  .use(remarkDirective)
  .use(remarkLiteralColons)
  .use(remarkReviewMarks)
  .use(remarkKnownDirectives)
  .use(remarkNoRawHtml)
  .use(remarkNoImages)
  .use(remarkNoFootnotes);

/** Parses one chapter file; its messages become findings in `out`. Undefined when it nests too deep to be walked. */
export function parseMarkdown(text: string, file: string, out: Collector): Root | undefined {
  const deep = tooDeepText(text, file);
  if (deep) {
    out.error('markdown/nesting', deep.place, `${deep.what}; a report nests a list or a quote a few levels at most: is this file what it should be?`);
    return undefined;
  }
  const vfile = new VFile({ path: file, value: text });
  const tree = processor.runSync(processor.parse(vfile), vfile);
  for (const m of vfile.messages) {
    out.add({
      severity: m.fatal ? 'error' : 'warning',
      ruleId: `markdown/${m.ruleId ?? 'parse'}`,
      message: m.reason,
      place: { file, line: m.line ?? 1, column: m.column ?? 1 },
    });
  }
  const node = tooDeepTree(tree);
  if (node) {
    const at = node.position?.start;
    out.error(
      'markdown/nesting',
      { file, line: at?.line ?? 1, column: at?.column ?? 1 },
      `marks nested more than ${MAX_NESTING * 2} deep (emphasis in emphasis, directives in labels); a report needs a few levels at most`,
    );
    return undefined;
  }
  return tree;
}
