/**
 * Aligns the blocks of a Chinese chapter with those of its English: which
 * English block translates which Chinese one. Blocks pair only when they are
 * of the same kind (a level-2 heading with a level-2 heading, table X with
 * table X); among those, the pairing that agrees most by content wins: the
 * data references and table/figure references each block holds, and its
 * length against the chapter's usual English/Chinese ratio. So a paragraph
 * added in one language, or split in two in the English, is found where it
 * is, not at the chapter's end.
 */
import type { RootContent } from 'mdast';
import { visit } from 'unist-util-visit';
import type { AlignedPair } from '../model.js';
import { blockSignature } from './blocks.js';

interface Shape {
  sig: string;
  keys: Set<string>;
  length: number;
}

function shapeOf(block: RootContent): Shape {
  const keys = new Set<string>();
  let length = 0;
  visit(block, (n) => {
    if (n.type === 'textDirective') keys.add(`${n.name}:${n.children.map((c) => ('value' in c ? c.value : '')).join('')}`);
    else if (n.type === 'text') length += n.value.length;
  });
  return { sig: blockSignature(block), keys, length };
}

/** The data and table references a block holds (`num:table/row/col`, `ref:id`): what pairs it with its translation. */
export function blockKeys(block: RootContent): Set<string> {
  return shapeOf(block).keys;
}

function similarity(a: Shape, b: Shape, ratio: number): number {
  let shared = 0;
  for (const k of a.keys) if (b.keys.has(k)) shared++;
  const union = a.keys.size + b.keys.size - shared;
  const keyScore = union ? (2 * shared) / union - (shared === 0 ? 1 : 0) : 0;
  const expected = a.length * ratio;
  const lengthScore = expected > 0 && b.length > 0 ? Math.min(expected, b.length) / Math.max(expected, b.length) : 0;
  return 1 + keyScore + 0.5 * lengthScore;
}

/** The alignment of two block lists, in reading order. */
export function alignBlocks(zh: RootContent[], en: RootContent[]): AlignedPair[] {
  const a = zh.map(shapeOf);
  const b = en.map(shapeOf);
  const total = (s: Shape[]) => s.reduce((n, x) => n + x.length, 0);
  const ratio = total(a) > 0 ? total(b) / total(a) : 1;
  const n = a.length;
  const m = b.length;
  // best[i][j]: the best score aligning a[i..] with b[j..].
  const best = Array.from({ length: n + 1 }, () => new Float64Array(m + 1));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      const skip = Math.max(best[i + 1][j], best[i][j + 1]);
      const pair = a[i].sig === b[j].sig ? similarity(a[i], b[j], ratio) + best[i + 1][j + 1] : -Infinity;
      best[i][j] = Math.max(skip, pair);
    }
  }
  const out: AlignedPair[] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[i].sig === b[j].sig && best[i][j] === similarity(a[i], b[j], ratio) + best[i + 1][j + 1]) out.push({ zh: i++, en: j++ });
    else if (i < n && (j >= m || best[i][j] === best[i + 1][j])) out.push({ zh: i++ });
    else out.push({ en: j++ });
  }
  return out;
}
