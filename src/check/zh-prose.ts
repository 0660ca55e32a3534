/**
 * The Chinese prose as the prose rules read it: each paragraph, heading and
 * table cell of the narrative flattened to one string, split into sentences,
 * with every figure found in it.
 */
import { visit } from 'unist-util-visit';
import type { Edition } from '../model.js';
import { scanZh, type FoundFigure } from '../quantity/parse-zh.js';
import { flatten, isInText, type FlatText } from '../model/text-places.js';

export interface ZhText {
  file: string;
  flat: FlatText;
  /** Sentences as [start, end) offsets: text up to 。！？； or a line break. */
  sentences: [number, number][];
  figures: FoundFigure[];
}

// Three rules read the same texts; an edition is loaded afresh for every check, so its texts are kept with it.
const cache = new WeakMap<Edition, ZhText[]>();

export function zhTexts(edition: Edition): ZhText[] {
  const known = cache.get(edition);
  if (known) return known;
  const out: ZhText[] = [];
  cache.set(edition, out);
  for (const ch of edition.chapters) {
    const { file, tree } = ch.docs.zh;
    visit(tree, (n) => {
      if (n.type !== 'paragraph' && n.type !== 'heading' && n.type !== 'tableCell') return;
      const flat = flatten(n);
      const ends = [...flat.text.matchAll(/[。！？；\n]/gu)].map((m) => (m.index ?? 0) + 1);
      const bounds = [0, ...ends.filter((e) => e < flat.text.length), flat.text.length];
      const sentences = bounds.slice(0, -1).map((b, i): [number, number] => [b, bounds[i + 1]]);
      out.push({ file, flat, sentences, figures: scanZh(flat.text).filter((f) => isInText(flat, f.digitsIndex)) });
      return 'skip';
    });
  }
  return out;
}

/** The sentence [start, end) that holds offset `k`. */
export function sentenceAt(t: ZhText, k: number): [number, number] {
  return t.sentences.find(([a, b]) => k >= a && k < b) ?? [0, t.flat.text.length];
}
