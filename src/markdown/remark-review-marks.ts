/**
 * remark plugin: the editors' marks on a block, which print nothing.
 *
 * - `:confirmed` says "this block, carried over from last year, stands as it
 *   is": the checker stops listing it as to-review.
 * - `:ack[reason]{rule=table-arithmetic}` accepts the findings of one rule in
 *   this block, with the reason (required).
 *
 * The marks are taken out of the tree and recorded on the top-level block
 * (`block.data.marks`), so that no later stage sees them as text, figures or
 * directives, and a block's fingerprint does not change when one is added.
 */
import type { Root, RootContent } from 'mdast';
import type { Plugin } from 'unified';
import type { Position } from 'unist';
import type { VFile } from 'vfile';

export interface BlockAck {
  rule: string;
  reason: string;
  line: number;
  column: number;
}

export interface BlockMarks {
  confirmed?: { line: number; column: number };
  acks: BlockAck[];
}

const MARKS = new Set(['confirmed', 'ack']);

interface MarkNode {
  type: 'textDirective';
  name: string;
  attributes?: Record<string, string | null | undefined> | null;
  children: { type: string; value?: string }[];
  position?: Position;
}

/** The marks of a top-level block, if it has any. */
export function marksOf(block: RootContent): BlockMarks | undefined {
  return (block.data as { marks?: BlockMarks } | undefined)?.marks;
}

export const remarkReviewMarks: Plugin<[], Root> = () => (tree, file: VFile) => {
  const found: { node: MarkNode; parent: { children: unknown[] }; block: RootContent }[] = [];
  const walk = (parent: { children?: unknown[] }, block: RootContent): void => {
    for (const child of parent.children ?? []) {
      const n = child as MarkNode & { children?: unknown[] };
      if (n.type === 'textDirective' && MARKS.has(n.name)) found.push({ node: n, parent: parent as { children: unknown[] }, block });
      else if (Array.isArray(n.children)) walk(n, block);
    }
  };
  for (const block of tree.children) walk(block as { children?: unknown[] }, block);
  for (const { node, parent, block } of found) {
    const at = { line: node.position?.start.line ?? 1, column: node.position?.start.column ?? 1 };
    const fail = (reason: string) => {
      const m = file.message(reason, { place: node.position, ruleId: 'directive', source: 'baogao' });
      m.fatal = true;
    };
    const data = (block.data ??= {}) as { marks?: BlockMarks };
    const marks = (data.marks ??= { acks: [] });
    const reason = node.children
      .map((c) => c.value ?? '')
      .join('')
      .trim();
    if (node.name === 'confirmed') {
      if (reason || Object.keys(node.attributes ?? {}).length) fail('write :confirmed alone, without brackets or braces');
      marks.confirmed = at;
    } else {
      const rule = node.attributes?.rule?.trim();
      if (!reason) fail(':ack needs the reason in brackets: :ack[原报告公布数]{rule=table-arithmetic}');
      else if (!rule) fail(':ack[…] needs the rule it acknowledges: {rule=zh-vs-en}');
      else marks.acks.push({ rule, reason, ...at });
    }
    // Take the mark out, with the space an editor types before it.
    const i = parent.children.indexOf(node);
    const prev = parent.children[i - 1] as { type: string; value: string } | undefined;
    const next = parent.children[i + 1] as { type: string; value: string } | undefined;
    parent.children.splice(i, 1);
    if (prev?.type === 'text' && (!next || next.type !== 'text' || /^\s/.test(next.value))) prev.value = prev.value.replace(/[ \t]+$/, '');
  }
};
