/**
 * Where a character of prose or of a table text is in its source file. The
 * rules read a block as one flat string (so that `有序实施**10**幅零星地块改造`
 * is one phrase across its emphasis) and must still report the line and column
 * of the exact character, in the Markdown file or in the table's YAML file.
 */
import type { Nodes, Text } from 'mdast';
import type { Place } from '../model.js';
import { forgetSources, lineColumn, sourceText } from '../source-text.js';

/** Stands in for a `:num`/`:ref` directive or inline code: no figure, no word. */
export const OBJECT = '\uFFFC';

interface Segment {
  start: number;
  node: Text;
}

/** A block's text as one string, with the text nodes it came from. */
export interface FlatText {
  text: string;
  segments: Segment[];
}

/** Flattens a block (paragraph, heading, list …) into its text. */
export function flatten(node: Nodes): FlatText {
  const flat: FlatText = { text: '', segments: [] };
  const walk = (n: Nodes): void => {
    if (n.type === 'text') {
      flat.segments.push({ start: flat.text.length, node: n });
      flat.text += n.value;
    } else if (n.type === 'textDirective' || n.type === 'inlineCode' || n.type === 'leafDirective') {
      flat.text += OBJECT;
    } else if (n.type === 'break') {
      flat.text += '\n';
    } else if ('children' in n) {
      const blockish = n.type === 'list' || n.type === 'listItem' || n.type === 'blockquote';
      for (const c of n.children as Nodes[]) {
        walk(c);
        if (blockish) flat.text += '\n';
      }
    }
  };
  walk(node);
  return flat;
}

/** True when `offset` of the flat text lies in a text node (not in a directive or separator). */
export function isInText(flat: FlatText, offset: number): boolean {
  return segmentAt(flat, offset) !== undefined;
}

function segmentAt(flat: FlatText, offset: number): Segment | undefined {
  for (let i = flat.segments.length - 1; i >= 0; i--) {
    const s = flat.segments[i];
    if (offset >= s.start) return offset < s.start + s.node.value.length ? s : undefined;
  }
  return undefined;
}

/**
 * The file position of character `offset` of the flat text. Columns are
 * UTF-16 units of the line, as mdast counts them; a newline inside a text
 * node (a soft line break) moves to the next line.
 */
export function placeAt(flat: FlatText, offset: number, file: string): Place {
  const seg = segmentAt(flat, offset) ?? flat.segments.find((s) => s.start >= offset) ?? flat.segments[flat.segments.length - 1];
  const start = seg?.node.position?.start ?? { line: 1, column: 1 };
  if (!seg) return { file, line: start.line, column: start.column };
  const k = Math.max(0, Math.min(offset - seg.start, seg.node.value.length));
  const before = seg.node.value.slice(0, k);
  const nl = before.lastIndexOf('\n');
  if (nl < 0) return { file, line: start.line, column: start.column + k };
  return { file, line: start.line + before.split('\n').length - 1, column: k - nl };
}

/** Forgets cached sources (tests rewrite files between runs). */
export const clearSourceCache = forgetSources;

/**
 * The place of character `offset` of a table text (a cell, a list item, a
 * caption) whose YAML node starts at `at`. The loader keeps the place of the
 * key only, so the text is looked up in the source after it; when it cannot
 * be found verbatim (an escaped or folded scalar) the key's place is kept.
 */
export function yamlTextPlace(at: Place, text: string, offset: number): Place {
  const src = sourceText(at.file);
  if (!src) return at;
  const from = (src.lineStarts[at.line - 1] ?? 0) + at.column - 1;
  const w0 = Math.max(0, offset - 8);
  const window = text.slice(w0, Math.min(text.length, offset + 8));
  const hit = window ? src.text.indexOf(window, from) : -1;
  if (hit < 0) return at;
  return { file: at.file, ...lineColumn(src, hit + (offset - w0)) };
}

/** `file:line:column`, the key under which statuses and anchors are kept. */
export function placeKey(p: Place): string {
  return `${p.file}:${p.line}:${p.column}`;
}
